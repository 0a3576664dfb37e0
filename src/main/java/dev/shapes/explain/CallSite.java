package dev.shapes.explain;

import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The call (or operator) a statement's problem is about: what it is
 * ({@code function}: a loss's name such as {@code cross_entropy}, a layer
 * class such as {@code Linear}, a method such as {@code .view}, an operator
 * such as {@code @}), its loss contract if it is a loss, the constructor
 * call of a module-style loss ({@code nn.CrossEntropyLoss(...)}), and its
 * operands by role: {@code prediction} and {@code label} for losses,
 * {@code self} for methods, {@code input} for layers and functions,
 * {@code a} and {@code b} for operators.
 */
record CallSite(Expr site, String function, Optional<LossInfo> loss, Optional<Expr.Call> constructor,
                Map<String, Expr> roles, Optional<Expr> compiledLoss, Map<String, String> sources) {

    /** Where a synthetic operand (not written in the cell, e.g. the model's output in fit) points: nowhere. */
    static final Span NOWHERE = new Span(0, 0, 0, 0);

    CallSite(Expr site, String function, Optional<LossInfo> loss, Optional<Expr.Call> constructor,
             Map<String, Expr> roles) {
        this(site, function, loss, constructor, roles, Optional.empty(), Map.of());
    }

    static final String PREDICTION = "prediction";
    static final String LABEL = "label";

    private static final Set<String> NAMESPACES = Set.of("torch", "nn", "F", "functional", "np", "numpy", "keras", "tf",
            "tensorflow", "losses", "layers", "jnp", "jax", "optax", "utils", "activations", "ops");

    boolean isModuleStyle() {
        return constructor.isPresent();
    }

    Optional<Expr> role(String role) {
        return Optional.ofNullable(roles.get(role));
    }

    /** Where a keyword such as {@code ignore_index=} goes: the loss object's constructor, or the call itself. */
    Optional<Expr.Call> keywordTarget() {
        if (constructor.isPresent()) {
            return constructor;
        }
        return site instanceof Expr.Call c ? Optional.of(c) : Optional.empty();
    }

    /**
     * The call or operator in {@code stmt} that {@code blame} (a failure's span) points at or into. Most
     * profiles blame the argument at fault, so the call it is an argument of comes first; JAX's blames the
     * call that raised ({@code blamesTheCall}), which may itself be an argument of another call.
     */
    static Optional<CallSite> locate(CellSyntax syntax, int index, Stmt stmt, Span blame, boolean blamesTheCall) {
        List<Expr> sites = sites(stmt);
        if (sites.isEmpty()) {
            return Optional.empty();
        }
        Comparator<Expr> bySize = Comparator.comparingInt(e -> size(syntax, e.span()));
        Optional<Expr> argumentOf = sites.stream().filter(e -> operands(e).stream().anyMatch(o -> o.span().equals(blame)))
                .min(bySize);
        Optional<Expr> itself = sites.stream().filter(e -> e.span().equals(blame)).min(bySize);
        Optional<Expr> chosen = blamesTheCall ? itself.or(() -> argumentOf) : argumentOf.or(() -> itself);
        if (chosen.isEmpty()) {
            chosen = sites.stream().filter(e -> identify(syntax, index, e).loss().isPresent()).findFirst();
        }
        if (chosen.isEmpty()) {
            chosen = sites.stream().filter(e -> contains(syntax, e.span(), blame)).min(bySize);
        }
        return chosen.map(e -> identify(syntax, index, e));
    }

    /**
     * The call a warning names ({@code jax.nn.one_hot input should be ...} is about the {@code one_hot}
     * call): the innermost site whose function's name the text mentions as a word.
     */
    static Optional<CallSite> named(CellSyntax syntax, int index, Stmt stmt, String text) {
        List<Expr> sites = new ArrayList<>(sites(stmt));
        Collections.reverse(sites);
        for (Expr e : sites) {
            if (e instanceof Expr.Call call) {
                Optional<String> name = CellSyntax.terminalName(call.callee());
                if (name.isPresent() && Pattern.compile("(?<!\\w)" + Pattern.quote(name.get()) + "(?!\\w)")
                        .matcher(text).find()) {
                    return Optional.of(identify(syntax, index, e));
                }
            }
        }
        return Optional.empty();
    }

    /** Calls, operators and subscripts with tensor indices: what a problem can be about, outermost first. */
    static List<Expr> sites(Stmt stmt) {
        List<Expr> sites = new ArrayList<>();
        CellSyntax.walk(stmt, e -> {
            if (e instanceof Expr.Call || e instanceof Expr.Binary
                    || e instanceof Expr.Subscript sub && sub.indices().stream().anyMatch(CallSite::arrayIndex)) {
                sites.add(e);
            }
        });
        return sites;
    }

    /** An index that can be an array: not an integer, a slice, None or an ellipsis. */
    static boolean arrayIndex(Expr index) {
        return !(index instanceof Expr.Slice || index instanceof Expr.IntLiteral || index instanceof Expr.NoneLiteral
                || index instanceof Expr.EllipsisLiteral || index instanceof Expr.Unary);
    }

    /** The site a note about broadcasting is most likely about: fancy indexing, then an operator, then a loss. */
    static Optional<CallSite> forBroadcastNote(CellSyntax syntax, int index, Stmt stmt) {
        List<Expr> sites = sites(stmt);
        Optional<Expr> fancy = sites.stream().filter(e -> e instanceof Expr.Subscript sub
                && sub.indices().stream().filter(CallSite::arrayIndex).count() >= 2).findFirst();
        Optional<Expr> chosen = fancy.or(() -> sites.stream().filter(e -> identify(syntax, index, e).loss().isPresent())
                .findFirst()).or(() -> sites.stream().filter(e -> e instanceof Expr.Binary).findFirst());
        return chosen.map(e -> identify(syntax, index, e));
    }

    private static List<Expr> operands(Expr site) {
        if (site instanceof Expr.Call c) {
            return c.arguments().stream().map(Expr.Argument::value).toList();
        }
        if (site instanceof Expr.Subscript sub) {
            List<Expr> out = new ArrayList<>(sub.indices());
            out.add(sub.target());
            return out;
        }
        if (site instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        }
        return List.of();
    }

    private static int size(CellSyntax syntax, Span span) {
        return syntax.source().end(span) - syntax.source().start(span);
    }

    private static boolean contains(CellSyntax syntax, Span outer, Span inner) {
        CellSource s = syntax.source();
        return s.start(outer) <= s.start(inner) && s.end(inner) <= s.end(outer);
    }

    static CallSite identify(CellSyntax syntax, int index, Expr site) {
        if (site instanceof Expr.Binary b) {
            Map<String, Expr> roles = new LinkedHashMap<>();
            roles.put("a", b.left());
            roles.put("b", b.right());
            return new CallSite(site, b.op().symbol, Optional.empty(), Optional.empty(), roles);
        }
        if (site instanceof Expr.Subscript sub) {
            Map<String, Expr> roles = new LinkedHashMap<>();
            roles.put("self", sub.target());
            List<Expr> indices = sub.indices().size() == 1 && sub.indices().get(0) instanceof Expr.TupleExpr t
                    ? t.items() : sub.indices();
            for (int i = 0; i < indices.size(); i++) {
                roles.put("index" + i, indices.get(i));
            }
            return new CallSite(site, "[]", Optional.empty(), Optional.empty(), roles);
        }
        Expr.Call call = (Expr.Call) site;
        Expr callee = call.callee();
        if (callee instanceof Expr.Call constructor) {
            String name = CellSyntax.terminalName(constructor.callee()).orElse("");
            return module(call, name, constructor);
        }
        if (callee instanceof Expr.Attribute attribute) {
            boolean namespace = CellSyntax.rootName(attribute).map(NAMESPACES::contains).orElse(false)
                    && !(attribute.target() instanceof Expr.Call);
            if (!namespace && Set.of("fit", "evaluate", "train_on_batch", "test_on_batch").contains(attribute.name())
                    && attribute.target() instanceof Expr.Name model) {
                Optional<CallSite> fit = fit(syntax, index, call, model);
                if (fit.isPresent()) {
                    return fit.get();
                }
            }
            if (!namespace) {
                Map<String, Expr> roles = new LinkedHashMap<>();
                roles.put("self", attribute.target());
                List<Expr> positional = CellSyntax.positional(call);
                if (!positional.isEmpty()) {
                    roles.put("input", positional.get(0));
                }
                return new CallSite(site, "." + attribute.name(), Optional.empty(), Optional.empty(), roles);
            }
            return function(call, attribute.name(), CellSyntax.rootName(attribute).orElse(""));
        }
        if (callee instanceof Expr.Name name) {
            Optional<LossInfo> loss = LossInfo.of(name.id());
            if (loss.isPresent() && !LossInfo.isLossClass(name.id())) {
                return function(call, name.id(), "");
            }
            Optional<Expr> definition = syntax.definition(name.id(), index);
            if (definition.isPresent() && definition.get() instanceof Expr.Call constructor) {
                String className = CellSyntax.terminalName(constructor.callee()).orElse(name.id());
                return module(call, className, constructor);
            }
            return function(call, name.id(), "");
        }
        return new CallSite(site, "", Optional.empty(), Optional.empty(), Map.of());
    }

    /**
     * {@code model.fit(X, y)} after {@code model.compile(loss=...)}: the compiled
     * loss with {@code y} as its label and the model's output on {@code X} (a
     * synthetic {@code model(X)}) as its prediction.
     */
    private static Optional<CallSite> fit(CellSyntax syntax, int index, Expr.Call call, Expr.Name model) {
        Optional<Expr> compiled = Optional.empty();
        for (int i = 0; i < Math.min(index, syntax.statements().size()); i++) {
            List<Expr> found = new ArrayList<>();
            CellSyntax.walk(syntax.statements().get(i), e -> {
                if (e instanceof Expr.Call c && c.callee() instanceof Expr.Attribute a && a.name().equals("compile")
                        && a.target() instanceof Expr.Name n && n.id().equals(model.id())) {
                    CellSyntax.keyword(c, "loss").ifPresent(found::add);
                }
            });
            if (!found.isEmpty()) {
                compiled = Optional.of(found.get(found.size() - 1));
            }
        }
        if (compiled.isEmpty()) {
            return Optional.empty();
        }
        Expr loss = compiled.get();
        String name = loss instanceof Expr.StringLiteral str ? str.value()
                : loss instanceof Expr.Call c ? CellSyntax.terminalName(c.callee()).orElse("") : "";
        Optional<LossInfo> info = LossInfo.of(name);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        List<Expr> positional = CellSyntax.positional(call);
        Optional<Expr> x = CellSyntax.keyword(call, "x").or(() -> positional.isEmpty() ? Optional.empty()
                : Optional.of(positional.get(0)));
        Optional<Expr> y = CellSyntax.keyword(call, "y").or(() -> positional.size() < 2 ? Optional.empty()
                : Optional.of(positional.get(1)));
        if (x.isEmpty() || y.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Expr> roles = new LinkedHashMap<>();
        Expr output = new Expr.Call(new Expr.Name(model.id(), NOWHERE),
                List.of(new Expr.Argument(Optional.empty(), x.get(), NOWHERE)), NOWHERE);
        roles.put(LABEL, y.get());
        roles.put(PREDICTION, output);
        roles.put("input", x.get());
        Map<String, String> sources = Map.of(PREDICTION, model.id() + "(" + syntax.source().of(x.get().span()) + ")");
        Optional<Expr.Call> constructor = loss instanceof Expr.Call c ? Optional.of(c) : Optional.empty();
        return Optional.of(new CallSite(call, info.get().function(), info, constructor, roles, compiled, sources));
    }

    private static CallSite module(Expr.Call call, String className, Expr.Call constructor) {
        Optional<LossInfo> loss = LossInfo.of(className);
        if (loss.isPresent()) {
            return new CallSite(call, loss.get().function(), loss, Optional.of(constructor), lossRoles(call, loss.get()));
        }
        Map<String, Expr> roles = new LinkedHashMap<>();
        List<Expr> positional = CellSyntax.positional(call);
        if (!positional.isEmpty()) {
            roles.put("input", positional.get(0));
        }
        return new CallSite(call, className, Optional.empty(), Optional.of(constructor), roles);
    }

    private static CallSite function(Expr.Call call, String name, String namespace) {
        Optional<LossInfo> loss = LossInfo.of(name, namespace);
        if (loss.isPresent() && !LossInfo.isLossClass(name)) {
            return new CallSite(call, loss.get().function(), loss, Optional.empty(), lossRoles(call, loss.get()));
        }
        Map<String, Expr> roles = new LinkedHashMap<>();
        List<Expr> positional = CellSyntax.positional(call);
        if (!positional.isEmpty()) {
            roles.put("input", positional.get(0));
        }
        if (positional.size() > 1) {
            roles.put("second", positional.get(1));
        }
        // array functions called with keywords: jnp.take_along_axis(arr=..., indices=...), np.sum(a=...)
        for (String keyword : List.of("a", "x", "arr", "input")) {
            CellSyntax.keyword(call, keyword).ifPresent(v -> roles.putIfAbsent("input", v));
        }
        for (String keyword : List.of("indices", "b", "y")) {
            CellSyntax.keyword(call, keyword).ifPresent(v -> roles.putIfAbsent("second", v));
        }
        return new CallSite(call, name, Optional.empty(), Optional.empty(), roles);
    }

    private static Map<String, Expr> lossRoles(Expr.Call call, LossInfo loss) {
        Map<String, Expr> roles = new LinkedHashMap<>();
        List<Expr> positional = CellSyntax.positional(call);
        String first = loss.labelFirst() ? LABEL : PREDICTION;
        String second = loss.labelFirst() ? PREDICTION : LABEL;
        if (!positional.isEmpty()) {
            roles.put(first, positional.get(0));
        }
        if (positional.size() > 1) {
            roles.put(second, positional.get(1));
        }
        for (String keyword : List.of(loss.predictionName(), "input", "y_pred", "logits", "predictions")) {
            CellSyntax.keyword(call, keyword).ifPresent(v -> roles.put(PREDICTION, v));
        }
        for (String keyword : List.of(loss.labelName(), "target", "y_true", "labels", "targets")) {
            CellSyntax.keyword(call, keyword).ifPresent(v -> roles.put(LABEL, v));
        }
        return roles;
    }
}
