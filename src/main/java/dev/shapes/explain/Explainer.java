package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The explanation layer's entry points, for the CLI, the kernel and tests.
 *
 * <ul>
 *   <li>{@link #diagnose(String, CellResult, Session)}: diagnoses with verified
 *       fixes for a cell that has been evaluated;</li>
 *   <li>{@link #check(Session, String)}: evaluates a cell in a session and
 *       diagnoses it (forking the session first, so fixes are verified
 *       against the state the cell started from);</li>
 *   <li>{@link #explainMessage(String)}: recognises a pasted error message or
 *       traceback, reproduces it as a Shapes cell and explains that.</li>
 * </ul>
 */
public final class Explainer {

    private Explainer() {}

    /** A cell's evaluation together with its diagnoses. */
    public record Checked(String cellText, CellResult result, List<Diagnosis> diagnoses) {}

    /**
     * Diagnoses every framework error, warning and note of an evaluated cell,
     * plus the silent bugs Shapes spots. {@code before} is the session as it
     * was before the cell ran (a {@link Session#fork()} taken then); it is
     * only forked, never changed. Passing the session after the run works for
     * cells that do not reassign the names they read.
     */
    public static List<Diagnosis> diagnose(String cellText, CellResult result, Session before) {
        return Diagnoser.diagnose(cellText, result, before);
    }

    /** Runs {@code cellText} in {@code session} (changing it, as a notebook run does) and diagnoses the result. */
    public static Checked check(Session session, String cellText) {
        Session before = session.fork();
        CellResult result = new Interpreter(session).run(cellText);
        return new Checked(cellText, result, diagnose(cellText, result, before));
    }

    /** Explains a pasted error message or traceback from any supported framework. */
    public static Explanation explainMessage(String pasted) {
        Optional<Recognition> recognised = MessageRecognizer.recognize(pasted);
        if (recognised.isEmpty()) {
            List<Explanation.Closest> closest = new ArrayList<>();
            for (MessageRecognizer.Closest c : MessageRecognizer.closest(pasted, 3)) {
                MessageTemplate t = c.template();
                closest.add(new Explanation.Closest(t.id(), t.kind().apply(new Facts(java.util.Map.of())),
                        t.framework(), t.examples().get(0), c.similarity()));
            }
            return Explanation.unrecognised(closest);
        }
        Recognition r = recognised.get();
        Repro repro = r.template().repro().build(r.facts(), r.framework(), r.version());
        if (!repro.framework().equals(r.framework())) {
            // the facts pointed at another framework's spelling of the same text (e.g. tf.matmul, not Keras)
            r = new Recognition(r.template(), repro.framework(), MessageRecognizer.defaultVersion(repro.framework()),
                    r.kind(), r.facts(), r.exceptionType(), r.message(), r.start());
        }
        String cell = repro.cell();
        Session session = new Session(Frameworks.all());
        Session before = session.fork();
        CellResult evaluation = new Interpreter(session).run(cell);
        boolean reproduced = reproduces(evaluation, r);
        List<Diagnosis> diagnoses = diagnose(cell, evaluation, before);
        Optional<Diagnosis> main = diagnoses.stream().filter(d -> d.severity() == Severity.ERROR).findFirst()
                .or(() -> diagnoses.stream().filter(d -> d.severity() == Severity.WARNING).findFirst());
        List<Fix> fixes = main.map(Diagnosis::verifiedFixes).orElse(List.of());
        return new Explanation(true, Optional.of(r.framework()), Optional.of(r.version()), Optional.of(r.kind()),
                Optional.of(r.template().id()), Optional.of(r.exceptionType()).filter(t -> !t.isEmpty()),
                Optional.of(r.message()), Optional.of(cell), Optional.of(evaluation), reproduced, diagnoses, fixes,
                List.of());
    }

    /** Whether some statement of the evaluation failed (or warned) with a message of the same template. */
    static boolean reproduces(CellResult evaluation, Recognition r) {
        for (StatementResult s : evaluation.statements()) {
            List<String> texts = new ArrayList<>(s.warnings());
            s.failure().filter(f -> !f.notation()).ifPresent(f -> texts.add(f.type() + ": " + f.message()));
            for (String text : texts) {
                if (MessageRecognizer.recognize(text).map(x -> x.template().id().equals(r.template().id())
                        || r.template().reproducedBy().contains(x.template().id())).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }
}
