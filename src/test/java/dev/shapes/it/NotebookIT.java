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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code jupyter nbconvert --to notebook --execute} runs the example notebook
 * on the installed kernel; every code cell gets one bundle of text/html,
 * text/plain and application/json, and the JSON is what {@code check --json}
 * says about the same notebook.
 */
class NotebookIT {

    @Test
    void nbconvertExecutesTheTourNotebook() throws Exception {
        Jupyter.install();
        Path out = Jupyter.ROOT.resolve("nbconvert");
        Files.createDirectories(out);
        Path notebook = Jupyter.source("examples/kernel-tour.ipynb");
        Jupyter.Result convert = Jupyter.run(Jupyter.python("-m", "jupyter", "nbconvert", "--to", "notebook",
                "--execute", "--ExecutePreprocessor.timeout=120", "--output-dir", out.toString(),
                notebook.toString()), Duration.ofMinutes(4));
        assertEquals(0, convert.exit(), convert.output());
        JsonObject executed = JsonParser.parseString(
                Files.readString(out.resolve("kernel-tour.ipynb"), StandardCharsets.UTF_8)).getAsJsonObject();

        List<JsonObject> bundles = new ArrayList<>();
        for (JsonElement cell : executed.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if (!c.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            JsonArray outputs = c.getAsJsonArray("outputs");
            assertEquals(1, outputs.size(), "one output per cell: " + outputs);
            JsonObject output = outputs.get(0).getAsJsonObject();
            assertEquals("execute_result", output.get("output_type").getAsString());
            JsonObject data = output.getAsJsonObject("data");
            assertEquals(Set.of("text/html", "text/plain", "application/json"), new TreeSet<>(data.keySet()));
            bundles.add(data);
        }
        assertEquals(4, bundles.size());
        String mismatch = text(bundles.get(0).get("text/html"));
        assertTrue(mismatch.contains("<table class=\"shapes-table\">") && mismatch.contains("<svg"), mismatch);
        assertTrue(text(bundles.get(0).get("text/plain"))
                .contains("RuntimeError: 0D or 1D target tensor expected, multi-target not supported"));
        assertTrue(text(bundles.get(2).get("text/plain")).contains("warning: Using a target size"));
        assertTrue(text(bundles.get(3).get("text/plain")).contains("labels  i64    [32, 1]"),
                text(bundles.get(3).get("text/plain")));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Jupyter.Result check = Jupyter.run(new ProcessBuilder(java, "-jar", Jupyter.TARGET.resolve("shapes.jar")
                .toString(), "check", "--json", notebook.toString()), Duration.ofMinutes(1));
        assertEquals(1, check.exit(), "a statement fails in the tour: " + check.output());
        JsonArray checkCells = JsonParser.parseString(check.output()).getAsJsonObject()
                .getAsJsonArray("cells");
        for (int i = 0; i < bundles.size(); i++) {
            JsonObject kernelCell = bundles.get(i).getAsJsonObject("application/json").getAsJsonArray("cells")
                    .get(0).getAsJsonObject();
            JsonObject checkCell = checkCells.get(i).getAsJsonObject();
            kernelCell.remove("magics");
            checkCell.remove("magics");
            assertEquals(checkCell.getAsJsonArray("statements"), kernelCell.getAsJsonArray("statements"),
                    "cell " + i + ": the kernel's JSON is check --json's");
        }
    }

    /** nbformat stores text as a string or a list of lines. */
    private static String text(JsonElement value) {
        if (value.isJsonArray()) {
            StringBuilder out = new StringBuilder();
            value.getAsJsonArray().forEach(line -> out.append(line.getAsString()));
            return out.toString();
        }
        return value.getAsString();
    }
}
