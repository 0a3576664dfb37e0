package dev.shapes.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's example output is what `check` prints for the example file (lines ending in "..." are prefixes). */
class DocumentationTest {

    @Test
    void theReadmeExampleIsWhatCheckPrints() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String marker = "`java -jar target/shapes.jar check examples/quickstart.shapes` prints (abridged):";
        int start = readme.indexOf("```\n", readme.indexOf(marker)) + 4;
        List<String> documented = readme.substring(start, readme.indexOf("```", start)).lines()
                .filter(line -> !line.isBlank()).toList();
        assertTrue(documented.size() > 10, "the README shows the example's output");

        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Main.run("check", "examples/quickstart.shapes");
        } finally {
            System.setOut(old);
        }
        List<String> printed = captured.toString(StandardCharsets.UTF_8).lines().map(DocumentationTest::squeeze).toList();
        for (String line : documented) {
            String expected = squeeze(line);
            boolean prefix = expected.endsWith("...");
            String wanted = prefix ? expected.substring(0, expected.length() - 3).strip() : expected;
            assertTrue(printed.stream().anyMatch(p -> prefix ? p.startsWith(wanted) : p.equals(wanted)),
                    () -> "README line not printed by check: " + line + "\n---\n" + String.join("\n", printed));
        }
    }

    /** Column alignment is not the point: runs of spaces compare as one. */
    private static String squeeze(String line) {
        return line.strip().replaceAll(" {2,}", " ");
    }
}
