package dev.shapes.explain;

import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import dev.shapes.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builders of candidate fixes: rewrites of an operand, a keyword, a callee, a declaration or a layer's width. */
final class Edits {

    private Edits() {}

    /** {@code labels} → {@code labels.squeeze(1)}. */
    static Candidate chain(Operand operand, String suffix, String description) {
        return Candidate.of(new Edit(operand.span(), operand.chainable() + suffix), description);
    }

    static Candidate replace(Operand operand, String text, String description) {
        return Candidate.of(new Edit(operand.span(), text), description);
    }

    static Candidate silencingChain(Operand operand, String suffix, String description) {
        return Candidate.silencing(new Edit(operand.span(), operand.chainable() + suffix), description);
    }

    /** Sets {@code keyword=value} on a call: replaces the value if given, else adds the argument. */
    static Optional<Candidate> keyword(Expr.Call call, String keyword, String value, String description) {
        Optional<Expr.Argument> existing = call.arguments().stream()
                .filter(a -> a.keyword().map(keyword::equals).orElse(false)).findFirst();
        if (existing.isPresent()) {
            Edit edit = new Edit(existing.get().value().span(), value);
            return Optional.of(new Candidate(List.of(edit), keyword + "=" + value, description, false));
        }
        Span end = call.span();
        Span at = new Span(end.endLine(), end.endColumn() - 1, end.endLine(), end.endColumn() - 1);
        String text = (call.arguments().isEmpty() ? "" : ", ") + keyword + "=" + value;
        return Optional.of(new Candidate(List.of(new Edit(at, text)), keyword + "=" + value, description, false));
    }

    static Optional<Candidate> keyword(Situation s, String keyword, String value, String description) {
        return s.call.flatMap(CallSite::keywordTarget).flatMap(c -> keyword(c, keyword, value, description));
    }

    /** Removes {@code keyword=...} from a call, with its separating comma. */
    static Optional<Candidate> removeKeyword(CellSource source, Expr.Call call, String keyword, String description) {
        return removeKeyword(call, keyword, description).map(c -> new Candidate(c.edits(),
                within(source, call.span(), c.edits().get(0)), c.description(), c.silencesOnly()));
    }

    static Optional<Candidate> removeKeyword(Expr.Call call, String keyword, String description) {
        List<Expr.Argument> args = call.arguments();
        for (int i = 0; i < args.size(); i++) {
            Expr.Argument a = args.get(i);
            if (a.keyword().map(keyword::equals).orElse(false)) {
                Span span = a.span();
                Span from = i > 0 ? args.get(i - 1).span() : null;
                Span cut = from != null ? new Span(from.endLine(), from.endColumn(), span.endLine(), span.endColumn())
                        : i + 1 < args.size() ? new Span(span.line(), span.column(), args.get(i + 1).span().line(),
                        args.get(i + 1).span().column()) : span;
                return Optional.of(new Candidate(List.of(new Edit(cut, "")), keyword + "=... removed", description,
                        false));
            }
        }
        return Optional.empty();
    }

    /** Replaces the function or loss class a call uses, keeping the user's prefix ({@code F.}, {@code nn.}). */
    static Optional<Candidate> renameCallee(Situation s, String function, String description) {
        Optional<CallSite> call = s.call;
        if (call.isEmpty() || !(call.get().site() instanceof Expr.Call site)) {
            return Optional.empty();
        }
        if (call.get().compiledLoss().isPresent() && call.get().compiledLoss().get() instanceof Expr.StringLiteral str) {
            String text = "\"" + function + "\"";
            return Optional.of(new Candidate(List.of(new Edit(str.span(), text)), "loss=" + text, description, false));
        }
        Expr callee = call.get().constructor().map(Expr.Call::callee).orElse(site.callee());
        String name = call.get().isModuleStyle() ? LossInfo.className(function).orElse(function) : function;
        String text;
        if (callee instanceof Expr.Attribute a) {
            text = s.syntax.source().of(a.target().span()) + "." + name;
        } else if (callee instanceof Expr.Name) {
            text = name;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Candidate(List.of(new Edit(callee.span(), text)), text + (call.get().isModuleStyle()
                ? "()" : "(...)"), description, false));
    }

    /** Replaces the whole call (e.g. with another loss) by {@code text}. */
    static Optional<Candidate> replaceCall(Situation s, String text, String description) {
        return s.call.map(c -> new Candidate(List.of(new Edit(c.site().span(), text)), text, description, false));
    }

    /** Redeclares a declared operand with other axis sizes (values are dropped: it becomes shape-only). */
    static Optional<Candidate> redeclare(Situation s, Operand operand, int axis, String size, String description) {
        if (!(operand.expr() instanceof Expr.Name name)) {
            return Optional.empty();
        }
        Optional<Stmt.Declare> declaration = s.syntax.declaration(name.id(), s.stmtIndex);
        if (declaration.isEmpty() || declaration.get().dims().isEmpty()) {
            return Optional.empty();
        }
        List<String> dims = new ArrayList<>();
        for (Expr d : declaration.get().dims().get()) {
            dims.add(s.syntax.source().of(d.span()));
        }
        if (axis < 0 || axis >= dims.size()) {
            return Optional.empty();
        }
        dims.set(axis, size);
        String text = Facts.declare(name.id(), declaration.get().dtype(), dims);
        return Optional.of(new Candidate(List.of(new Edit(declaration.get().span(), text)), text, description, false));
    }

    /** Redeclares with a whole new shape. */
    static Optional<Candidate> redeclare(Situation s, Operand operand, Shape shape, String description) {
        if (!(operand.expr() instanceof Expr.Name name)) {
            return Optional.empty();
        }
        Optional<Stmt.Declare> declaration = s.syntax.declaration(name.id(), s.stmtIndex);
        if (declaration.isEmpty()) {
            return Optional.empty();
        }
        List<String> dims = shape.dims().stream().map(Object::toString).toList();
        String text = Facts.declare(name.id(), declaration.get().dtype(), dims);
        return Optional.of(new Candidate(List.of(new Edit(declaration.get().span(), text)), text, description, false));
    }

    /**
     * Makes the model that produced {@code prediction} output {@code width}
     * values on its last axis: edits the last {@code nn.Linear(in, out)} or
     * Keras {@code Dense(units)} that computed it, or else its declaration.
     */
    static List<Candidate> width(Situation s, Operand prediction, int axis, long width, String what) {
        List<Candidate> out = new ArrayList<>();
        Optional<Expr.Call> layer = lastLayer(s, prediction.expr(), 0);
        if (layer.isPresent()) {
            Expr.Call call = layer.get();
            String layerName = CellSyntax.terminalName(call.callee()).orElse("");
            List<Expr> positional = CellSyntax.positional(call);
            Optional<Expr> size = layerName.equals("Linear")
                    ? CellSyntax.keyword(call, "out_features").or(() -> positional.size() > 1
                    ? Optional.of(positional.get(1)) : Optional.empty())
                    : CellSyntax.keyword(call, "units").or(() -> positional.isEmpty() ? Optional.empty()
                    : Optional.of(positional.get(0)));
            if (size.isPresent()) {
                Edit edit = new Edit(size.get().span(), String.valueOf(width));
                String code = within(s.syntax.source(), call.span(), edit);
                out.add(new Candidate(List.of(edit), code, "make the model's last layer output " + width + " " + what,
                        false));
            }
        }
        Optional<Expr.Name> declared = declaredThrough(s, prediction.expr(), 0);
        if (declared.isPresent()) {
            Operand origin = new Operand(prediction.role(), declared.get(), declared.get().id(), Optional.empty(),
                    Optional.empty());
            redeclare(s, origin, axis, String.valueOf(width), "declare the model's output with " + width + " " + what
                    + " (its last layer must output " + width + ")").ifPresent(out::add);
        }
        return out;
    }

    private static final java.util.Set<String> SHAPE_PRESERVING = java.util.Set.of("sigmoid", "softmax", "log_softmax",
            "relu", "tanh", "exp", "log", "abs", "float", "double", "half", "clone", "detach", "contiguous", "neg");

    /**
     * The declared tensor an expression comes from through names and
     * shape-preserving functions ({@code probs = torch.sigmoid(x)} leads to
     * {@code x}), so redeclaring it changes the expression's shape alike.
     */
    static Optional<Expr.Name> declaredThrough(Situation s, Expr expr, int depth) {
        if (depth > 8) {
            return Optional.empty();
        }
        if (expr instanceof Expr.Name n) {
            if (s.syntax.declaration(n.id(), s.stmtIndex).isPresent()) {
                return Optional.of(n);
            }
            return s.syntax.definition(n.id(), s.stmtIndex).flatMap(d -> declaredThrough(s, d, depth + 1));
        }
        if (expr instanceof Expr.Call call) {
            String name = CellSyntax.terminalName(call.callee()).orElse("");
            if (!SHAPE_PRESERVING.contains(name)) {
                return Optional.empty();
            }
            if (call.callee() instanceof Expr.Attribute a && !CellSyntax.rootName(a).map(r -> r.equals("torch")
                    || r.equals("F") || r.equals("nn") || r.equals("np") || r.equals("tf")).orElse(false)) {
                return declaredThrough(s, a.target(), depth + 1);
            }
            return CellSyntax.positional(call).stream().findFirst().flatMap(e -> declaredThrough(s, e, depth + 1));
        }
        return Optional.empty();
    }

    /** The text under {@code outer} with {@code edit} (which lies inside it) applied. */
    static String within(CellSource source, Span outer, Edit edit) {
        return within(source, outer, List.of(edit));
    }

    /** The text under {@code outer} with {@code edits} (inside it, not overlapping) applied. */
    static String within(CellSource source, Span outer, List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(source.start(b.span()), source.start(a.span())));
        String text = source.of(outer);
        for (Edit edit : sorted) {
            int from = source.start(edit.span()) - source.start(outer);
            int to = source.end(edit.span()) - source.start(outer);
            text = text.substring(0, from) + edit.replacement() + text.substring(to);
        }
        return text;
    }

    /** The {@code nn.Linear} or {@code Dense} call that last shaped {@code expr}, following names and models. */
    static Optional<Expr.Call> lastLayer(Situation s, Expr expr, int depth) {
        if (depth > 8) {
            return Optional.empty();
        }
        if (expr instanceof Expr.Name n) {
            return s.syntax.definition(n.id(), s.stmtIndex).flatMap(d -> lastLayer(s, d, depth + 1));
        }
        if (!(expr instanceof Expr.Call call)) {
            return Optional.empty();
        }
        String name = CellSyntax.terminalName(call.callee()).orElse("");
        if (name.equals("Linear") || name.equals("Dense")) {
            return Optional.of(call);
        }
        if (name.equals("Sequential")) {
            List<Expr> layers = new ArrayList<>(CellSyntax.positional(call));
            if (layers.size() == 1 && layers.get(0) instanceof Expr.ListExpr list) {
                layers = new ArrayList<>(list.items());
            }
            for (int i = layers.size() - 1; i >= 0; i--) {
                Optional<Expr.Call> found = lastLayer(s, layers.get(i), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (call.callee() instanceof Expr.Call inner) {
            return lastLayer(s, inner, depth + 1);
        }
        if (call.callee() instanceof Expr.Name model) {
            return s.syntax.definition(model.id(), s.stmtIndex).flatMap(d -> lastLayer(s, d, depth + 1));
        }
        if (call.callee() instanceof Expr.Attribute a && (a.name().equals("predict") || a.name().equals("forward"))) {
            return lastLayer(s, a.target(), depth + 1);
        }
        return Optional.empty();
    }
}
