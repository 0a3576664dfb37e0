package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.NotationException;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Explainer;
import dev.shapes.explain.Explanation;
import dev.shapes.explain.Severity;
import dev.shapes.framework.Frameworks;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every error the recorded frameworks raised in the oracle files gets a
 * diagnosis with at least one fix that was verified by re-running the cell;
 * every warning and silent broadcast of a recorded case gets one too. Cases
 * of a framework whose profile is not in this build yet are checked through
 * {@code explain}: their recorded message must be recognised. When a profile
 * lands, its cases switch to the full check by themselves.
 */
class ExplainOracleTest {

    private static final List<String> FILES = List.of("cases.jsonl", "cases-torch1.13.jsonl", "cases-keras-tf.jsonl",
            "cases-jax.jsonl");

    @TestFactory
    Stream<DynamicTest> everyRecordedErrorIsDiagnosedWithAVerifiedFix() {
        return FILES.stream().flatMap(file -> OracleCase.load(file).stream())
                .filter(c -> c.expectString("status").equals("error"))
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    if (!profileAvailable(c.framework())) {
                        String message = c.expectString("type") + ": " + c.expectString("message");
                        Explanation e = Explainer.explainMessage(message);
                        assertTrue(e.recognized(), () -> "explain does not recognise\n" + message);
                        return;
                    }
                    Explainer.Checked checked = Explainer.check(new Session(Frameworks.all()), c.dsl());
                    List<StatementResult> statements = checked.result().statements();
                    StatementResult last = statements.get(statements.size() - 1);
                    assertTrue(last.failure().isPresent(), () -> c.dsl() + "\ndid not fail");
                    List<Diagnosis> diagnoses = checked.diagnoses().stream()
                            .filter(d -> d.statement().equals(last.span()) && d.severity() == Severity.ERROR)
                            .toList();
                    assertEquals(1, diagnoses.size(), () -> c.dsl() + "\n" + diagnoses);
                    Diagnosis d = diagnoses.get(0);
                    assertFalse(d.verifiedFixes().isEmpty(), () -> c.dsl() + "\n" + d.summary() + "\nno verified fix among "
                            + d.fixes().stream().map(f -> f.code()).collect(Collectors.joining(", ")));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedWarningAndSilentBroadcastIsDiagnosedWithAVerifiedFix() {
        return FILES.stream().flatMap(file -> OracleCase.load(file).stream())
                .filter(c -> c.expectString("status").equals("ok") && profileAvailable(c.framework()))
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    Explainer.Checked checked = Explainer.check(new Session(Frameworks.all()), c.dsl());
                    List<StatementResult> statements = checked.result().statements();
                    StatementResult last = statements.get(statements.size() - 1);
                    boolean flagged = !last.warnings().isEmpty() || last.notes().stream()
                            .anyMatch(n -> n.kind().equals("silent-broadcast"));
                    if (!flagged) {
                        return;
                    }
                    // the diagnoses of the framework's warnings and of Shapes' own notes (not of silent-bug detectors)
                    List<Diagnosis> diagnoses = checked.diagnoses().stream()
                            .filter(d -> d.statement().equals(last.span()) && (d.frameworkText().isPresent()
                                    || d.notes().stream().anyMatch(n -> n.startsWith("Shapes' note"))))
                            .toList();
                    assertFalse(diagnoses.isEmpty(), () -> c.dsl() + "\nwarnings " + last.warnings() + " notes "
                            + last.notes() + " have no diagnosis");
                    for (Diagnosis d : diagnoses) {
                        assertFalse(d.verifiedFixes().isEmpty(), () -> c.dsl() + "\n" + d.summary()
                                + "\nno verified fix among " + d.fixes());
                    }
                }));
    }

    static boolean profileAvailable(String framework) {
        try {
            new Session(Frameworks.all()).resolve(framework, List.of());
            return true;
        } catch (NotationException e) {
            return false;
        }
    }
}
