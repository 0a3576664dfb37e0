package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.shapes.eval.Python;
import dev.shapes.eval.StatementResult;
import dev.shapes.render.JsonRenderer;
import dev.shapes.tensor.DType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The NumPy programs of src/test/python/record_numpy.py, recorded with real
 * NumPy 2.4.6 (recorded/numpy-2.4.jsonl, {@code use numpy}) and 1.24.2
 * (recorded/numpy-1.24.jsonl, {@code use numpy 1.24}): each message, dtype rule and
 * shape rule of the profile against what NumPy did.
 */
class NumpyRecordedTest {

    @TestFactory
    Stream<DynamicTest> numpy2() {
        return cases("numpy-2.4.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> numpy124() {
        return cases("numpy-1.24.jsonl");
    }

    private static Stream<DynamicTest> cases(String file) {
        List<OracleCase> cases = OracleCase.loadResource("/recorded/" + file);
        assertTrue(cases.size() > 300, "expected the full recording, found " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
    }

    private static void check(OracleCase c) {
        String dtype = c.expectString("dtype");
        if (dtype != null && DType.parse(dtype).isEmpty()) {
            // NumPy's result has a dtype Shapes does not hold (uint16 and wider): it must say so, not guess
            JsonObject actual = JsonRenderer.statement(Verdicts.lastStatement(c));
            assertEquals("error", actual.get("status").getAsString(), c.dsl());
            assertEquals("notation", actual.getAsJsonObject("error").get("origin").getAsString(), c.dsl());
            return;
        }
        List<String> problems = Verdicts.disagreements(c, false);
        assertTrue(problems.isEmpty(), () -> c.id() + "\n" + c.dsl() + String.join("\n", problems));
        String repr = c.expectString("repr");
        if (repr != null) {
            StatementResult last = Verdicts.lastStatement(c);
            assertEquals(repr, Python.repr(((StatementResult.Ok) last.outcome()).value()), c.dsl());
        }
    }
}
