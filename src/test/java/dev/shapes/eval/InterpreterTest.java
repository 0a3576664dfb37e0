package dev.shapes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.framework.Frameworks;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts about evaluation: declarations, names across cells, symbolic sizes, failures and skipping. */
class InterpreterTest {

    private final Interpreter interpreter = new Interpreter(new Session(Frameworks.all()));

    private List<StatementResult> run(String cell) {
        return interpreter.run(cell).statements();
    }

    private static Tensor tensor(StatementResult r) {
        assertTrue(r.ok(), () -> "expected ok: " + r);
        return ((Value.TensorValue) r.value().orElseThrow()).tensor();
    }

    private static StatementResult.Failure failure(StatementResult r) {
        return r.failure().orElseThrow(() -> new AssertionError("expected a failure: " + r));
    }

    @Test
    void declarationsAcceptAliasesAndScalars() {
        List<StatementResult> r = run("a: float32[2]\nb: long[3]\nc: i64[] = 3\nd: bool[2] = [True, False]");
        assertEquals("f32[2]", tensor(r.get(0)).typeString());
        assertEquals("i64[3]", tensor(r.get(1)).typeString());
        assertEquals(3.0, tensor(r.get(2)).item());
        assertEquals(List.of(true, false), tensor(r.get(3)).nested());
    }

    @Test
    void anIntegerNameIsASizeAndAnUnboundNameIsASymbol() {
        List<StatementResult> r = run("N = 32\nx: f32[N, C]\ny: f32[B*T]");
        assertEquals(Shape.of(Dim.of(32), Dim.symbol("C")), tensor(r.get(1)).shape());
        assertEquals("f32[B*T]", tensor(r.get(2)).typeString());
    }

    @Test
    void literalMustMatchTheDeclaredShape() {
        StatementResult r = run("x: f32[2, 3] = [[1, 2], [3, 4]]").get(0);
        StatementResult.Failure f = failure(r);
        assertTrue(f.notation());
        assertEquals("declared f32[2, 3] but the value has shape [2, 2] (axis 1 has 2 entries, not 3)", f.message());
    }

    @Test
    void unknownDtypeIsAnErrorAtTheDtype() {
        StatementResult.Failure f = failure(run("x: f33[2]").get(0));
        assertEquals("TypeError", f.type());
        assertEquals(3, f.span().column());
    }

    @Test
    void symbolicBatchUnifiesAndDistinctSymbolsFail() {
        List<StatementResult> r = run("logits: f32[B, 10]\nlabels: i64[B]\nok = F.cross_entropy(logits, labels)\n"
                + "other: i64[C]\nbad = F.cross_entropy(logits, other)");
        assertTrue(r.get(2).ok());
        StatementResult.Failure f = failure(r.get(4));
        assertEquals("Expected input batch_size (B) to match target batch_size (C).", f.message());
    }

    @Test
    void aSymbolMetByANumberIsBoundForTheSession() {
        List<StatementResult> r = run("logits: f32[B, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, labels)\n"
                + "more: i64[64]\nloss2 = F.cross_entropy(logits, more)");
        assertTrue(r.get(2).ok());
        assertEquals(32, interpreter.session().bindings().get("B").orElseThrow().value());
        assertEquals("Expected input batch_size (32) to match target batch_size (64).", failure(r.get(4)).message());
    }

    @Test
    void namesCarryOverBetweenCellsAndRedefinitionReplaces() {
        run("x: f32[2, 3]");
        run("x: f32[4]");
        StatementResult r = run("y = x + 1").get(0);
        assertEquals(Shape.of(4), tensor(r).shape());
    }

    @Test
    void statementsUsingAFailedNameAreSkippedAndOthersStillRun() {
        List<StatementResult> r = run("a: f32[2, 3]\nb = a @ a\nc = b * 2\nd = a * 2");
        assertFalse(r.get(1).ok());
        StatementResult.Skipped s = assertInstanceOf(StatementResult.Skipped.class, r.get(2).outcome());
        assertEquals("b", s.name());
        assertEquals(2, s.line());
        assertTrue(r.get(3).ok());
    }

    @Test
    void aSyntaxErrorDoesNotStopTheRestOfTheCell() {
        List<StatementResult> r = run("x: f32[2]\ny = (x +\nz = x * 2");
        assertEquals("SyntaxError", failure(r.get(1)).type());
        assertTrue(r.get(2).ok());
    }

    @Test
    void unknownNameSuggestsTheClosestOne() {
        StatementResult.Failure f = failure(run("logits: f32[2]\ny = logts + 1").get(1));
        assertEquals("NameError", f.type());
        assertEquals("name 'logts' is not defined. Did you mean: 'logits'?", f.message());
        assertTrue(f.notation());
    }

    @Test
    void anUnsupportedVersionSaysWhichOnesAre() {
        StatementResult.Failure f = failure(run("use jax 0.3").get(0));
        assertTrue(f.message().contains("Shapes reproduces JAX 0.10"), f.message());
    }

    @Test
    void hugeShapeOnlyTensorsCheckWithoutValues() {
        List<StatementResult> r = run("x: f32[1000000, 50257]\nt: i64[1000000]\nloss = F.cross_entropy(x, t, "
                + "reduction=\"none\")\nbig = x @ x.T");
        assertEquals(Shape.of(1000000), tensor(r.get(2)).shape());
        assertFalse(tensor(r.get(2)).hasValues());
        assertEquals(Shape.of(1000000, 1000000), tensor(r.get(3)).shape());
    }

    @Test
    void numericWorkBeyondTheBudgetIsAClearError() {
        StatementResult.Failure f = failure(run("x = torch.ones(100000, 100000)").get(0));
        assertEquals("ResourceError", f.type());
        assertTrue(f.message().contains("over the numeric budget"), f.message());
        assertTrue(NumericBudget.maxElements() < 100000L * 100000L);
    }

    @Test
    void frameworkErrorsPointAtTheArgumentAtFault() {
        StatementResult.Failure f = failure(run("logits: f32[4, 3]\nlabels: i64[4, 1]\n"
                + "loss = F.cross_entropy(logits, labels)").get(2));
        assertFalse(f.notation());
        assertEquals(3, f.span().line());
        assertEquals("loss = F.cross_entropy(logits, ".length(), f.span().column());
    }

    @Test
    void aCellHeaderSelectsTheFrameworkForThatCellOnly() {
        List<StatementResult> r = run("%%shapes torch 1.13\nx: f32[2] = [1.0, 2.0]\ny = x[x]");
        assertEquals("PyTorch 1.13", r.get(1).profile());
        assertEquals("tensors used as indices must be long, byte or bool tensors", failure(r.get(1)).message());
        assertEquals("PyTorch 2.x", interpreter.session().profile().label());
    }

    @Test
    void lossOverAColumnAndAVectorWarnsAndNotesTheSilentBroadcast() {
        StatementResult r = run("p: f32[8, 1]\nt: f32[8]\nl = F.mse_loss(p, t, reduction=\"none\")").get(2);
        assertEquals(Shape.of(8, 8), tensor(r).shape());
        assertEquals(1, r.warnings().size());
        assertEquals(Note.SILENT_BROADCAST, r.notes().get(0).kind());
    }

    @Test
    void loopsRunTheirBodyPerItem() {
        List<StatementResult> r = run("x: f32[3, 4]\ntotal = 0\nfor i in range(3):\n    total = total + 1\ny = total");
        assertEquals(new Value.IntValue(3), r.get(3).value().orElseThrow());
    }

    @Test
    void floatParsesPythonsSpecialSpellings() {
        List<StatementResult> r = run("a = float(\"-inf\")\nb = float(\"1e3\")\nc = float(\"x\")");
        assertEquals(new Value.FloatValue(Double.NEGATIVE_INFINITY), r.get(0).value().orElseThrow());
        assertEquals(new Value.FloatValue(1000.0), r.get(1).value().orElseThrow());
        assertEquals("could not convert string to float: 'x'", failure(r.get(2)).message());
    }

    @Test
    void aZeroDimensionalMaskAddsAnAxisOfOneOrNone() {
        // recorded with PyTorch 1.13: x[x > 0] of a 0-d x is [1] or [0]; y[m] of y [3, 4] is [1, 3, 4]
        List<StatementResult> r = run("x: f32[] = 2.0\na = x[x > 0]\nb = x[x < 0]\ny: f32[3, 4]\nc = y[x > 0]\n"
                + "d = y[x > 0, 1]\nu: f32[]\ne = x[u > 0]");
        assertEquals(Shape.of(1), tensor(r.get(1)).shape());
        assertEquals(Shape.of(0), tensor(r.get(2)).shape());
        assertEquals(Shape.of(1, 3, 4), tensor(r.get(4)).shape());
        assertEquals(Shape.of(1, 4), tensor(r.get(5)).shape());
        assertEquals(Shape.of(Dim.UNKNOWN), tensor(r.get(7)).shape());
    }
}
