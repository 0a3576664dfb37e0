package dev.shapes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.StatementResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code explain} recognises every message the PyTorch profile prints (listed
 * from framework-messages.md §1 in src/test/resources/explain/torch-messages.txt)
 * and the cell it builds prints exactly that message again, under the
 * version the message comes from.
 */
class TorchMessagesTest {

    record Message(String version, String text) {}

    static List<Message> messages() throws IOException {
        List<Message> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TorchMessagesTest.class.getResourceAsStream("/explain/torch-messages.txt")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("1.13 | ")) {
                    out.add(new Message("1.x", line.substring("1.13 | ".length())));
                } else {
                    out.add(new Message("2.x", line));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyProfileMessageIsRecognisedAndReproducedVerbatim() throws IOException {
        return messages().stream().map(m -> DynamicTest.dynamicTest(m.text(), () -> {
            Explanation e = Explainer.explainMessage(m.text());
            assertTrue(e.recognized(), "not recognised");
            assertEquals("torch", e.framework().orElseThrow());
            List<String> printed = new ArrayList<>();
            for (StatementResult s : e.evaluation().orElseThrow().statements()) {
                s.failure().ifPresent(f -> printed.add(f.type() + ": " + f.message()));
                s.warnings().forEach(w -> printed.add("UserWarning: " + w));
            }
            assertTrue(printed.contains(m.text()), () -> "the repro\n" + e.repro().orElseThrow() + "printed " + printed);
        }));
    }
}
