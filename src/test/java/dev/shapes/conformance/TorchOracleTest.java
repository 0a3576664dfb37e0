package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PyTorch case recorded from real PyTorch 2.13 (cases.jsonl) and 1.13
 * (cases-torch1.13.jsonl): Shapes must agree on status, error type and exact
 * message, warnings, dtype, shape and value.
 */
class TorchOracleTest {

    @TestFactory
    Stream<DynamicTest> pytorch2() {
        return cases("cases.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> pytorch113() {
        return cases("cases-torch1.13.jsonl");
    }

    private static Stream<DynamicTest> cases(String file) {
        List<OracleCase> cases = OracleCase.load(file, "torch");
        assertTrue(cases.size() > 500, "expected the full recording, found " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<String> problems = Verdicts.disagreements(c, false);
            assertTrue(problems.isEmpty(), () -> c.id() + "\n" + c.dsl() + String.join("\n", problems));
        }));
    }
}
