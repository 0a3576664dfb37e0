package dev.shapes.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import dev.shapes.render.JsonRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what Shapes says about a case's last statement with what the
 * real framework did: status, error type and message, warnings, dtype,
 * shape and value (relative 1e-5, absolute 1e-6, as the oracle's README says).
 */
final class Verdicts {

    /** The recorder drops this PyTorch warning (gen_oracle.py), so the comparison does too. */
    static final String FILTERED_WARNING = "reduction: 'mean' divides the total loss";

    private Verdicts() {}

    static StatementResult lastStatement(OracleCase c) {
        Interpreter interpreter = new Interpreter(new Session(Frameworks.all()));
        CellResult cell = interpreter.run(c.dsl());
        List<StatementResult> statements = cell.statements();
        return statements.get(statements.size() - 1);
    }

    /** The disagreements between Shapes and the recording; empty when they agree. */
    static List<String> disagreements(OracleCase c, boolean messageCoreOnly) {
        StatementResult result = lastStatement(c);
        JsonObject actual = JsonRenderer.statement(result);
        JsonObject expect = c.expect();
        List<String> problems = new ArrayList<>();
        String status = expect.get("status").getAsString();
        if (!status.equals(actual.get("status").getAsString())) {
            problems.add("status: expected " + status + " but Shapes says " + actual.get("status").getAsString()
                    + describe(actual));
            return problems;
        }
        if (status.equals("error")) {
            JsonObject error = actual.getAsJsonObject("error");
            String type = c.expectString("type");
            if (!type.equals(error.get("type").getAsString())) {
                problems.add("error type: expected " + type + " but got " + error.get("type").getAsString()
                        + " (" + error.get("message").getAsString() + ")");
            }
            String message = error.get("message").getAsString();
            String core = c.expectString("message_core");
            if (messageCoreOnly && core != null) {
                if (!message.contains(core)) {
                    problems.add("message: expected to contain\n    " + core + "\n  got\n    " + message);
                }
            } else if (!c.expectString("message").equals(message)) {
                problems.add("message: expected\n    " + c.expectString("message") + "\n  got\n    " + message);
            }
            return problems;
        }
        List<String> expectedWarnings = strings(expect.getAsJsonArray("warnings")).stream()
                .filter(w -> !w.contains(FILTERED_WARNING)).toList();
        List<String> actualWarnings = strings(actual.getAsJsonArray("warnings")).stream()
                .filter(w -> !w.contains(FILTERED_WARNING)).toList();
        if (!expectedWarnings.equals(actualWarnings)) {
            problems.add("warnings: expected " + expectedWarnings + " but got " + actualWarnings);
        }
        compareField("dtype", expect, actual, problems);
        compareField("shape", expect, actual, problems);
        JsonElement expectedValue = expect.get("value");
        if (expectedValue != null && !expectedValue.isJsonNull()) {
            JsonElement actualValue = actual.get("value");
            if (actualValue == null || actualValue.isJsonNull()) {
                problems.add("value: expected " + expectedValue + " but Shapes computed none");
            } else if (!close(expectedValue, actualValue)) {
                problems.add("value: expected " + expectedValue + " but got " + actualValue);
            }
        }
        return problems;
    }

    private static String describe(JsonObject actual) {
        if (actual.has("error") && actual.get("error").isJsonObject()) {
            JsonObject e = actual.getAsJsonObject("error");
            return " (" + e.get("type").getAsString() + ": " + e.get("message").getAsString() + ")";
        }
        return "";
    }

    private static void compareField(String key, JsonObject expect, JsonObject actual, List<String> problems) {
        JsonElement e = expect.get(key);
        JsonElement a = actual.get(key);
        if (e == null) {
            return;
        }
        if (!e.equals(a == null ? com.google.gson.JsonNull.INSTANCE : a)) {
            problems.add(key + ": expected " + e + " but got " + a);
        }
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(e -> out.add(e.getAsString()));
        }
        return out;
    }

    static boolean close(JsonElement expected, JsonElement actual) {
        if (expected.isJsonArray()) {
            if (!actual.isJsonArray() || expected.getAsJsonArray().size() != actual.getAsJsonArray().size()) {
                return false;
            }
            for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
                if (!close(expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (actual.isJsonArray() || actual.isJsonNull()) {
            return false;
        }
        if (expected.getAsJsonPrimitive().isBoolean() || actual.getAsJsonPrimitive().isBoolean()
                || expected.getAsJsonPrimitive().isString() && actual.getAsJsonPrimitive().isString()) {
            return expected.equals(actual);
        }
        double e = expected.getAsDouble();
        double a = actual.getAsDouble();
        if (Double.isNaN(e)) {
            return Double.isNaN(a);
        }
        if (Double.isInfinite(e)) {
            return e == a;
        }
        return Math.abs(e - a) <= 1e-6 + 1e-5 * Math.abs(e);
    }
}
