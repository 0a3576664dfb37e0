package dev.shapes.explain;

import static dev.shapes.explain.DiagnosisTest.check;
import static dev.shapes.explain.DiagnosisTest.codes;
import static dev.shapes.explain.DiagnosisTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnoses of JAX and optax mistakes: what went wrong in the user's
 * terms (which argument, which axis, expected against found) and fixes
 * written in JAX's own API ({@code labels.squeeze(-1)},
 * {@code labels.astype(jnp.int32)}, {@code jax.nn.one_hot(labels, C)}), each
 * verified by running the cell again under {@code use jax}. The table of
 * cells and their diagnoses is src/test/resources/explain/jax-diagnoses.txt.
 */
class JaxDiagnosisTest {

    private static String pointedAt(Diagnosis d) {
        return d.lineText().substring(d.span().column(), d.span().endColumn());
    }

    /** One block of jax-diagnoses.txt: a cell and the diagnosis it must get. */
    record Expected(String what, String cell, Severity severity, Kind kind, String argument, String summary,
                    List<String> fixes) {

        private static final Pattern EXPECT = Pattern.compile("expect: (\\w+) ([\\w-]+) at `(.*?)`: (.*)");

        static Expected parse(String block) {
            List<String> lines = block.lines().toList();
            Matcher m = EXPECT.matcher(lines.get(1));
            assertTrue(m.matches(), lines.get(1));
            return new Expected(lines.get(0), String.join("\n", lines.subList(3, lines.size())).strip() + "\n",
                    Severity.valueOf(m.group(1).toUpperCase(Locale.ROOT)), Kind.byId(m.group(2)).orElseThrow(),
                    m.group(3), m.group(4), List.of(lines.get(2).substring("fixes: ".length()).split(" \\| ")));
        }

        @Override
        public String toString() {
            return what;
        }
    }

    static List<Expected> diagnoses() throws IOException {
        try (InputStream in = Objects.requireNonNull(JaxDiagnosisTest.class.getResourceAsStream(
                "/explain/jax-diagnoses.txt"))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("(?m)^== ")).skip(1).map(Expected::parse).toList();
        }
    }

    /** The cell of the table's block {@code what}. */
    private static String cell(String what) throws IOException {
        return diagnoses().stream().filter(e -> e.what().equals(what)).findFirst().orElseThrow().cell();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagnoses")
    void isDiagnosedWithVerifiedJaxFixes(Expected expected) {
        Diagnosis d = only(check(expected.cell()), expected.severity());
        assertEquals(expected.kind(), d.kind());
        assertEquals(expected.argument(), pointedAt(d));
        assertTrue(d.summary().contains(expected.summary()), d.summary());
        assertEquals(expected.fixes(), codes(d));
        assertEquals("JAX 0.10 + optax 0.2.8", d.framework());
        // cutting a batch to fit makes the error go away, not the computation right
        assertTrue(d.verifiedFixes().stream().filter(f -> f.code().matches(".*\\[:\\d+\\].*"))
                .allMatch(Fix::silencesOnly));
    }

    @Test
    void aLabelColumnSaysWhatTheLossWantsAxisByAxis() throws IOException {
        Diagnosis d = only(check(cell("a label column for the integer-label loss is squeezed")), Severity.ERROR);
        assertEquals("ValueError: indices and arr must have the same number of dimensions; 3 vs. 2",
                d.frameworkText().orElseThrow());
        assertEquals("`labels` [32, 1] has a trailing axis of size 1: optax.softmax_cross_entropy_with_integer_labels "
                + "wants one class index per sample, one axis less than the logits [32, 10], so [32]", d.summary());
        assertTrue(d.axes().stream().anyMatch(a -> a.axis() == 1 && a.role() == AxisRole.EXTRA && !a.matches()),
                d.axes().toString());
        assertTrue(d.conventions().contains(Conventions.OPTAX_INTEGER_LABELS), d.conventions().toString());
    }

    @Test
    void swappedArgumentsAreSwappedBack() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[3, 4]
                labels: i32[3] = [0, 3, 1]
                loss = optax.softmax_cross_entropy_with_integer_labels(labels, logits)
                """), Severity.ERROR);
        assertTrue(d.summary().contains("takes (logits, labels)"), d.summary());
        assertEquals(List.of("logits, labels"), codes(d));
        assertEquals("loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)",
                d.verifiedFixes().get(0).fixedLine());
    }

    @Test
    void aFloatLabelColumnIntoTheOneHotLossIsReadAsClassIds() {
        List<Diagnosis> notes = check("""
                use jax
                logits: f32[4, 3]
                labels: f32[4, 1] = [[0.0], [2.0], [1.0], [1.0]]
                loss = optax.softmax_cross_entropy(logits, labels)
                """).diagnoses();
        // JAX's silent broadcast of the column, and Shapes' own note that whole numbers up to 2 are no probabilities
        assertEquals(List.of("categorical-loss-index-labels", "integer-valued-float-labels"),
                notes.stream().map(Diagnosis::id).toList());
        for (Diagnosis d : notes) {
            assertEquals(Kind.LABEL_ENCODING, d.kind());
            assertEquals(List.of(
                    "optax.softmax_cross_entropy_with_integer_labels(logits, labels.squeeze(-1).astype(jnp.int32))",
                    "jax.nn.one_hot(labels.squeeze(-1).astype(jnp.int32), 3)"), codes(d));
        }
    }

    @Test
    void oneHotOverAnotherClassCountIsReencodedWithTheModelsClasses() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[6, 3]
                y: i32[6] = [2, 1, 0, 1, 0, 1]
                labels = jax.nn.one_hot(y, 8)
                loss = optax.softmax_cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.CLASS_COUNT, d.kind());
        assertTrue(d.summary().contains("`logits` has 3 outputs per sample but `labels` has 8"), d.summary());
        assertEquals("jax.nn.one_hot(y, 3)", codes(d).get(0));
        assertEquals(4, d.verifiedFixes().get(0).line());
    }

    @Test
    void aReshapeThatDoesNotFitInfersAnAxisAndFlatteningOnlySilencesIt() {
        Diagnosis d = only(check("""
                use jax
                x: f32[5, 6]
                y = x.reshape(5, 7)
                """), Severity.ERROR);
        assertTrue(d.summary().contains("has 30 elements, which cannot be arranged as (5, 7)"), d.summary());
        assertEquals(List.of("x.reshape(5, -1)", "x.reshape(-1)"), codes(d));
        assertFalse(d.verifiedFixes().get(0).silencesOnly());
        assertTrue(d.verifiedFixes().get(1).silencesOnly());
    }

    @Test
    void softmaxBeforeOptaxsCrossEntropyIsNotedAndTheLogitsArePassedInstead() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[4, 3]
                labels: i32[4] = [0, 2, 1, 1]
                probs = jax.nn.softmax(logits)
                loss = optax.softmax_cross_entropy_with_integer_labels(probs, labels)
                """), Severity.NOTE);
        assertEquals("softmax-before-cross-entropy", d.id());
        assertEquals("probs", pointedAt(d));
        assertEquals(List.of("logits"), codes(d));
    }

    @Test
    void everyVerifiedFixPassesWhenItsCellIsRunAgainUnderJax() throws IOException {
        for (Expected expected : diagnoses()) {
            for (Diagnosis d : check(expected.cell()).diagnoses()) {
                for (Fix fix : d.verifiedFixes()) {
                    CellResult again = new Interpreter(new Session(Frameworks.all())).run(fix.fixedCell());
                    assertTrue(again.statements().stream().allMatch(StatementResult::ok),
                            () -> fix.fixedCell() + "\n" + again.statements());
                }
            }
        }
    }
}
