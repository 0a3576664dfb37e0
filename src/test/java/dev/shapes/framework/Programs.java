package dev.shapes.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.render.JsonRenderer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Table rows for message tests: a program, what its last statement must
 * raise (exception class and exact text) or warn, and the framework source
 * file the text was taken from (for texts no recording covers).
 */
public record Programs(String source, String dsl, String type, String message) {

    /** A row whose last statement must fail with exactly this type and text. */
    public static Programs fails(String source, String type, String message, String... lines) {
        return new Programs(source, String.join("\n", lines), type, message);
    }

    /** A row whose last statement must succeed and give this warning. */
    public static Programs warns(String source, String warning, String... lines) {
        return new Programs(source, String.join("\n", lines), null, warning);
    }

    public static StatementResult last(String dsl) {
        CellResult cell = new Interpreter(new Session(Frameworks.all())).run(dsl);
        List<StatementResult> statements = cell.statements();
        return statements.get(statements.size() - 1);
    }

    public static Stream<DynamicTest> tests(List<Programs> rows) {
        return rows.stream().map(r -> DynamicTest.dynamicTest(r.source() + ": " + r.message(), r::check));
    }

    public void check() {
        StatementResult result = last(dsl);
        String describe = JsonRenderer.statement(result).toString();
        if (type == null) {
            assertTrue(result.ok(), () -> "expected success with a warning, got " + describe);
            assertTrue(result.warnings().contains(message), () -> "expected the warning\n  " + message + "\ngot "
                    + result.warnings());
            return;
        }
        assertTrue(result.failure().isPresent(), () -> "expected " + type + ", got " + describe);
        StatementResult.Failure f = result.failure().get();
        assertEquals(type, f.type(), () -> describe);
        assertEquals(message, f.message(), () -> describe);
    }
}
