package dev.shapes.notebook;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Environment;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.Value;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Explainer;
import dev.shapes.explain.Explanation;
import dev.shapes.framework.Frameworks;
import dev.shapes.framework.compare.Comparison;
import dev.shapes.lang.CellHeader;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs notebook cells the same way for the kernel and for {@code check}:
 * a leading {@code %%shapes [framework]} header (left to the interpreter; two
 * or more frameworks compare the cell's loss side by side), and the line magics {@code %use}, {@code %who} and {@code %reset}.
 * <p>
 * {@code %use NAME} becomes a {@code use} statement where it stands. {@code %who}
 * and {@code %reset} run before the cell's other statements when they come first
 * and after them when they come last; anywhere else, or any unknown magic, is a
 * UsageError and nothing in the cell runs (as when IPython cannot start a cell).
 */
public final class CellRunner {

    /** The line magics this runner knows, for completion. */
    public static final List<String> LINE_MAGICS = List.of("use", "who", "reset");
    /** The cell magics, for completion. */
    public static final List<String> CELL_MAGICS = List.of("shapes", "explain");

    private static final Pattern MAGIC_LINE = Pattern.compile("^([ \\t]*)%([A-Za-z_]\\w*)?(.*)$");

    private final Interpreter interpreter;
    private final Comparison comparison;
    private final Map<Integer, String> cellLabels = new HashMap<>();

    public CellRunner() {
        this(new Session(Frameworks.all()));
    }

    public CellRunner(Session session) {
        this.interpreter = new Interpreter(session);
        this.comparison = new Comparison(session.frameworks());
    }

    public Session session() {
        return interpreter.session();
    }

    /**
     * Runs one cell. {@code label} names it where {@code %who} says where a
     * tensor was declared ({@code In [3]} in the kernel, {@code cell 3} in check).
     */
    public CellRun run(String cellText, String label) {
        String text = cellText.replace("\r\n", "\n");
        Optional<CellHeader> header = CellHeader.of(text);
        if (header.isPresent() && header.get().magic().equals("explain")) {
            Explanation explanation = Explainer.explainMessage(header.get().body());
            CellResult evaluation = new CellResult(session().nextCellIndex(), List.of());
            return new CellRun(label, text, List.of(), evaluation, List.of(), explanation.diagnoses(),
                    Optional.of(explanation));
        }
        if (header.isPresent() && !header.get().magic().equals("shapes")) {
            String firstLine = text.lines().findFirst().orElse("").strip();
            LineMagic failed = new LineMagic.Failed(1, firstLine, "UsageError",
                    "Cell magic `%%" + header.get().magic() + "` not found.");
            return skipped(label, text, failed);
        }
        String[] lines = text.split("\n", -1);
        int firstBodyLine = header.isPresent() ? 1 : 0;
        List<Integer> statementLines = new ArrayList<>();
        List<Magic> magics = new ArrayList<>();
        for (int i = firstBodyLine; i < lines.length; i++) {
            Matcher m = MAGIC_LINE.matcher(lines[i]);
            if (m.matches() && !lines[i].stripLeading().startsWith("%%") && startsStatement(lines, i)) {
                magics.add(new Magic(i + 1, m.group(2) == null ? "" : m.group(2), m.group(3).strip(), lines[i]));
                if ("use".equals(m.group(2)) && !m.group(3).isBlank()) {
                    // keep the columns: "%use torch" becomes " use torch"
                    lines[i] = m.group(1) + " use" + m.group(3);
                } else {
                    lines[i] = "";
                }
            } else if (!lines[i].isBlank() && !lines[i].stripLeading().startsWith("#")) {
                statementLines.add(i + 1);
            }
        }
        int firstStatement = statementLines.isEmpty() ? Integer.MAX_VALUE : statementLines.get(0);
        int lastStatement = statementLines.isEmpty() ? Integer.MIN_VALUE : statementLines.get(statementLines.size() - 1);
        List<Magic> before = new ArrayList<>();
        List<Magic> after = new ArrayList<>();
        for (Magic magic : magics) {
            Optional<String> problem = magic.problem();
            if (problem.isEmpty() && magic.name.equals("use") && !magic.args.isEmpty()) {
                continue; // now a use statement
            }
            if (problem.isEmpty() && magic.line > firstStatement && magic.line < lastStatement) {
                problem = Optional.of("%" + magic.name + " must come before or after the cell's statements");
            }
            if (problem.isPresent()) {
                return skipped(label, text, new LineMagic.Failed(magic.line, magic.source.strip(), "UsageError",
                        problem.get()));
            }
            (magic.line < firstStatement ? before : after).add(magic);
        }
        List<LineMagic> beforeDone = new ArrayList<>();
        before.forEach(m -> beforeDone.add(apply(m)));
        String rewritten = String.join("\n", lines);
        List<String> compared = header.map(h -> comparison.frameworksNamed(h.arguments())).orElse(List.of());
        CellResult result;
        List<Diagnosis> diagnoses = List.of();
        if (compared.size() > 1) {
            result = comparison.run(session().nextCellIndex(), CellHeader.of(rewritten).orElseThrow().body(), compared);
        } else {
            // fixes are verified against the session as it was before the cell ran
            Session pristine = session().fork();
            result = interpreter.run(rewritten);
            diagnoses = diagnose(text, result, pristine);
        }
        cellLabels.put(result.index(), label);
        List<LineMagic> afterDone = new ArrayList<>();
        after.forEach(m -> afterDone.add(apply(m)));
        return new CellRun(label, text, beforeDone, result, afterDone, diagnoses, Optional.empty());
    }

    /** Diagnoses of the cell's failures; an explanation that itself fails must not cost the user the results. */
    private static List<Diagnosis> diagnose(String cellText, CellResult result, Session before) {
        if (!result.anyFailed() && result.statements().stream().allMatch(s -> s.warnings().isEmpty()
                && s.notes().isEmpty())) {
            return List.of();
        }
        try {
            return Explainer.diagnose(cellText, result, before);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** A magic line is one that starts a statement: not a line inside open brackets or a string. */
    private static boolean startsStatement(String[] lines, int index) {
        if (index == 0) {
            return true;
        }
        return OpenBrackets.scan(String.join("\n", java.util.Arrays.asList(lines).subList(0, index)) + "\n").closed();
    }

    private CellRun skipped(String label, String text, LineMagic failed) {
        CellResult nothing = new CellResult(session().nextCellIndex(), List.of());
        return new CellRun(label, text, List.of(failed), nothing, List.of());
    }

    private LineMagic apply(Magic magic) {
        switch (magic.name) {
            case "reset" -> {
                session().reset();
                cellLabels.clear();
                return new LineMagic.Reset(magic.line);
            }
            case "use" -> {
                return new LineMagic.Using(magic.line, session().profile().label());
            }
            default -> {
                return new LineMagic.Who(magic.line, variables(magic.args));
            }
        }
    }

    /** The tensors in scope, optionally only those of the given dtypes ({@code %who f32 i64}). */
    public List<LineMagic.Variable> variables(String dtypeFilter) {
        List<String> wanted = dtypeFilter.isBlank() ? List.of() : List.of(dtypeFilter.split("[\\s,]+"));
        List<LineMagic.Variable> out = new ArrayList<>();
        for (Environment.Variable v : session().environment().variables().values()) {
            if (!(v.value() instanceof Value.TensorValue tensorValue)) {
                continue;
            }
            Tensor tensor = tensorValue.tensor();
            if (!wanted.isEmpty() && !wanted.contains(tensor.dtype().shortName)
                    && !wanted.contains(tensor.dtype().longName)) {
                continue;
            }
            String cell = cellLabels.getOrDefault(v.cell(), "cell " + (v.cell() + 1));
            out.add(new LineMagic.Variable(v.name(), tensor.dtype().shortName, tensor.shape(), cell,
                    v.definedAt().line()));
        }
        return out;
    }

    /** A magic line as written: its name and the rest of the line. */
    private record Magic(int line, String name, String args, String source) {

        Optional<String> problem() {
            if (name.isEmpty()) {
                return Optional.of("a line magic needs a name after %, e.g. %who");
            }
            if (!LINE_MAGICS.contains(name)) {
                return Optional.of("Line magic function `%" + name + "` not found.");
            }
            if (name.equals("reset") && !args.isEmpty() && !args.equals("-f")) {
                return Optional.of("%reset takes no arguments (or -f), got: " + args);
            }
            return Optional.empty();
        }
    }
}
