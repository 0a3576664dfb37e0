package dev.shapes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, the text view and the JSON document of `check`. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run check(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void exitCodeIsZeroWhenNothingFailedOneWhenSomethingDidTwoOnIoErrors() throws Exception {
        assertEquals(0, check("check", file("ok.shapes", "x: f32[2, 3]\ny = x.sum(1)\n").toString()).exit());
        assertEquals(1, check("check", file("bad.shapes", "x: f32[2, 3]\ny = x @ x\n").toString()).exit());
        assertEquals(2, check("check", dir.resolve("missing.shapes").toString()).exit());
        assertEquals(2, check("check").exit());
        assertEquals(2, check("frobnicate").exit());
    }

    @Test
    void textViewMarksEachStatement() throws Exception {
        Run r = check("check", file("t.shapes", "x: f32[2, 3]\ny = x @ x\nz = y + 1\n").toString());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("✓   1  x: f32[2, 3]") && lines[0].endsWith("→ f32[2, 3]"), lines[0]);
        assertTrue(lines[1].startsWith("✗   2  y = x @ x"), lines[1]);
        assertEquals("       RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)  (2:5)", lines[2]);
        assertTrue(lines[3].startsWith("·   3  z = y + 1") && lines[3].contains("skipped: 'y' failed on line 2"), lines[3]);
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        Path p = file("j.shapes", "use torch\nlogits: f32[B, 10]\nlabels: i64[B, 1]\n"
                + "loss = F.cross_entropy(logits, labels)\nv: f32[2] = [0.5, 1.5]\nm = v.mean()\n");
        Run r = check("check", "--json", p.toString());
        assertEquals(1, r.exit());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray cells = doc.getAsJsonArray("cells");
        assertEquals(1, cells.size());
        assertEquals(0, cells.get(0).getAsJsonObject().get("index").getAsInt());
        JsonArray statements = cells.get(0).getAsJsonObject().getAsJsonArray("statements");
        JsonObject logits = statements.get(1).getAsJsonObject();
        assertEquals("ok", logits.get("status").getAsString());
        assertEquals("f32", logits.get("dtype").getAsString());
        assertEquals("[\"B\",10]", logits.get("shape").toString());
        assertTrue(logits.get("value").isJsonNull());
        JsonObject loss = statements.get(3).getAsJsonObject();
        assertEquals(4, loss.get("line").getAsInt());
        assertEquals("loss = F.cross_entropy(logits, labels)", loss.get("source").getAsString());
        assertEquals("error", loss.get("status").getAsString());
        JsonObject error = loss.getAsJsonObject("error");
        assertEquals("RuntimeError", error.get("type").getAsString());
        assertEquals("0D or 1D target tensor expected, multi-target not supported", error.get("message").getAsString());
        assertEquals(4, error.get("line").getAsInt());
        JsonObject mean = statements.get(5).getAsJsonObject();
        assertEquals(1.0, mean.get("value").getAsDouble());
        assertEquals("[]", mean.get("shape").toString());
        assertTrue(mean.getAsJsonArray("warnings").isEmpty());
        assertTrue(mean.getAsJsonArray("notes").isEmpty());
    }

    @Test
    void notebooksEvaluateTheirShapesCellsTopToBottom() throws Exception {
        String nb = """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["%%shapes torch\\n", "x: f32[4, 3]\\n"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["print('python cell')"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": "%%shapes\\ny = x.view(-1)\\n"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """;
        Run r = check("check", "--json", file("n.ipynb", nb).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonArray cells = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("cells");
        assertEquals(2, cells.size());
        JsonObject y = cells.get(1).getAsJsonObject().getAsJsonArray("statements").get(0).getAsJsonObject();
        assertEquals(2, y.get("line").getAsInt());
        assertEquals("[12]", y.get("shape").toString());
    }

    @Test
    void standardInputIsAccepted() {
        java.io.InputStream old = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("x: f32[2]\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, check("check", "-").exit());
        } finally {
            System.setIn(old);
        }
    }
}
