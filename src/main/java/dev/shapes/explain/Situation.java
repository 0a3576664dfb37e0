package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Note;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a row of the mismatch table looks at for one statement: the
 * framework's complaint ({@code problem}: an error, a warning or a note, and
 * the catalog template it matches), the call it is about, and that call's
 * operands as they were just before the statement ran.
 */
final class Situation {

    /** The complaint being explained. */
    record Problem(Severity severity, String type, String text, Optional<Recognition> recognition,
                   Optional<Note> note) {

        String templateId() {
            return recognition.map(r -> r.template().id()).orElse("");
        }

        /** {@code RuntimeError: ...}, {@code UserWarning: ...} or the note's text. */
        String verbatim() {
            return type.isEmpty() ? text : type + ": " + text;
        }
    }

    final CellSyntax syntax;
    final CellResult cell;
    final int resultIndex;
    final int resultCount;
    /** For each statement of the original cell: whether it did not fail. */
    final List<Boolean> originalOutcomes;
    final int stmtIndex;
    final Stmt stmt;
    final StatementResult result;
    final Problem problem;
    final String framework;
    final Session before;
    final Optional<CallSite> call;
    final Optional<String> loopIteration;
    private Map<String, Operand> operands;
    private Bindings bindings;

    private Situation(CellSyntax syntax, CellResult cell, int resultIndex, int stmtIndex, Stmt stmt,
                      StatementResult result, Problem problem, String framework, Session before,
                      Optional<CallSite> call) {
        this.syntax = syntax;
        this.cell = cell;
        this.resultIndex = resultIndex;
        this.resultCount = cell.statements().size();
        this.originalOutcomes = cell.statements().stream().map(r -> r.failure().isEmpty()).toList();
        this.stmtIndex = stmtIndex;
        this.stmt = stmt;
        this.result = result;
        this.problem = problem;
        this.framework = framework;
        this.before = before;
        this.call = call;
        this.loopIteration = result.notes().stream().filter(n -> n.kind().equals("loop-iteration"))
                .map(Note::message).findFirst();
    }

    static Situation of(CellSyntax syntax, CellResult cell, int resultIndex, int stmtIndex, Problem problem,
                        Session before, Span blame) {
        StatementResult result = cell.statements().get(resultIndex);
        Stmt stmt = syntax.statements().get(stmtIndex);
        String framework = syntax.frameworkAt(stmtIndex).orElse(frameworkOfLabel(result.profile()));
        boolean broadcastNote = problem.note().map(n -> n.kind().equals(Note.SILENT_BROADCAST)).orElse(false);
        boolean blamesTheCall = framework.equals("jax");
        Optional<CallSite> call = broadcastNote ? CallSite.forBroadcastNote(syntax, stmtIndex, stmt)
                .or(() -> CallSite.locate(syntax, stmtIndex, stmt, blame, blamesTheCall))
                : CallSite.locate(syntax, stmtIndex, stmt, blame, blamesTheCall);
        if (call.isEmpty() && problem.severity() != Severity.ERROR) {
            call = CallSite.named(syntax, stmtIndex, stmt, problem.text());
        }
        return new Situation(syntax, cell, resultIndex, stmtIndex, stmt, result, problem, framework, before, call);
    }

    /**
     * The call's operands as they were just before the statement ran, probed
     * once when first asked for (in a loop: the shapes the framework reported).
     */
    Map<String, Operand> operands() {
        if (operands == null) {
            probe();
        }
        return operands;
    }

    /** The size-symbol bindings just before the statement ran. */
    Bindings bindings() {
        if (bindings == null) {
            probe();
        }
        return bindings;
    }

    private void probe() {
        operands = new LinkedHashMap<>();
        bindings = before.bindings().copy();
        if (call.isEmpty()) {
            return;
        }
        List<String> roles = new ArrayList<>(call.get().roles().keySet());
        roles.removeIf(r -> r.startsWith("index") && !CallSite.arrayIndex(call.get().roles().get(r)));
        List<String> sources = roles.stream().map(r -> call.get().sources().getOrDefault(r,
                syntax.source().of(call.get().roles().get(r).span()))).toList();
        List<Optional<Value>> values = new ArrayList<>();
        if (!(stmt instanceof Stmt.For)) {
            Probe.Result probe = Probe.before(syntax, stmt, sources, before);
            values.addAll(probe.values());
            bindings = probe.session().bindings();
        }
        List<FrameworkException.Operand> reported = result.failure().map(StatementResult.Failure::operands)
                .orElse(List.of());
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            Optional<Tensor> tensor = i < values.size() ? values.get(i)
                    .filter(v -> v instanceof Value.TensorValue).map(v -> ((Value.TensorValue) v).tensor())
                    : Optional.empty();
            Optional<Shape> shape = reported.stream().filter(o -> o.role().equals(frameworkRole(role))
                    || o.role().equals(role)).map(FrameworkException.Operand::shape).findFirst();
            operands.put(role, new Operand(role, call.get().roles().get(role), sources.get(i), tensor, shape));
        }
    }

    /** An operand as written, without evaluating anything (no shape, dtype or values). */
    Optional<Operand> written(String role) {
        return call.flatMap(c -> c.role(role).map(e -> new Operand(role, e, c.sources().getOrDefault(role,
                syntax.source().of(e.span())), Optional.empty(), Optional.empty())));
    }

    private static String frameworkRole(String role) {
        return switch (role) {
            case CallSite.PREDICTION -> "input";
            case CallSite.LABEL -> "target";
            default -> role;
        };
    }

    static String frameworkOfLabel(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.startsWith("pytorch")) {
            return "torch";
        }
        if (l.startsWith("numpy")) {
            return "numpy";
        }
        if (l.startsWith("keras") || l.startsWith("tf.keras")) {
            return "keras";
        }
        if (l.startsWith("tensorflow")) {
            return "tf";
        }
        if (l.startsWith("jax")) {
            return "jax";
        }
        return l;
    }

    // ------------------------------------------------------------ what rows ask

    String templateId() {
        return problem.templateId();
    }

    String function() {
        return call.map(CallSite::function).orElse("");
    }

    Optional<LossInfo> loss() {
        return call.flatMap(CallSite::loss);
    }

    boolean isLoss(LossInfo.Family family) {
        return loss().map(l -> l.family() == family).orElse(false);
    }

    Optional<Operand> operand(String role) {
        return Optional.ofNullable(operands().get(role));
    }

    Optional<Operand> prediction() {
        return operand(CallSite.PREDICTION);
    }

    Optional<Operand> label() {
        return operand(CallSite.LABEL);
    }

    /** Both operands of a loss with known shapes. */
    boolean hasShapes() {
        return prediction().flatMap(Operand::shape).isPresent() && label().flatMap(Operand::shape).isPresent();
    }

    Shape predictionShape() {
        return prediction().flatMap(Operand::shape).orElse(Shape.SCALAR);
    }

    Shape labelShape() {
        return label().flatMap(Operand::shape).orElse(Shape.SCALAR);
    }

    Dim resolve(Dim d) {
        return bindings().resolve(d);
    }

    boolean same(Dim a, Dim b) {
        return bindings().sameOrUndecided(a, b);
    }

    boolean sameShape(Shape a, Shape b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (!same(a.dim(i), b.dim(i))) {
                return false;
            }
        }
        return true;
    }

    Optional<Long> known(Dim d) {
        Dim r = resolve(d);
        return r.isKnown() ? Optional.of(r.known().getAsLong()) : Optional.empty();
    }

    boolean inLoop() {
        return stmt instanceof Stmt.For;
    }

    /** How the framework spells itself and its version for the user, e.g. "PyTorch 2.x". */
    String frameworkLabel() {
        return result.profile();
    }
}
