package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.notebook.CellRun;
import dev.shapes.notebook.CellRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The error reply of a notation failure: clean name, one-line value, the cell's lines as traceback. */
class CellErrorTest {

    private final CellRunner runner = new CellRunner();

    @Test
    void unknownNameShowsTheLineWithACaret() {
        CellRun run = runner.run("logits: f32[32, 10]\ny = F.softmax(logts, dim=1)", "In [4]");
        CellError error = CellError.of(run, "In[4]").orElseThrow();
        assertEquals("NameError", error.ename());
        assertEquals("name 'logts' is not defined. Did you mean: 'logits'?", error.evalue());
        assertEquals(List.of(
                "Cell In[4], line 2",
                "----> 2 y = F.softmax(logts, dim=1)",
                "                      ^^^^^",
                "NameError: name 'logts' is not defined. Did you mean: 'logits'?"), error.traceback());
    }

    @Test
    void everyNotationProblemIsListedAndNothingLooksLikeJava() {
        CellRun run = runner.run("x = (\ny = nothing\nz: f32[3]", "In [1]");
        CellError error = CellError.of(run, "In[1]").orElseThrow();
        assertEquals("SyntaxError", error.ename());
        assertFalse(error.evalue().contains("\n"));
        assertTrue(error.traceback().contains("Cell In[1], line 2"), String.join("\n", error.traceback()));
        for (String line : error.traceback()) {
            assertFalse(line.contains("\u001b"), "no ANSI codes: " + line);
            assertFalse(line.matches("\\s*at [\\w.$]+\\(.*"), "no Java frames: " + line);
        }
    }

    @Test
    void frameworkVerdictsAreNotErrors() {
        CellRun run = runner.run("logits: f32[4, 3]\nlabels: i64[4, 1]\nloss = F.cross_entropy(logits, labels)",
                "In [1]");
        assertTrue(run.anyFailed());
        assertTrue(CellError.of(run, "In[1]").isEmpty());
    }

    @Test
    void magicProblemsPointAtTheirLine() {
        CellError error = CellError.of(runner.run("%whoo", "In [2]"), "In[2]").orElseThrow();
        assertEquals("UsageError", error.ename());
        assertEquals(List.of("Cell In[2], line 1", "----> 1 %whoo", "        ^^^^^",
                "UsageError: Line magic function `%whoo` not found."), error.traceback());
    }
}
