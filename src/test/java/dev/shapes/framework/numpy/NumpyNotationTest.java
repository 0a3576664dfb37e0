package dev.shapes.framework.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Note;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import dev.shapes.render.JsonRenderer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Facts about the notation under {@code use numpy} that no NumPy run can
 * record: symbolic sizes, shape-only arrays of any size, the product's own
 * notes, and how {@code use} selects a version.
 */
class NumpyNotationTest {

    private static List<StatementResult> run(String program) {
        CellResult cell = new Interpreter(new Session(Frameworks.all())).run(program);
        return cell.statements();
    }

    private static JsonObject last(String program) {
        List<StatementResult> statements = run(program);
        return JsonRenderer.statement(statements.get(statements.size() - 1));
    }

    private static String shape(JsonObject statement) {
        return statement.get("status").getAsString().equals("ok") ? statement.get("shape").toString()
                : statement.getAsJsonObject("error").get("type").getAsString() + ": "
                + statement.getAsJsonObject("error").get("message").getAsString();
    }

    private static List<Note> notes(String program) {
        List<StatementResult> statements = run(program);
        return statements.get(statements.size() - 1).notes();
    }

    // ------------------------------------------------------------ symbolic sizes

    @Test
    void fancyIndexWithASymbolicBatchKeepsTheSymbol() {
        assertEquals("[\"B\"]", shape(last("""
                use numpy
                logits: f32[B, 10]
                labels: i64[B]
                N = logits.shape[0]
                picked = logits[np.arange(N), labels]
                """)));
    }

    @Test
    void columnOfLabelsWithASymbolicBatchGivesBByB() {
        String program = """
                use numpy
                logits: f32[B, 10]
                labels: i64[B, 1]
                picked = logits[np.arange(logits.shape[0]), labels]
                """;
        assertEquals("[\"B\",\"B\"]", shape(last(program)));
        assertEquals(Note.SILENT_BROADCAST, notes(program).get(0).kind());
    }

    @Test
    void reshapeInfersASymbolicSize() {
        assertEquals("[\"B\",12]", shape(last("""
                use numpy
                x: f32[B, 3, 4]
                y = x.reshape(x.shape[0], -1)
                """)));
        assertEquals("[\"3*B\",4]", shape(last("""
                use numpy
                x: f32[B, 3, 4]
                y = x.reshape(-1, 4)
                """)));
    }

    @Test
    void reshapingValuesToASymbolicSizeDropsTheValues() {
        JsonObject r = last("""
                use numpy
                a: f32[4, 3] = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-2.0, 3.0, 1.0], [0.0, 0.5, -0.5]]
                z: f32[B, 3]
                r = a.reshape(z.shape[0], -1)
                """);
        assertEquals("[\"B\",null]", r.get("shape").toString());
        assertTrue(r.get("value").isJsonNull());
    }

    @Test
    void reductionsAndMatmulCarrySymbols() {
        assertEquals("[\"B\",1]", shape(last("""
                use numpy
                logits: f32[B, C]
                m = np.max(logits, axis=1, keepdims=True)
                """)));
        assertEquals("[\"B\",\"H\"]", shape(last("""
                use numpy
                x: f32[B, D]
                W: f32[D, H]
                y = x @ W
                """)));
    }

    @Test
    void aSymbolMetByANumberIsBoundAndMessagesShowTheNumber() {
        assertEquals("[32,10]", shape(last("""
                use numpy
                a: f32[B, 10]
                b: f32[32, 10]
                c = a + b
                """)));
        assertEquals("ValueError: operands could not be broadcast together with shapes (32,10) (16,) ", shape(last("""
                use numpy
                a: f32[B, 10]
                b: f32[32, 10]
                c = a + b
                d = a + np.zeros(16)
                """)));
    }

    @Test
    void differentSymbolsAreTakenToBeDifferentSizes() {
        assertEquals("ValueError: operands could not be broadcast together with shapes (B,10) (N,10) ", shape(last("""
                use numpy
                a: f32[B, 10]
                b: f32[N, 10]
                c = a - b
                """)));
    }

    // ------------------------------------------------------------ shape-only arrays of any size

    @Test
    void hugeShapeOnlyArraysCheckInConstantMemory() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals("[1000000]", shape(last("""
                    use numpy
                    x: f32[1000000, 1000000]
                    y = np.exp(x - np.max(x, axis=1, keepdims=True)).sum(axis=1)
                    """)));
            assertEquals("[1000000,1000000]", shape(last("""
                    use numpy
                    z = np.zeros((1000000, 1000000)) + np.eye(1000000)
                    """)));
            assertEquals("[1000000]", shape(last("""
                    use numpy
                    logits: f32[1000000, 50000]
                    labels: i64[1000000]
                    picked = logits[np.arange(1000000), labels]
                    """)));
            assertEquals("IndexError: shape mismatch: indexing arrays could not be broadcast together with shapes "
                    + "(1000000,) (999999,) ", shape(last("""
                    use numpy
                    logits: f32[1000000, 50000]
                    labels: i64[999999]
                    picked = logits[np.arange(1000000), labels]
                    """)));
        });
    }

    // ------------------------------------------------------------ notes

    @Test
    void aColumnOfLabelsInAFancyIndexIsNoted() {
        List<Note> notes = notes("""
                use numpy
                logits: f32[3, 4] = [[1.0, 2.0, 0.5, -1.0], [0.0, -0.5, 1.5, 2.5], [3.0, 1.0, -2.0, 0.25]]
                labels: i64[3, 1] = [[1], [3], [0]]
                picked = logits[np.arange(3), labels]
                """);
        assertEquals(1, notes.size());
        assertEquals(Note.SILENT_BROADCAST, notes.get(0).kind());
        assertTrue(notes.get(0).message().contains("[3] and [3, 1] broadcast to [3, 3]"), notes.get(0).message());
    }

    @Test
    void aMatchingFancyIndexIsNotNoted() {
        assertEquals(List.of(), notes("""
                use numpy
                logits: f32[3, 4]
                labels: i64[3]
                picked = logits[np.arange(3), labels]
                """));
    }

    @Test
    void aColumnAgainstAVectorInALossIsNoted() {
        List<Note> notes = notes("""
                use numpy
                pred: f32[32, 1]
                y: f32[32]
                loss = np.mean((pred - y) ** 2)
                """);
        assertEquals(1, notes.size());
        assertEquals(Note.SILENT_BROADCAST, notes.get(0).kind());
    }

    @Test
    void theSeedFormulaWithAColumnOfLabelsIsNoted() {
        List<Note> notes = notes("""
                use numpy
                logits: f64[6, 6]
                labels: i64[6, 1]
                loss = -np.sum(np.log(np.exp(logits[np.arange(6), labels]) / np.sum(np.exp(logits), axis=1))) / 6
                """);
        assertTrue(notes.stream().anyMatch(n -> n.kind().equals(Note.SILENT_BROADCAST)), notes.toString());
    }

    // ------------------------------------------------------------ use

    @Test
    void useSelectsAVersion() {
        assertEquals("NumPy 2.x", run("use numpy\nx: f32[2]").get(1).profile());
        assertEquals("NumPy 2.x", run("use np\nx: f32[2]").get(1).profile());
        assertEquals("NumPy 1.24", run("use numpy 1.24\nx: f32[2]").get(1).profile());
        assertEquals("NumPy 1.24", run("use numpy 1\nx: f32[2]").get(1).profile());
        JsonObject bad = last("use numpy 3");
        assertEquals("Shapes reproduces NumPy 2.x and 1.24, not '3'; write 'use numpy' or 'use numpy 1.24'",
                bad.getAsJsonObject("error").get("message").getAsString());
    }

    @Test
    void importsNameTheModules() {
        assertEquals("[2,3]", shape(last("""
                use numpy
                import numpy as onp
                from numpy import random
                x = onp.zeros((2, 3)) + random.randn(2, 3)
                """)));
    }

    @Test
    void bfloat16IsNotANumpyDtype() {
        JsonObject r = last("use numpy\nx: bf16[2]");
        assertEquals("notation", r.getAsJsonObject("error").get("origin").getAsString());
    }
}
