package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of cases-jax.jsonl (JAX 0.10.2 + optax 0.2.8, CPU, x64 off):
 * Shapes must agree on status, error type and exact message, warnings,
 * dtype, shape and value (NaN where JAX gave NaN).
 */
class JaxOracleTest {

    @TestFactory
    Stream<DynamicTest> jax() {
        List<OracleCase> cases = OracleCase.load("cases-jax.jsonl", "jax");
        assertTrue(cases.size() >= 200, "expected the full recording, found " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<String> problems = Verdicts.disagreements(c, false);
            assertTrue(problems.isEmpty(), () -> c.id() + "\n" + c.dsl() + String.join("\n", problems));
        }));
    }
}
