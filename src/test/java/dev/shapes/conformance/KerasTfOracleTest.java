package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Keras and TensorFlow case recorded from TensorFlow 2.21 with Keras
 * 3.15 (cases-keras-tf.jsonl): Shapes must agree on status, error type,
 * warnings, dtype, shape and value; an error's message must contain the
 * recording's {@code message_core} (the rest of a Keras/TF message is call
 * stack context).
 */
class KerasTfOracleTest {

    @TestFactory
    Stream<DynamicTest> keras() {
        return cases("keras", 200);
    }

    @TestFactory
    Stream<DynamicTest> tensorflow() {
        return cases("tf", 50);
    }

    private static Stream<DynamicTest> cases(String framework, int atLeast) {
        List<OracleCase> cases = OracleCase.load("cases-keras-tf.jsonl", framework);
        assertTrue(cases.size() >= atLeast, "expected the full recording, found " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            List<String> problems = Verdicts.disagreements(c, true);
            assertTrue(problems.isEmpty(), () -> c.id() + "\n" + c.dsl() + String.join("\n", problems));
        }));
    }
}
