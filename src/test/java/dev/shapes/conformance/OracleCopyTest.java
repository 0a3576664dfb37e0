package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recordings are copied into the repository so a clone is self-contained.
 * Where the shared originals are beside the checkout (always in CI), the
 * copies must be identical: re-copy when ../shared/oracle changes.
 */
class OracleCopyTest {

    private static final Path SHARED = Path.of("..", "shared", "oracle");

    @Test
    void copiesMatchTheSharedRecordings() throws IOException {
        boolean inCi = System.getenv("CI") != null;
        if (!Files.isDirectory(SHARED)) {
            assertTrue(!inCi, "CI runs with ../shared beside the checkout, but " + SHARED.toAbsolutePath() + " is missing");
            return;
        }
        List<Path> recordings;
        try (Stream<Path> files = Files.list(SHARED)) {
            recordings = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertTrue(recordings.size() >= 4, "expected the shared recordings, found " + recordings);
        for (Path original : recordings) {
            String name = original.getFileName().toString();
            try (InputStream copy = OracleCopyTest.class.getResourceAsStream("/oracle/" + name)) {
                assertTrue(copy != null, "src/test/resources/oracle/" + name + " is missing: copy it from " + original);
                assertArrayEquals(Files.readAllBytes(original), copy.readAllBytes(),
                        "src/test/resources/oracle/" + name + " differs from " + original + ": re-copy it");
            }
        }
    }
}
