package dev.shapes.framework.compare;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Environment;
import dev.shapes.eval.Framework;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Note;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.lang.CellParser;
import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Side by side: the same declared tensors and the cell's loss, evaluated
 * through each framework's nearest equivalent ({@link Equivalents}). The
 * result is a cell with one statement per framework, so every renderer can
 * show it as a verdict table; the mapping used is a note on the first row.
 */
public final class Comparison {

    public static final String MAPPING_NOTE = "mapping";

    private final List<Framework> frameworks;

    public Comparison(List<Framework> frameworks) {
        this.frameworks = List.copyOf(frameworks);
    }

    /**
     * The framework names among a {@code %%shapes} header's arguments; two or more
     * ask for a side-by-side comparison ({@code %%shapes torch keras numpy}).
     */
    public List<String> frameworksNamed(List<String> headerArguments) {
        List<String> named = new ArrayList<>();
        for (String arg : headerArguments) {
            boolean known = frameworks.stream().anyMatch(f -> f.id().equals(arg) || f.aliases().contains(arg));
            if (known) {
                named.add(arg);
            }
        }
        return named;
    }

    /** Compares {@code body} (a cell without its header) across the named frameworks, in order. */
    public CellResult run(int cellIndex, String body, List<String> frameworkNames) {
        List<Stmt> statements = CellParser.parse(body);
        Optional<Found> found = findLoss(statements, body);
        if (found.isEmpty()) {
            Span at = statements.isEmpty() ? new Span(1, 0, 1, 1) : statements.get(statements.size() - 1).span();
            return new CellResult(cellIndex, List.of(failure(at, body.strip(), "compare",
                    "no loss to compare: the cell needs a call to one of " + knownCallees())));
        }
        Found loss = found.get();
        Equivalents.Row row = refineRow(loss, statements, body);
        List<StatementResult> verdicts = new ArrayList<>();
        for (String name : frameworkNames) {
            verdicts.add(verdict(name, loss, row, statements, body));
        }
        if (!verdicts.isEmpty()) {
            StatementResult first = verdicts.get(0);
            List<Note> notes = new ArrayList<>(first.notes());
            notes.add(0, new Note(MAPPING_NOTE, describeMapping(row, frameworkNames)));
            verdicts.set(0, new StatementResult(first.span(), first.source(), first.profile(), first.outcome(),
                    first.warnings(), notes));
        }
        return new CellResult(cellIndex, verdicts);
    }

    /** The loss statement, its framework, and the source text of each operand role. */
    private record Found(Stmt statement, Equivalents.Match match, Map<String, String> roles, String target) {}

    private Optional<Found> findLoss(List<Stmt> statements, String body) {
        int[] lineStarts = lineStarts(body);
        for (int i = statements.size() - 1; i >= 0; i--) {
            Stmt s = statements.get(i);
            Expr value = null;
            String target = "loss";
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name n) {
                value = a.value();
                target = n.id();
            } else if (s instanceof Stmt.ExprStmt e) {
                value = e.expr();
            }
            if (!(value instanceof Expr.Call call)) {
                continue;
            }
            String callee = calleeName(call.callee());
            Optional<Equivalents.Match> match = Equivalents.recognise(callee);
            if (match.isEmpty()) {
                continue;
            }
            Map<String, String> roles = new LinkedHashMap<>();
            Equivalents.Recogniser r = match.get().recogniser();
            int position = 0;
            for (Expr.Argument arg : call.arguments()) {
                String text = text(body, lineStarts, arg.value().span());
                if (arg.keyword().isPresent()) {
                    String role = r.keywordRoles().get(arg.keyword().get());
                    if (role != null) {
                        roles.put(role, text);
                    }
                } else if (position < r.positionalRoles().size()) {
                    roles.put(r.positionalRoles().get(position++), text);
                }
            }
            return Optional.of(new Found(s, match.get(), roles, target));
        }
        return Optional.empty();
    }

    /** PyTorch's cross_entropy reads probabilities when the target has the input's shape. */
    private Equivalents.Row refineRow(Found loss, List<Stmt> statements, String body) {
        Equivalents.Row row = loss.match().row();
        if (!row.concept().startsWith("softmax cross-entropy, class-index") || !loss.match().framework().equals("torch")) {
            return row;
        }
        Session session = new Session(frameworks);
        Interpreter interpreter = new Interpreter(session);
        interpreter.run("use torch\n" + declarations(statements));
        Optional<Value> logits = valueOf(session.environment(), loss.roles().get("logits"));
        Optional<Value> labels = valueOf(session.environment(), loss.roles().get("labels"));
        if (logits.isPresent() && labels.isPresent() && logits.get() instanceof Value.TensorValue l
                && labels.get() instanceof Value.TensorValue t && t.tensor().dtype().isFloating()
                && l.tensor().shape().equals(t.tensor().shape())) {
            Equivalents.Row probabilities = Equivalents.ROWS.get(1);
            Map<String, String> roles = new LinkedHashMap<>(loss.roles());
            roles.put("probs", roles.remove("labels"));
            loss.roles().clear();
            loss.roles().putAll(roles);
            return probabilities;
        }
        return row;
    }

    private static Optional<Value> valueOf(Environment env, String name) {
        return name == null ? Optional.empty() : env.lookup(name).map(Environment.Variable::value);
    }

    private StatementResult verdict(String frameworkName, Found loss, Equivalents.Row row, List<Stmt> statements,
                                    String body) {
        Span span = loss.statement().span();
        Optional<Framework> framework = frameworks.stream()
                .filter(f -> f.id().equals(frameworkName) || f.aliases().contains(frameworkName)).findFirst();
        if (framework.isEmpty()) {
            return failure(span, frameworkName, frameworkName, "unknown framework '" + frameworkName + "'");
        }
        String id = framework.get().id();
        boolean source = id.equals(loss.match().framework());
        String code;
        if (source) {
            code = loss.statement() instanceof Stmt.Assign a ? textAfterEquals(a.source()) : loss.statement().source();
        } else {
            Optional<String> template = row.spelling(id);
            if (template.isEmpty()) {
                return new StatementResult(span, "(no equivalent)", framework.get().displayName(),
                        new StatementResult.Skipped("", span.line(), framework.get().displayName()
                                + " has no built-in equivalent of " + row.concept()), List.of(), List.of());
            }
            code = template.get();
            for (Map.Entry<String, String> role : loss.roles().entrySet()) {
                code = code.replace("{" + role.getKey() + "}", role.getValue());
            }
            if (code.contains("{")) {
                return failure(span, code, framework.get().displayName(),
                        "the loss call does not name all of its operands (" + String.join(", ", row.roles()) + ")");
            }
        }
        StringBuilder cell = new StringBuilder("use ").append(id).append('\n');
        cell.append(source ? statementsBefore(statements, loss.statement()) : declarations(statements));
        String statement = loss.target() + " = " + code;
        cell.append(statement).append('\n');
        Session session = new Session(frameworks);
        CellResult result;
        try {
            result = new Interpreter(session).run(cell.toString());
        } catch (NotationException e) {
            return failure(span, statement, framework.get().displayName(), e.getMessage());
        }
        StatementResult last = result.statements().get(result.statements().size() - 1);
        String profile = result.statements().get(0).ok() ? last.profile() : framework.get().displayName();
        Optional<StatementResult> broken = result.statements().stream()
                .filter(s -> s != last && !s.ok()).findFirst();
        if (broken.isPresent() && !source) {
            StatementResult b = broken.get();
            return new StatementResult(span, statement, profile, relocate(b.outcome(), span), b.warnings(), b.notes());
        }
        return new StatementResult(span, statement, profile, relocate(last.outcome(), span), last.warnings(),
                last.notes());
    }

    /** Errors in the generated cell point into the user's loss line instead. */
    private static StatementResult.Outcome relocate(StatementResult.Outcome outcome, Span span) {
        if (outcome instanceof StatementResult.Failed f) {
            StatementResult.Failure failure = f.failure();
            return new StatementResult.Failed(new StatementResult.Failure(failure.type(), failure.message(), span,
                    failure.notation(), failure.operands()));
        }
        return outcome;
    }

    private static String statementsBefore(List<Stmt> statements, Stmt loss) {
        StringBuilder out = new StringBuilder();
        for (Stmt s : statements) {
            if (s == loss) {
                break;
            }
            if (!(s instanceof Stmt.Use)) {
                out.append(s.source()).append('\n');
            }
        }
        return out.toString();
    }

    /** The framework-neutral part of a cell: declarations and integer bindings. */
    private static String declarations(List<Stmt> statements) {
        StringBuilder out = new StringBuilder();
        for (Stmt s : statements) {
            boolean sizeBinding = s instanceof Stmt.Assign a && a.value() instanceof Expr.IntLiteral;
            if (s instanceof Stmt.Declare || sizeBinding) {
                out.append(s.source()).append('\n');
            }
        }
        return out.toString();
    }

    private static String describeMapping(Equivalents.Row row, List<String> frameworkNames) {
        StringBuilder out = new StringBuilder(row.concept()).append(": ");
        List<String> parts = new ArrayList<>();
        for (String name : frameworkNames) {
            row.spelling(name).ifPresent(s -> parts.add(name + " " + s));
        }
        out.append(String.join(" ↔ ", parts));
        if (!row.note().isEmpty()) {
            out.append(" (").append(row.note()).append(')');
        }
        return out.toString();
    }

    private static String knownCallees() {
        List<String> names = new ArrayList<>();
        for (Equivalents.Row row : Equivalents.ROWS) {
            row.recognisers().values().forEach(r -> names.add(r.callees().get(0)));
        }
        return String.join(", ", names.stream().distinct().toList());
    }

    private static StatementResult failure(Span span, String source, String profile, String message) {
        return new StatementResult(span, source, profile, new StatementResult.Failed(
                new StatementResult.Failure("CompareError", message, span, true, List.of())), List.of(), List.of());
    }

    /** The callee as written: {@code F.cross_entropy}, or the class of a loss object called directly. */
    static String calleeName(Expr callee) {
        if (callee instanceof Expr.Name n) {
            return n.id();
        }
        if (callee instanceof Expr.Attribute a) {
            String base = calleeName(a.target());
            return base.isEmpty() ? a.name() : base + "." + a.name();
        }
        if (callee instanceof Expr.Call c) {
            return calleeName(c.callee());
        }
        return "";
    }

    private static String textAfterEquals(String assignment) {
        int eq = assignment.indexOf('=');
        return assignment.substring(eq + 1).strip();
    }

    private static String text(String body, int[] lineStarts, Span span) {
        int start = lineStarts[span.line() - 1] + span.column();
        int end = lineStarts[span.endLine() - 1] + span.endColumn();
        return body.substring(start, Math.min(end, body.length()));
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
