package dev.shapes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diagnoses of JAX and optax mistakes: what went wrong in the user's
 * terms (which argument, which axis, expected against found) and fixes
 * written in JAX's own API ({@code labels.squeeze(-1)},
 * {@code labels.astype(jnp.int32)}, {@code jax.nn.one_hot(labels, C)}), each
 * verified by running the cell again under {@code use jax}.
 */
class JaxDiagnosisTest {

    private static Explainer.Checked check(String cell) {
        return Explainer.check(new Session(Frameworks.all()), cell);
    }

    private static Diagnosis only(Explainer.Checked checked, Severity severity) {
        List<Diagnosis> found = checked.diagnoses().stream().filter(d -> d.severity() == severity).toList();
        assertEquals(1, found.size(), () -> found.toString());
        return found.get(0);
    }

    private static List<String> codes(Diagnosis d) {
        return d.verifiedFixes().stream().map(Fix::code).toList();
    }

    private static String pointedAt(Diagnosis d) {
        return d.lineText().substring(d.span().column(), d.span().endColumn());
    }

    // ------------------------------------------------------------ optax's integer-label cross-entropy

    @Test
    void aLabelColumnForTheIntegerLabelLossIsSqueezed() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[32, 10]
                labels: i32[32, 1]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertEquals("labels", pointedAt(d));
        assertEquals("ValueError: indices and arr must have the same number of dimensions; 3 vs. 2",
                d.frameworkText().orElseThrow());
        assertTrue(d.summary().contains("`labels` [32, 1] has a trailing axis of size 1"), d.summary());
        assertTrue(d.summary().contains("[32]"), d.summary());
        assertEquals(List.of("labels.squeeze(-1)", "labels[:, 0]", "labels.reshape(-1)"), codes(d));
        assertTrue(d.axes().stream().anyMatch(a -> a.axis() == 1 && a.role() == AxisRole.EXTRA && !a.matches()),
                d.axes().toString());
        assertTrue(d.conventions().contains(Conventions.OPTAX_INTEGER_LABELS), d.conventions().toString());
        assertEquals("JAX 0.10 + optax 0.2.8", d.framework());
    }

    @Test
    void floatClassIdsAreCastToInt32() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[5, 3]
                labels: f32[5] = [0.0, 2.0, 1.0, 0.0, 2.0]
                loss = optax.losses.softmax_cross_entropy_with_integer_labels(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.DTYPE, d.kind());
        assertEquals("labels", pointedAt(d));
        assertTrue(d.summary().contains("`labels` holds class ids as float32"), d.summary());
        assertEquals(List.of("labels.astype(jnp.int32)"), codes(d));
    }

    @Test
    void oneHotLabelsGoToTheOneHotLossOrBecomeClassIds() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[4, 3]
                labels: f32[4, 3] = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits=logits, labels=labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_ENCODING, d.kind());
        assertTrue(d.summary().startsWith("`labels` looks one-hot ([4, 3]"), d.summary());
        assertEquals(List.of("optax.softmax_cross_entropy(...)", "labels.argmax(-1)"), codes(d));
        assertEquals("loss = optax.softmax_cross_entropy(logits=logits, labels=labels)",
                d.verifiedFixes().get(0).fixedLine());
    }

    @Test
    void integerLogitsAreCastToFloat32() {
        Diagnosis d = only(check("""
                use jax
                logits: i32[2, 3] = [[0, 2, -1], [1, 1, 3]]
                labels: i32[2] = [1, 2]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.DTYPE, d.kind());
        assertEquals("logits", pointedAt(d));
        assertTrue(d.summary().startsWith("`logits` is int32"), d.summary());
        assertEquals(List.of("logits.astype(jnp.float32)"), codes(d));
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
    void aClassAxisThatIsNotTheLastIsDropped() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[4, 3]
                labels: i32[4] = [0, 1, 2, 0]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels, axis=0)
                """), Severity.ERROR);
        assertEquals(Kind.CLASS_COUNT, d.kind());
        assertTrue(d.summary().startsWith("axis=0 makes"), d.summary());
        assertTrue(d.summary().contains("along axis 0 of `logits` [4, 3] (4 of them)"), d.summary());
        assertEquals(List.of("optax.softmax_cross_entropy_with_integer_labels(logits, labels)"), codes(d));
    }

    @Test
    void perPositionLabelsFlattenedAgainstSequenceLogitsAreFlattenedAlike() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[2, 5, 7]
                labels: i32[10]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertTrue(d.summary().contains("keeps the positions on the axes [2, 5]"), d.summary());
        assertEquals(List.of("logits.reshape(-1, 7)", "labels.reshape(2, 5)"), codes(d));
    }

    @Test
    void moreLabelsThanLogitsIsABatchMismatchAndTruncatingOnlySilencesIt() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[8, 10]
                labels: i32[32]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.BATCH_SIZE, d.kind());
        assertTrue(d.summary().contains("`logits` has a batch of 8 samples but `labels` has 32"), d.summary());
        Fix truncation = d.verifiedFixes().get(0);
        assertEquals("labels[:8]", truncation.code());
        assertTrue(truncation.silencesOnly());
    }

    @Test
    void aSingleLabelBroadcastOverTheBatchIsNotedWithAFix() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[5, 3]
                labels: i32[1] = [2]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                """), Severity.NOTE);
        assertEquals(Kind.BATCH_SIZE, d.kind());
        assertEquals("labels", pointedAt(d));
        assertTrue(d.summary().contains("holds a single sample's label but `logits` [5, 3] has 5"), d.summary());
        assertEquals(List.of("labels: i32[5]", "logits[:1]"), codes(d));
        assertTrue(d.notes().get(0).startsWith("Shapes' note [silent-broadcast]"), d.notes().toString());
    }

    // ------------------------------------------------------------ optax's one-hot cross-entropy

    @Test
    void integerLabelsIntoTheOneHotLossUseTheIntegerLossOrOneHot() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[32, 10]
                labels: i32[32]
                loss = optax.softmax_cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_ENCODING, d.kind());
        assertTrue(d.summary().contains("`labels` holds one class id per sample [32]"), d.summary());
        assertEquals(List.of("optax.softmax_cross_entropy_with_integer_labels(logits, labels)",
                "jax.nn.one_hot(labels, 10)"), codes(d));
        assertTrue(d.conventions().contains(Conventions.OPTAX_ONE_HOT), d.conventions().toString());
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

    // ------------------------------------------------------------ binary and regression losses

    @Test
    void aLogitColumnAgainstAVectorOfLabelsIsASilentBroadcastFixedInJaxSpelling() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[16, 1]
                labels: f32[16]
                loss = optax.sigmoid_binary_cross_entropy(logits, labels)
                """), Severity.NOTE);
        assertEquals(Kind.BROADCAST, d.kind());
        assertTrue(d.summary().contains("broadcast to [16, 16]"), d.summary());
        assertEquals(List.of("labels[:, None]", "labels.reshape(-1, 1)", "logits.squeeze(-1)", "logits.reshape(-1)"),
                codes(d));
    }

    @Test
    void l2LossWantsExactlyTheSameShape() {
        Diagnosis d = only(check("""
                use jax
                predictions: f32[4, 1]
                targets: f32[4]
                loss = optax.l2_loss(predictions, targets)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertEquals("targets", pointedAt(d));
        assertEquals("ValueError: Shape mismatch: got (4, 1) and (4,).", d.frameworkText().orElseThrow());
        assertTrue(d.summary().contains("optax.l2_loss needs exactly the same shape"), d.summary());
        assertEquals(List.of("targets[:, None]", "targets.reshape(-1, 1)", "predictions.squeeze(-1)"), codes(d));
    }

    // ------------------------------------------------------------ jnp and jax.nn

    @Test
    void takeAlongAxisOfALabelColumnExpandedAgainPassesTheColumn() {
        Diagnosis d = only(check("""
                use jax
                logits: f32[4, 3]
                logp = jax.nn.log_softmax(logits, axis=-1)
                labels: i32[4, 1]
                picked = jnp.take_along_axis(logp, labels[:, None], axis=1)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertEquals("labels[:, None]", pointedAt(d));
        assertTrue(d.summary().contains("i32[4, 1, 1] has 3 axes but `logp` f32[4, 3] has 2"), d.summary());
        assertEquals(List.of("labels", "labels.reshape(-1, 1)"), codes(d));
    }

    @Test
    void takeAlongAxisOfClassIdsGetsTheAxisToGatherAlong() {
        Diagnosis d = only(check("""
                use jax
                logp: f32[6, 3]
                labels: i32[6]
                picked = jnp.take_along_axis(logp, labels, axis=-1)
                """), Severity.ERROR);
        assertEquals(List.of("labels[:, None]", "jnp.expand_dims(labels, -1)", "labels.reshape(-1, 1)"), codes(d));
    }

    @Test
    void takeAlongAxisWithMoreLabelsThanRowsIsABatchMismatch() {
        Diagnosis d = only(check("""
                use jax
                logp: f32[4, 3]
                labels: i32[8]
                loss = -jnp.mean(jnp.take_along_axis(logp, labels[:, None], axis=1))
                """), Severity.ERROR);
        assertEquals(Kind.BATCH_SIZE, d.kind());
        assertTrue(d.summary().contains("has 8 rows but `logp` f32[4, 3] has 4"), d.summary());
        assertEquals(List.of("labels[:4]"), codes(d));
        assertEquals("loss = -jnp.mean(jnp.take_along_axis(logp, labels[:4][:, None], axis=1))",
                d.verifiedFixes().get(0).fixedLine());
    }

    @Test
    void anAxisPastTheLastNamesTheAxesThereAre() {
        Diagnosis d = only(check("""
                use jax
                x: f32[3, 6]
                m = jnp.mean(x, axis=(0, 2))
                """), Severity.ERROR);
        assertEquals("IndexError: tuple index out of range", d.frameworkText().orElseThrow());
        assertEquals("x", pointedAt(d));
        assertTrue(d.summary().contains("has 2 axes (0, 1, or -2, -1 from the end), so axis=(0, 2)"), d.summary());
        assertEquals(List.of("axis=0", "axis=-1"), codes(d));
    }

    @Test
    void aReshapeThatDoesNotFitInfersAnAxis() {
        Diagnosis d = only(check("""
                use jax
                x: f32[5, 6]
                y = x.reshape(5, 7)
                """), Severity.ERROR);
        assertTrue(d.summary().contains("has 30 elements, which cannot be arranged as (5, 7)"), d.summary());
        assertEquals("x.reshape(5, -1)", codes(d).get(0));
        assertTrue(d.verifiedFixes().stream().filter(f -> f.code().equals("x.reshape(-1)")).allMatch(Fix::silencesOnly));
    }

    @Test
    void squeezingAnAxisThatIsNotOfSizeOnePicksTheOneThatIs() {
        Diagnosis d = only(check("""
                use jax
                labels: i32[4, 3, 1]
                y = jnp.squeeze(labels, axis=1)
                """), Severity.ERROR);
        assertTrue(d.summary().contains("axis 1 of `labels` i32[4, 3, 1] has size 3"), d.summary());
        assertEquals(List.of("axis=-1", "labels"), codes(d));
        assertTrue(d.verifiedFixes().get(1).silencesOnly());
    }

    @Test
    void aProductWhoseInnerSizesDifferNamesBothAxes() {
        Diagnosis d = only(check("""
                use jax
                x: f32[8, 5]
                w: f32[6, 3]
                h = x @ w
                """), Severity.ERROR);
        assertEquals("w", pointedAt(d));
        assertTrue(d.summary().contains("the last axis of `x` (5) must equal the second-to-last axis of `w` (6)"),
                d.summary());
        assertEquals(List.of("w: f32[5, 3]", "x: f32[8, 6]"), codes(d));
    }

    @Test
    void oneHotOfFloatsWarnsAndTheClassIdsBecomeIntegers() {
        Diagnosis d = only(check("""
                use jax
                labels: f32[3] = [0.0, 2.0, 1.0]
                y = jax.nn.one_hot(labels, 3)
                """), Severity.WARNING);
        assertEquals(Kind.DTYPE, d.kind());
        assertEquals("one-hot-dtype", d.id());
        assertEquals("labels", pointedAt(d));
        assertEquals(List.of("labels.astype(jnp.int32)"), codes(d));
    }

    @Test
    void fancyIndexingWithALabelColumnIsSqueezed() {
        Diagnosis d = only(check("""
                use jax
                logp: f32[3, 4]
                labels: i32[3, 1]
                picked = logp[jnp.arange(3), labels]
                """), Severity.NOTE);
        assertEquals(Kind.BROADCAST, d.kind());
        assertEquals(List.of("labels.squeeze(-1)", "labels[:, 0]", "labels.squeeze(1)", "labels.reshape(-1)"), codes(d));
    }

    @Test
    void everyVerifiedFixPassesWhenItsCellIsRunAgainUnderJax() {
        for (String cell : List.of("""
                use jax
                logits: f32[8, 5]
                labels: i32[8, 1]
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)
                """, """
                use jax
                logits: f32[8, 5]
                labels: i32[8]
                loss = optax.softmax_cross_entropy(logits, labels)
                """, """
                use jax
                predictions: f32[4]
                targets: f32[4, 1]
                loss = optax.squared_error(predictions, targets)
                """, """
                use jax
                logp: f32[4, 3]
                labels: i32[4]
                picked = jnp.take_along_axis(logp, labels, axis=1)
                """)) {
            Explainer.Checked checked = check(cell);
            List<Diagnosis> errors = checked.diagnoses().stream().filter(d -> d.severity() == Severity.ERROR).toList();
            assertFalse(errors.isEmpty(), cell);
            for (Diagnosis d : errors) {
                assertFalse(d.verifiedFixes().isEmpty(), cell);
                for (Fix fix : d.verifiedFixes()) {
                    CellResult again = new Interpreter(new Session(Frameworks.all())).run(fix.fixedCell());
                    assertTrue(again.statements().stream().allMatch(StatementResult::ok),
                            () -> fix.fixedCell() + "\n" + again.statements());
                }
            }
        }
    }
}
