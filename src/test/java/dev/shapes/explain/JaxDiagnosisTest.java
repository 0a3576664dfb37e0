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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagnoses of JAX and optax mistakes: what went wrong in the user's
 * terms (which argument, which axis, expected against found) and fixes
 * written in JAX's own API ({@code labels.squeeze(-1)},
 * {@code labels.astype(jnp.int32)}, {@code jax.nn.one_hot(labels, C)}), each
 * verified by running the cell again under {@code use jax}.
 */
class JaxDiagnosisTest {

    /** The commonest optax mistake: class ids kept as a column. */
    private static final String LABEL_COLUMN = """
            use jax
            logits: f32[32, 10]
            labels: i32[32, 1]
            loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
            """;

    private static String pointedAt(Diagnosis d) {
        return d.lineText().substring(d.span().column(), d.span().endColumn());
    }

    /** Cell, what the diagnosis is, the argument it points at, a phrase of its summary, its verified fixes in order. */
    static Stream<Arguments> diagnoses() {
        return Stream.of(
                Arguments.of("a label column for the integer-label loss is squeezed", LABEL_COLUMN, Severity.ERROR,
                        Kind.LABEL_RANK, "labels", "`labels` [32, 1] has a trailing axis of size 1",
                        List.of("labels.squeeze(-1)", "labels[:, 0]", "labels.reshape(-1)")),
                Arguments.of("float class ids are cast to int32", """
                        use jax
                        logits: f32[5, 3]
                        labels: f32[5] = [0.0, 2.0, 1.0, 0.0, 2.0]
                        loss = optax.losses.softmax_cross_entropy_with_integer_labels(logits, labels)
                        """, Severity.ERROR, Kind.DTYPE, "labels",
                        "`labels` holds class ids as float32",
                        List.of("labels.astype(jnp.int32)")),
                Arguments.of("one-hot labels go to the one-hot loss or become class ids", """
                        use jax
                        logits: f32[4, 3]
                        labels: f32[4, 3] = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
                        loss = optax.softmax_cross_entropy_with_integer_labels(logits=logits, labels=labels)
                        """, Severity.ERROR, Kind.LABEL_ENCODING, "labels", "`labels` looks one-hot ([4, 3]",
                        List.of("optax.softmax_cross_entropy(...)", "labels.argmax(-1)")),
                Arguments.of("integer logits are cast to float32", """
                        use jax
                        logits: i32[2, 3] = [[0, 2, -1], [1, 1, 3]]
                        labels: i32[2] = [1, 2]
                        loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                        """, Severity.ERROR, Kind.DTYPE, "logits", "`logits` is int32",
                        List.of("logits.astype(jnp.float32)")),
                Arguments.of("a class axis that is not the last is dropped", """
                        use jax
                        logits: f32[4, 3]
                        labels: i32[4] = [0, 1, 2, 0]
                        loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels, axis=0)
                        """, Severity.ERROR, Kind.CLASS_COUNT, "logits",
                        "along axis 0 of `logits` [4, 3] (4 of them)",
                        List.of("optax.softmax_cross_entropy_with_integer_labels(logits, labels)")),
                Arguments.of("per-position labels flattened against sequence logits are flattened alike", """
                        use jax
                        logits: f32[2, 5, 7]
                        labels: i32[10]
                        loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                        """, Severity.ERROR, Kind.LABEL_RANK, "labels",
                        "keeps the positions on the axes [2, 5]",
                        List.of("logits.reshape(-1, 7)", "labels.reshape(2, 5)")),
                Arguments.of("more labels than logits: truncating only silences it", """
                        use jax
                        logits: f32[8, 10]
                        labels: i32[32]
                        loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                        """, Severity.ERROR, Kind.BATCH_SIZE, "labels",
                        "`logits` has a batch of 8 samples but `labels` has 32",
                        List.of("labels[:8]")),
                Arguments.of("take_along_axis with more labels than rows: the labels are cut before the new axis", """
                        use jax
                        logp: f32[4, 3]
                        labels: i32[8]
                        loss = -jnp.mean(jnp.take_along_axis(logp, labels[:, None], axis=1))
                        """, Severity.ERROR, Kind.BATCH_SIZE, "labels[:, None]",
                        "has 8 rows but `logp` f32[4, 3] has 4",
                        List.of("labels[:4]")),
                Arguments.of("a single label broadcast over the batch", """
                        use jax
                        logits: f32[5, 3]
                        labels: i32[1] = [2]
                        loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                        """, Severity.NOTE, Kind.BATCH_SIZE, "labels",
                        "holds a single sample's label but `logits` [5, 3] has 5",
                        List.of("labels: i32[5]", "logits[:1]")),
                Arguments.of("integer labels into the one-hot loss", """
                        use jax
                        logits: f32[32, 10]
                        labels: i32[32]
                        loss = optax.softmax_cross_entropy(logits, labels)
                        """, Severity.ERROR, Kind.LABEL_ENCODING, "labels",
                        "`labels` holds one class id per sample [32]",
                        List.of("optax.softmax_cross_entropy_with_integer_labels(logits, labels)",
                                "jax.nn.one_hot(labels, 10)")),
                Arguments.of("a logit column against a vector of labels", """
                        use jax
                        logits: f32[16, 1]
                        labels: f32[16]
                        loss = optax.sigmoid_binary_cross_entropy(logits, labels)
                        """, Severity.NOTE, Kind.BROADCAST, "labels", "broadcast to [16, 16]",
                        List.of("labels[:, None]", "labels.reshape(-1, 1)", "logits.squeeze(-1)",
                                "logits.reshape(-1)")),
                Arguments.of("l2_loss wants exactly the same shape", """
                        use jax
                        predictions: f32[4, 1]
                        targets: f32[4]
                        loss = optax.l2_loss(predictions, targets)
                        """, Severity.ERROR, Kind.LABEL_RANK, "targets", "optax.l2_loss needs exactly the same shape",
                        List.of("targets[:, None]", "targets.reshape(-1, 1)", "predictions.squeeze(-1)")),
                Arguments.of("take_along_axis of class ids gets the axis to gather along", """
                        use jax
                        logp: f32[6, 3]
                        labels: i32[6]
                        picked = jnp.take_along_axis(logp, labels, axis=-1)
                        """, Severity.ERROR, Kind.LABEL_RANK, "labels",
                        "`labels` i32[6] has 1 axis but `logp` f32[6, 3] has 2",
                        List.of("labels[:, None]", "jnp.expand_dims(labels, -1)", "labels.reshape(-1, 1)")),
                Arguments.of("take_along_axis of a label column expanded again passes the column", """
                        use jax
                        logits: f32[4, 3]
                        logp = jax.nn.log_softmax(logits, axis=-1)
                        labels: i32[4, 1]
                        picked = jnp.take_along_axis(logp, labels[:, None], axis=1)
                        """, Severity.ERROR, Kind.LABEL_RANK, "labels[:, None]",
                        "i32[4, 1, 1] has 3 axes but `logp` f32[4, 3] has 2",
                        List.of("labels", "labels.reshape(-1, 1)")),
                Arguments.of("an axis past the last names the axes there are", """
                        use jax
                        x: f32[3, 6]
                        m = jnp.mean(x, axis=(0, 2))
                        """, Severity.ERROR, Kind.OTHER, "x",
                        "has 2 axes (0, 1, or -2, -1 from the end), so axis=(0, 2)",
                        List.of("axis=0", "axis=-1")),
                Arguments.of("squeezing an axis that is not of size 1 picks the one that is", """
                        use jax
                        labels: i32[4, 3, 1]
                        y = jnp.squeeze(labels, axis=1)
                        """, Severity.ERROR, Kind.OTHER, "labels", "axis 1 of `labels` i32[4, 3, 1] has size 3",
                        List.of("axis=-1", "labels")),
                Arguments.of("a product whose inner sizes differ names both axes", """
                        use jax
                        x: f32[8, 5]
                        w: f32[6, 3]
                        h = x @ w
                        """, Severity.ERROR, Kind.OTHER, "w",
                        "the last axis of `x` (5) must equal the second-to-last axis of `w` (6)",
                        List.of("w: f32[5, 3]", "x: f32[8, 6]")),
                Arguments.of("one_hot of floats warns and the class ids become integers", """
                        use jax
                        labels: f32[3] = [0.0, 2.0, 1.0]
                        y = jax.nn.one_hot(labels, 3)
                        """, Severity.WARNING, Kind.DTYPE, "labels", "jax.nn.one_hot wants integer class indices",
                        List.of("labels.astype(jnp.int32)")),
                Arguments.of("fancy indexing with a label column", """
                        use jax
                        logp: f32[3, 4]
                        labels: i32[3, 1]
                        picked = logp[jnp.arange(3), labels]
                        """, Severity.NOTE, Kind.BROADCAST, "labels", "broadcast against each other",
                        List.of("labels.squeeze(-1)", "labels[:, 0]", "labels.squeeze(1)", "labels.reshape(-1)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("diagnoses")
    void isDiagnosedWithVerifiedJaxFixes(String what, String cell, Severity severity, Kind kind, String argument,
                                         String summary, List<String> fixes) {
        Diagnosis d = only(check(cell), severity);
        assertEquals(kind, d.kind());
        assertEquals(argument, pointedAt(d));
        assertTrue(d.summary().contains(summary), d.summary());
        assertEquals(fixes, codes(d));
        assertEquals("JAX 0.10 + optax 0.2.8", d.framework());
        // cutting a batch to fit makes the error go away, not the computation right
        assertTrue(d.verifiedFixes().stream().filter(f -> f.code().matches(".*\\[:\\d+\\].*"))
                .allMatch(Fix::silencesOnly));
    }

    @Test
    void aLabelColumnSaysWhatTheLossWantsAxisByAxis() {
        Diagnosis d = only(check(LABEL_COLUMN), Severity.ERROR);
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
    void everyVerifiedFixPassesWhenItsCellIsRunAgainUnderJax() {
        for (Arguments row : diagnoses().toList()) {
            String cell = (String) row.get()[1];
            for (Diagnosis d : check(cell).diagnoses()) {
                for (Fix fix : d.verifiedFixes()) {
                    CellResult again = new Interpreter(new Session(Frameworks.all())).run(fix.fixedCell());
                    assertTrue(again.statements().stream().allMatch(StatementResult::ok),
                            () -> fix.fixedCell() + "\n" + again.statements());
                }
            }
        }
    }
}
