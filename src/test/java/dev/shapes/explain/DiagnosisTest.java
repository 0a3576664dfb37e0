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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The diagnoses of the scenarios users hit most, and the guarantees of the
 * fixes: each verified fix really passes when its cell is run again, and
 * verifying never touches the user's session.
 */
class DiagnosisTest {

    static Explainer.Checked check(String cell) {
        return Explainer.check(new Session(Frameworks.all()), cell);
    }

    static Diagnosis only(Explainer.Checked checked, Severity severity) {
        List<Diagnosis> found = checked.diagnoses().stream().filter(d -> d.severity() == severity).toList();
        assertEquals(1, found.size(), () -> found.toString());
        return found.get(0);
    }

    static List<String> codes(Diagnosis d) {
        return d.verifiedFixes().stream().map(Fix::code).toList();
    }

    @Test
    void extraLabelAxisPointsAtTheLabelsAndSqueezes() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[32, 10]
                labels: i64[32, 1]
                loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertEquals(4, d.span().line());
        assertEquals("labels", d.lineText().substring(d.span().column(), d.span().endColumn()));
        assertEquals(List.of("labels.squeeze(1)", "labels.view(-1)"), codes(d));
        assertEquals("RuntimeError: 0D or 1D target tensor expected, multi-target not supported",
                d.frameworkText().orElseThrow());
        assertTrue(d.axes().stream().anyMatch(a -> a.role() == AxisRole.EXTRA && !a.matches()), d.axes().toString());
        assertTrue(d.conventions().stream().anyMatch(c -> c.contains("class indices vs class probabilities")));
    }

    @Test
    void oneHotLabelsAreTurnedIntoIndicesFirst() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[8, 4]
                labels: i64[8, 4]
                loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_ENCODING, d.kind());
        assertEquals(List.of("labels.argmax(dim=1)", "labels.float()"), codes(d));
    }

    @Test
    void aDataLoadersShortLastBatchIsABatchSizeMismatchWithTheTruncationMarkedAsSilencing() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[8, 10]
                labels: i64[32]
                loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.BATCH_SIZE, d.kind());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("drop_last=True")), d.notes().toString());
        Fix truncation = d.verifiedFixes().get(0);
        assertEquals("labels[:8]", truncation.code());
        assertTrue(truncation.silencesOnly());
    }

    @Test
    void aLoadersPartialLastBatchIsFixedWithDropLast() {
        Diagnosis d = only(check("""
                use torch
                from torch.utils.data import TensorDataset, DataLoader
                X: f32[100, 20]
                y: i64[100]
                loader = DataLoader(TensorDataset(X, y), batch_size=32)
                W: f32[20, 10]
                targets: i64[32]
                for xb, yb in loader:
                    logits = xb @ W
                    loss = F.cross_entropy(logits, targets)
                """), Severity.ERROR);
        assertEquals(Kind.BATCH_SIZE, d.kind());
        assertEquals(List.of("drop_last=True"), codes(d));
        assertEquals("loader = DataLoader(TensorDataset(X, y), batch_size=32, drop_last=True)",
                d.verifiedFixes().get(0).fixedLine());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("batch 4 of 4")), d.notes().toString());
    }

    @Test
    void symbolicBindingsThatDecideTheOutcomeAreShown() {
        Diagnosis d = only(check("""
                use torch
                x: f32[B, 2] = [[1, 2], [3, 4], [5, 6]]
                logits: f32[B, 10]
                labels: i64[4]
                loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(List.of("B = 3 from x, 4 from labels"), d.bindings());
    }

    @Test
    void labelValuesAtOrAboveTheClassCountLookOneBased() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[4, 3] = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]
                labels: i64[4] = [1, 2, 3, 1]
                loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANGE, d.kind());
        assertEquals("labels - 1", codes(d).get(0));
        assertTrue(codes(d).contains("logits: f32[4, 4]"), codes(d).toString());
    }

    @Test
    void theModelsWidthIsFixedAtItsLastLinearLayer() {
        Diagnosis d = only(check("""
                use torch
                x: f32[16, 20]
                fc = nn.Linear(20, 1)
                logits = fc(x)
                targets: f32[16, 3]
                loss = F.binary_cross_entropy_with_logits(logits, targets)
                """), Severity.ERROR);
        assertEquals(Kind.CLASS_COUNT, d.kind());
        assertEquals("nn.Linear(20, 3)", codes(d).get(0));
        assertEquals(3, d.verifiedFixes().get(0).line());
    }

    @Test
    void channelsLastLogitsArePermuted() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[4, 12, 7]
                labels: i64[4, 12]
                loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.CLASS_COUNT, d.kind());
        assertEquals("logits.permute(0, 2, 1)", codes(d).get(0));
    }

    @Test
    void aRegressionTargetColumnAgainstAVectorIsASilentBroadcastWithVerifiedFixes() {
        Explainer.Checked checked = check("""
                use torch
                pred: f32[32, 1]
                target: f32[32]
                loss = F.mse_loss(pred, target)
                """);
        Diagnosis d = only(checked, Severity.WARNING);
        assertEquals(Kind.BROADCAST, d.kind());
        assertEquals("target.unsqueeze(1)", codes(d).get(0));
        assertTrue(d.summary().contains("[32, 32]"), d.summary());
        assertTrue(checked.diagnoses().stream().noneMatch(x -> x.severity() == Severity.NOTE),
                "the silent-broadcast note is explained together with the warning");
    }

    @Test
    void softmaxBeforeCrossEntropyIsNotedAndTheLogitsArePassedInstead() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[8, 5]
                labels: i64[8]
                probs = F.softmax(logits, dim=1)
                loss = F.cross_entropy(probs, labels)
                """), Severity.NOTE);
        assertEquals("softmax-before-cross-entropy", d.id());
        assertEquals(List.of("logits"), codes(d));
        assertTrue(d.frameworkText().isEmpty(), "a silent bug has no framework text");
    }

    @Test
    void aSoftmaxLayerAtTheEndOfTheModelIsRemoved() {
        Diagnosis d = only(check("""
                use torch
                x: f32[8, 20]
                model = nn.Sequential(nn.Linear(20, 5), nn.Softmax(dim=1))
                labels: i64[8]
                loss = F.cross_entropy(model(x), labels)
                """), Severity.NOTE);
        assertEquals("softmax-before-cross-entropy", d.id());
        assertEquals("model = nn.Sequential(nn.Linear(20, 5))", d.verifiedFixes().get(0).fixedLine());
    }

    @Test
    void sigmoidBeforeBceWithLogitsIsNoted() {
        Diagnosis d = only(check("""
                use torch
                z: f32[8, 1]
                t: f32[8, 1]
                loss = nn.BCEWithLogitsLoss()(torch.sigmoid(z), t)
                """), Severity.NOTE);
        assertEquals("sigmoid-before-bce-with-logits", d.id());
        assertEquals(List.of("z", "nn.BCELoss()"), codes(d));
    }

    @Test
    void classIndicesStoredAsFloatsWhereProbabilitiesAreExpectedAreNoted() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[4, 1]
                y: f32[4, 1] = [[0.0], [2.0], [1.0], [3.0]]
                loss = F.binary_cross_entropy_with_logits(logits, y)
                """), Severity.NOTE);
        assertEquals("integer-valued-float-labels", d.id());
        assertEquals(Kind.LABEL_ENCODING, d.kind());
    }

    @Test
    void kerasArgumentsInPyTorchOrderAreNoted() {
        List<Diagnosis> notes = check("""
                use keras
                logits: f32[8, 5]
                labels: i64[8]
                loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(logits, labels)
                """).diagnoses().stream().filter(d -> d.severity() == Severity.NOTE).toList();
        assertTrue(notes.stream().anyMatch(d -> d.id().equals("keras-argument-order")), notes.toString());
        Diagnosis order = notes.stream().filter(d -> d.id().equals("keras-argument-order")).findFirst().orElseThrow();
        assertTrue(order.conventions().contains(Conventions.KERAS_ORDER));
        assertEquals("labels, logits", order.fixes().get(0).code());
    }

    @Test
    void kerasFromLogitsDisagreeingWithTheLastActivationIsNoted() {
        List<Diagnosis> notes = check("""
                use keras
                X: f32[8, 4]
                y: i64[8]
                model = Sequential([Input(shape=(4,)), layers.Dense(16, activation="relu"), layers.Dense(3, activation="softmax")])
                model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
                """).diagnoses().stream().filter(d -> d.id().equals("keras-from-logits")).toList();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).summary().contains("applied twice"), notes.get(0).summary());
        assertEquals("from_logits=False", notes.get(0).fixes().get(0).code());
    }

    @Test
    void kerasLogitsIntoALossExpectingProbabilitiesAreNoted() {
        List<Diagnosis> notes = check("""
                use keras
                model = Sequential([Input(shape=(4,)), layers.Dense(3)])
                model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
                """).diagnoses().stream().filter(d -> d.id().equals("keras-from-logits")).toList();
        assertEquals(1, notes.size(), notes.toString());
        assertEquals("keras.losses.SparseCategoricalCrossentropy(from_logits=True)", notes.get(0).fixes().get(0).code());
    }

    @Test
    void aFailureInALoopSaysWhichIterationFailed() {
        Diagnosis d = only(check("""
                use torch
                logits: f32[32, 10]
                labels: i64[32, 1]
                for i in range(3):
                    loss = F.cross_entropy(logits, labels)
                """), Severity.ERROR);
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertEquals(5, d.span().line());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("iteration 1")), d.notes().toString());
        assertEquals("    loss = F.cross_entropy(logits, labels.squeeze(1))", d.verifiedFixes().get(0).fixedLine());
    }

    @Test
    void everyVerifiedFixPassesWhenItsCellIsRunAgain() {
        String cell = """
                use torch
                logits: f32[6, 4]
                labels: i64[6, 1]
                loss = nn.CrossEntropyLoss()(logits, labels)
                out = loss
                """;
        Diagnosis d = only(check(cell), Severity.ERROR);
        assertFalse(d.verifiedFixes().isEmpty());
        for (Fix fix : d.verifiedFixes()) {
            CellResult again = new Interpreter(new Session(Frameworks.all())).run(fix.fixedCell());
            assertTrue(again.statements().stream().allMatch(StatementResult::ok), fix.fixedCell());
        }
        assertTrue(d.fixes().stream().filter(f -> !f.verified()).noneMatch(f -> d.verifiedFixes().contains(f)));
    }

    @Test
    void diagnosingNeverTouchesTheUsersSession() {
        Session session = new Session(Frameworks.all());
        new Interpreter(session).run("use torch\nx: f32[B, 2] = [[1, 2], [3, 4]]\n");
        Session before = session.fork();
        String cell = "logits: f32[B, 10]\nlabels: i64[B, 1]\nloss = F.cross_entropy(logits, labels)\n";
        CellResult result = new Interpreter(session).run(cell);
        int names = session.environment().variables().size();
        var bindings = session.bindings().all();
        List<Diagnosis> diagnoses = Explainer.diagnose(cell, result, before);
        assertFalse(diagnoses.get(0).verifiedFixes().isEmpty());
        assertEquals(names, session.environment().variables().size());
        assertEquals(bindings, session.bindings().all());
        assertTrue(session.environment().lookup("labels").isPresent());
        assertEquals(Optional.empty(), before.environment().lookup("labels").map(v -> "defined by a fix"));
    }

    @Test
    void aNotationMistakeGetsNoFrameworkDiagnosis() {
        Explainer.Checked checked = check("use torch\nloss = F.cross_entropy(logits, labels)\n");
        assertTrue(checked.result().anyFailed());
        assertTrue(checked.diagnoses().isEmpty(), checked.diagnoses().toString());
    }
}
