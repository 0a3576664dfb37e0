package dev.shapes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shapes explain [--json] FILE} and the diagnoses {@code check} adds:
 * the JSON contracts and the rustc-style text.
 */
class ExplainCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out) {}

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void explainJsonFollowsTheContract() throws IOException {
        Path message = file("error.txt", "Traceback (most recent call last):\n  File \"t.py\", line 9, in <module>\n"
                + "RuntimeError: 0D or 1D target tensor expected, multi-target not supported\n");
        Run r = run("explain", "--json", message.toString());
        assertEquals(0, r.exit());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(doc.get("recognized").getAsBoolean());
        assertEquals("torch", doc.get("framework").getAsString());
        assertEquals("2.x", doc.get("version").getAsString());
        assertEquals("label-rank", doc.get("kind").getAsString());
        assertTrue(doc.get("repro").getAsString().startsWith("use torch\n"));
        JsonArray cells = doc.getAsJsonObject("evaluation").getAsJsonArray("cells");
        assertEquals(1, cells.size());
        JsonArray statements = cells.get(0).getAsJsonObject().getAsJsonArray("statements");
        JsonObject last = statements.get(statements.size() - 1).getAsJsonObject();
        assertEquals("error", last.get("status").getAsString());
        JsonArray fixes = doc.getAsJsonArray("fixes");
        assertEquals("labels.squeeze(1)", fixes.get(0).getAsJsonObject().get("code").getAsString());
        assertTrue(fixes.get(0).getAsJsonObject().get("verified").getAsBoolean());
        assertTrue(doc.get("reproduced").getAsBoolean());
    }

    @Test
    void explainJsonOfAJaxMessageReproducesItUnderJax() throws IOException {
        Path message = file("jax.txt", "ValueError: Shape mismatch: got (8, 1) and (8,).\n");
        Run r = run("explain", "--json", message.toString());
        assertEquals(0, r.exit());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("jax", doc.get("framework").getAsString());
        assertEquals("0.10", doc.get("version").getAsString());
        assertEquals("label-rank", doc.get("kind").getAsString());
        assertTrue(doc.get("repro").getAsString().startsWith("use jax\n"));
        assertTrue(doc.get("reproduced").getAsBoolean());
        JsonObject fix = doc.getAsJsonArray("fixes").get(0).getAsJsonObject();
        assertEquals("targets[:, None]", fix.get("code").getAsString());
        assertTrue(fix.get("verified").getAsBoolean());
    }

    @Test
    void explainSaysSoWhenItDoesNotRecogniseAMessage() throws IOException {
        Run r = run("explain", "--json", file("x.txt", "SyntaxError: invalid syntax\n").toString());
        assertEquals(1, r.exit());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertFalse(doc.get("recognized").getAsBoolean());
        assertTrue(doc.get("kind").isJsonNull());
        assertEquals(0, doc.getAsJsonArray("fixes").size());
        assertFalse(doc.getAsJsonArray("closest").isEmpty());
        Run text = run("explain", file("y.txt", "SyntaxError: invalid syntax\n").toString());
        assertTrue(text.out().startsWith("not recognised"), text.out());
    }

    @Test
    void explainTextShowsTheDiagnosisTheReproAndTheVerifiedFix() throws IOException {
        Run r = run("explain", file("e.txt", "ValueError: Expected input batch_size (64) to match target batch_size "
                + "(32).\n").toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("recognised: torch 2.x, kind batch-size"), r.out());
        assertTrue(r.out().contains("    labels: i64[32]"), r.out());
        assertTrue(r.out().contains("error[batch-size]:"), r.out());
        assertTrue(r.out().contains("help: this only silences the error"), r.out());
    }

    @Test
    void checkAddsTheDiagnosisToTheTextAndTheJson() throws IOException {
        Path cell = file("c.shapes", "use torch\nlogits: f32[32, 10]\nlabels: i64[32, 1]\n"
                + "loss = F.cross_entropy(logits, labels)\n");
        Run text = run("check", cell.toString());
        assertEquals(1, text.exit());
        assertTrue(text.out().contains("✗   4  loss = F.cross_entropy(logits, labels)"), text.out());
        assertTrue(text.out().contains("error[label-rank]:"), text.out());
        assertTrue(text.out().contains("4 | loss = F.cross_entropy(logits, labels.squeeze(1))"), text.out());
        Run json = run("check", "--json", cell.toString());
        JsonArray statements = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("cells").get(0)
                .getAsJsonObject().getAsJsonArray("statements");
        JsonObject failed = statements.get(3).getAsJsonObject();
        assertEquals("error", failed.get("status").getAsString());
        assertEquals("RuntimeError", failed.getAsJsonObject("error").get("type").getAsString());
        JsonObject diagnosis = failed.getAsJsonObject("diagnosis");
        assertEquals("label-rank", diagnosis.get("kind").getAsString());
        assertEquals(31, diagnosis.get("column").getAsInt());
        assertEquals("labels.squeeze(1)", diagnosis.getAsJsonArray("fixes").get(0).getAsJsonObject().get("code")
                .getAsString());
        assertFalse(statements.get(1).getAsJsonObject().has("diagnosis"));
    }
}
