package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Further combinations of the PyTorch losses' options and the tensor operations
 * around them, recorded from real PyTorch 1.13 by src/test/python/record_torch.py
 * (see src/test/resources/recorded/README.md). Same comparison as the oracle.
 */
class TorchRecordedTest {

    @TestFactory
    Stream<DynamicTest> pytorch113Combinations() {
        List<OracleCase> cases = OracleCase.loadResource("/recorded/torch-1.13-extra.jsonl");
        assertTrue(cases.size() > 2000, "expected the full recording, found " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<String> problems = Verdicts.disagreements(c, false);
            assertTrue(problems.isEmpty(), () -> c.id() + "\n" + c.dsl() + String.join("\n", problems));
        }));
    }
}
