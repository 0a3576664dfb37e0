package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every NumPy case of the shared recordings (cases.jsonl with NumPy 2.4.6,
 * cases-torch1.13.jsonl with NumPy 1.24.2): Shapes must agree on status,
 * error type and exact message, warnings, dtype, shape and value.
 */
class NumpyOracleTest {

    @TestFactory
    Stream<DynamicTest> numpy2() {
        return cases("cases.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> numpy124() {
        return cases("cases-torch1.13.jsonl");
    }

    private static Stream<DynamicTest> cases(String file) {
        List<OracleCase> cases = OracleCase.load(file, "numpy");
        assertTrue(cases.size() >= 90, "expected the full recording, found " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<String> problems = Verdicts.disagreements(c, false);
            assertTrue(problems.isEmpty(), () -> c.id() + "\n" + c.dsl() + String.join("\n", problems));
        }));
    }
}
