package dev.shapes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on a notebook runs its cells the way the kernel does, magics included. */
class CheckNotebookTest {

    private static final String NOTEBOOK = """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# A notebook"]},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
               "source": ["%use torch\\n", "logits: f32[32, 10]\\n", "labels: i64[32]"]},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "%who"},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
               "source": "%reset\\nloss = F.cross_entropy(logits, labels)"}
            ],
             "metadata": {"kernelspec": {"name": "shapes", "display_name": "Shapes", "language": "shapes"}},
             "nbformat": 4, "nbformat_minor": 5}
            """;

    @TempDir
    Path dir;

    @Test
    void magicsWorkInCheckedNotebooks() throws Exception {
        Path notebook = dir.resolve("magics.ipynb");
        Files.writeString(notebook, NOTEBOOK);
        Result text = check(notebook.toString());
        assertEquals(1, text.exit, text.out);
        assertTrue(text.out.contains("── cell 3 ──"), text.out);
        assertTrue(text.out.contains("logits  f32    [32, 10]  cell 2, line 2"), text.out);
        assertTrue(text.out.contains("NameError: name 'logits' is not defined"), text.out);

        Result json = check("--json", notebook.toString());
        JsonObject doc = JsonParser.parseString(json.out).getAsJsonObject();
        JsonObject who = doc.getAsJsonArray("cells").get(1).getAsJsonObject().getAsJsonArray("magics").get(0)
                .getAsJsonObject();
        assertEquals(2, who.getAsJsonArray("variables").size());
    }

    private record Result(int exit, String out) {}

    private static Result check(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "check";
            System.arraycopy(args, 0, all, 1, args.length);
            int exit = Main.run(all);
            return new Result(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }
}
