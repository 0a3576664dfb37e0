package dev.shapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every tutorial in notebooks/ runs top to bottom on the real kernel
 * (nbconvert --execute) with no cell error: framework errors are the
 * tutorials' subject and count as successful cells, but a notation error,
 * an unknown magic or a crash fails the test. The committed notebooks carry
 * their outputs (notebooks/build refreshes them); every code cell must have one.
 */
class TutorialsIT {

    @TestFactory
    Stream<DynamicTest> everyTutorialRunsWithoutACellError() throws Exception {
        Path dir = Jupyter.source("notebooks");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 6, "expected the index and five tutorials in " + dir + ": " + notebooks);
        return notebooks.stream().map(notebook -> DynamicTest.dynamicTest(notebook.getFileName().toString(), () -> {
            Jupyter.install();
            assertCommittedOutputs(notebook);
            Path out = Jupyter.ROOT.resolve("tutorials");
            Files.createDirectories(out);
            Jupyter.Result convert = Jupyter.run(Jupyter.python("-m", "jupyter", "nbconvert", "--to", "notebook",
                    "--execute", "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString(),
                    notebook.toString()), Duration.ofMinutes(10));
            assertEquals(0, convert.exit(), convert.output());
            JsonObject executed = JsonParser.parseString(Files.readString(out.resolve(notebook.getFileName()),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            if (notebook.getFileName().toString().startsWith("05-")) {
                assertJaxColumn(executed);
            }
            int cell = 0;
            for (JsonElement element : executed.getAsJsonArray("cells")) {
                JsonObject c = element.getAsJsonObject();
                cell++;
                if (!c.get("cell_type").getAsString().equals("code")) {
                    continue;
                }
                JsonArray outputs = c.getAsJsonArray("outputs");
                assertTrue(outputs.size() >= 1, notebook.getFileName() + " cell " + cell + " has no output");
                for (JsonElement output : outputs) {
                    String type = output.getAsJsonObject().get("output_type").getAsString();
                    assertTrue(!type.equals("error"), notebook.getFileName() + " cell " + cell + ": " + output);
                }
            }
        }));
    }

    /** The committed notebook renders on a code host: each code cell carries its output. */
    private static void assertCommittedOutputs(Path notebook) throws Exception {
        JsonObject committed = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8))
                .getAsJsonObject();
        int cell = 0;
        for (JsonElement element : committed.getAsJsonArray("cells")) {
            JsonObject c = element.getAsJsonObject();
            cell++;
            if (c.get("cell_type").getAsString().equals("code")) {
                assertTrue(c.getAsJsonArray("outputs").size() >= 1, notebook.getFileName() + " cell " + cell
                        + " is committed without its output: run notebooks/build");
            }
        }
    }

    /** The broadcasting tutorial compares a loss side by side with a JAX column, and JAX's verdict is shown. */
    private static void assertJaxColumn(JsonObject executed) {
        for (JsonElement element : executed.getAsJsonArray("cells")) {
            JsonObject c = element.getAsJsonObject();
            String source = String.join("", c.getAsJsonArray("source").asList().stream()
                    .map(JsonElement::getAsString).toList());
            if (!c.get("cell_type").getAsString().equals("code") || !source.startsWith("%%shapes")
                    || !source.lines().findFirst().orElse("").contains("jax")
                    || source.lines().findFirst().orElse("").split("\\s+").length < 3) {
                continue;
            }
            for (JsonElement output : c.getAsJsonArray("outputs")) {
                JsonObject data = output.getAsJsonObject().getAsJsonObject("data");
                if (data != null && data.has("text/plain")) {
                    String text = data.get("text/plain").isJsonArray()
                            ? String.join("", data.getAsJsonArray("text/plain").asList().stream()
                                    .map(JsonElement::getAsString).toList())
                            : data.get("text/plain").getAsString();
                    if (text.contains("[JAX 0.10 + optax 0.2.8]") && text.contains("optax.")) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("05-broadcasting has no side-by-side cell with a JAX column in its output");
    }
}
