package dev.shapes.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.shapes.eval.StatementResult;
import dev.shapes.explain.Explanation;
import dev.shapes.render.TextRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notebook cell conventions shared by the kernel and check: the header and the line magics. */
class CellRunnerTest {

    private final CellRunner runner = new CellRunner();

    @Test
    void namesCarryOverBetweenCells() {
        runner.run("logits: f32[32, 10]", "In [1]");
        CellRun second = runner.run("y = logits.sum(1)", "In [2]");
        assertEquals("f32[32]", TextRenderer.describe(second.result().statements().get(0).value().orElseThrow()));
    }

    @Test
    void whoListsEveryTensorWithWhereItWasDeclared() {
        runner.run("logits: f32[32, 10]\nlabels: i64[32]\nn = 3", "In [1]");
        CellRun who = runner.run("%who", "In [2]");
        LineMagic.Who table = assertInstanceOf(LineMagic.Who.class, who.before().get(0));
        assertEquals(List.of("logits", "labels"), table.variables().stream().map(LineMagic.Variable::name).toList());
        LineMagic.Variable labels = table.variables().get(1);
        assertEquals("i64", labels.dtype());
        assertEquals("[32]", labels.shape().toString());
        assertEquals("In [1]", labels.cell());
        assertEquals(2, labels.declaredOnLine());
        String text = CellOutput.text(who);
        assertTrue(text.contains("labels  i64    [32]      In [1], line 2"), text);
        assertTrue(CellOutput.html(who).contains("<table class=\"shapes-table shapes-who\">"));
    }

    @Test
    void whoFiltersByDtype() {
        runner.run("a: f32[2]\nb: i64[2]", "In [1]");
        LineMagic.Who table = (LineMagic.Who) runner.run("%who i64", "In [2]").before().get(0);
        assertEquals(List.of("b"), table.variables().stream().map(LineMagic.Variable::name).toList());
    }

    @Test
    void whoAfterTheStatementsSeesThem() {
        CellRun run = runner.run("x: f32[3]\n%who", "In [1]");
        assertTrue(run.before().isEmpty());
        LineMagic.Who table = (LineMagic.Who) run.after().get(0);
        assertEquals("x", table.variables().get(0).name());
    }

    @Test
    void resetForgetsNamesAndFramework() {
        runner.run("x: f32[3]", "In [1]");
        CellRun reset = runner.run("%reset -f\ny = x", "In [2]");
        assertInstanceOf(LineMagic.Reset.class, reset.before().get(0));
        StatementResult.Failure failure = reset.result().statements().get(0).failure().orElseThrow();
        assertEquals("NameError", failure.type());
    }

    @Test
    void useMagicIsAUseStatementInPlace() {
        CellRun run = runner.run("%use torch\nx: f32[3]", "In [1]");
        assertEquals("use torch", run.result().statements().get(0).source().strip());
        assertEquals(1, run.result().statements().get(0).span().line());
        assertFalse(run.anyFailed());
    }

    @Test
    void bareUseSaysWhichFrameworkIsActive() {
        LineMagic.Using using = (LineMagic.Using) runner.run("%use", "In [1]").before().get(0);
        assertTrue(using.profile().startsWith("PyTorch"), using.profile());
    }

    @Test
    void unknownLineMagicIsAUsageErrorAndNothingRuns() {
        CellRun run = runner.run("x: f32[3]\n%timeit x", "In [1]");
        List<CellRun.Problem> problems = run.notationProblems();
        assertEquals("UsageError", problems.get(0).type());
        assertEquals("Line magic function `%timeit` not found.", problems.get(0).message());
        assertEquals(2, problems.get(0).span().line());
        assertTrue(run.result().statements().isEmpty());
        assertTrue(runner.session().environment().lookup("x").isEmpty());
    }

    @Test
    void magicBetweenStatementsIsAUsageError() {
        CellRun run = runner.run("x: f32[3]\n%who\ny: f32[3]", "In [1]");
        assertEquals("UsageError", run.notationProblems().get(0).type());
    }

    @Test
    void unknownCellMagicIsAUsageError() {
        CellRun run = runner.run("%%time\nx: f32[3]", "In [1]");
        assertEquals("Cell magic `%%time` not found.", run.notationProblems().get(0).message());
    }

    @Test
    void percentInsideBracketsIsNotAMagic() {
        CellRun run = runner.run("a = 7\nb = (a\n%3)", "In [1]");
        assertTrue(run.magics().isEmpty());
        assertFalse(run.anyFailed(), CellOutput.text(run));
    }

    @Test
    void shapesHeaderSelectsTheFrameworkForTheCell() {
        CellRun run = runner.run("%%shapes torch\nlogits: f32[4, 3]\nlabels: i64[4, 1]\n"
                + "loss = F.cross_entropy(logits, labels)", "In [1]");
        StatementResult.Failure failure = run.result().statements().get(2).failure().orElseThrow();
        assertEquals("RuntimeError", failure.type());
        assertFalse(failure.notation());
        assertTrue(run.notationProblems().isEmpty(), "a framework verdict is not a notation problem");
    }

    @Test
    void jsonCellCarriesMagicsOnlyWhenThereAreSome() {
        JsonObject plain = CellOutput.json(runner.run("x: f32[3]", "In [1]"));
        assertFalse(plain.has("magics"));
        JsonObject who = CellOutput.json(runner.run("%who", "In [2]"));
        JsonObject magic = who.getAsJsonArray("magics").get(0).getAsJsonObject();
        assertEquals("who", magic.get("magic").getAsString());
        assertEquals("x", magic.getAsJsonArray("variables").get(0).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void bigValuesCanBeLeftOutOfTheJson() {
        CellRun run = runner.run("a = torch.ones(200, 200)\nb = torch.ones(2, 2)", "In [1]");
        JsonObject big = CellOutput.json(run, 1000).getAsJsonArray("statements").get(0).getAsJsonObject();
        assertTrue(big.get("value").isJsonNull());
        assertEquals(40_000, big.get("values_omitted").getAsLong());
        assertEquals("[200,200]", big.get("shape").toString());
        JsonObject small = CellOutput.json(run, 1000).getAsJsonArray("statements").get(1).getAsJsonObject();
        assertEquals("[[1.0,1.0],[1.0,1.0]]", small.get("value").toString());
        assertEquals(40_000, CellOutput.json(run).getAsJsonArray("statements").get(0).getAsJsonObject()
                .getAsJsonArray("value").size() * 200);
    }

    @Test
    void twoFrameworksInTheHeaderCompareTheLossSideBySide() {
        CellRun run = runner.run("%%shapes torch numpy\nlogits: f32[32, 10]\nlabels: i64[32]\n"
                + "loss = F.cross_entropy(logits, labels)", "In [1]");
        assertEquals(2, run.result().statements().size(), CellOutput.text(run));
        assertTrue(run.result().statements().get(1).profile().startsWith("NumPy"), CellOutput.text(run));
    }

    @Test
    void aFailingCellCarriesItsDiagnosisWithAVerifiedFixInEveryView() {
        CellRun run = runner.run("%%shapes torch\nlogits: f32[8, 4]\nlabels: i64[8, 1]\n"
                + "loss = F.cross_entropy(logits, labels)", "In [1]");
        assertEquals(1, run.diagnoses().size());
        assertTrue(run.diagnoses().get(0).verifiedFixes().stream()
                .anyMatch(f -> f.code().equals("labels.squeeze(1)")), run.diagnoses().toString());
        assertTrue(CellOutput.text(run).contains("help: drop the extra axis"), CellOutput.text(run));
        assertTrue(CellOutput.html(run).contains("shapes-section-diagnosis"), "the HTML carries the diagnosis");
        JsonObject loss = CellOutput.json(run).getAsJsonArray("statements").get(2).getAsJsonObject();
        assertEquals("label-rank", loss.getAsJsonObject("diagnosis").get("kind").getAsString());
    }

    @Test
    void explainCellsExplainAPastedMessage() {
        CellRun run = runner.run("%%explain\nValueError: Expected input batch_size (32) to match target batch_size "
                + "(16).", "In [1]");
        assertTrue(run.explanation().orElseThrow().recognized());
        assertEquals("batch-size", run.explanation().get().kind().orElseThrow().id);
        assertTrue(CellOutput.text(run).startsWith("recognised: torch"), CellOutput.text(run));
        assertTrue(CellOutput.html(run).contains("shapes-explain"));
        assertEquals("batch-size", CellOutput.json(run).getAsJsonObject("explain").get("kind").getAsString());
        assertTrue(run.notationProblems().isEmpty());
    }

    @Test
    void explainCellsExplainAPastedOptaxTracebackWithFixesVerifiedUnderJax() {
        CellRun run = runner.run("""
                %%explain
                  File "/home/me/.venv/lib/python3.11/site-packages/optax/losses/_classification.py", line 248, in softmax_cross_entropy_with_integer_labels
                TypeError: Expected the input to have a dtype that is a subdtype of <class 'numpy.integer'>, got float32 instead
                """, "In [1]");
        Explanation e = run.explanation().orElseThrow();
        assertEquals("jax", e.framework().orElseThrow());
        assertTrue(e.repro().orElseThrow().startsWith("use jax\n"), e.repro().get());
        assertEquals("labels.astype(jnp.int32)", e.fixes().get(0).code());
        assertTrue(e.fixes().get(0).verified());
        assertTrue(CellOutput.text(run).startsWith("recognised: jax"), CellOutput.text(run));
        assertTrue(CellOutput.text(run).contains("labels.astype(jnp.int32)"), CellOutput.text(run));
    }

    @Test
    void cellsThatRunCleanlyHaveNoDiagnoses() {
        assertTrue(runner.run("x: f32[2, 3]\ny = x.sum(1)", "In [1]").diagnoses().isEmpty());
    }
}
