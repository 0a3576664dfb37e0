package dev.shapes.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shapes.notebook.CellOutput;
import dev.shapes.notebook.CellRun;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A cell's output as one Jupyter mime bundle: {@code text/html},
 * {@code text/plain} and {@code application/json} (the {@code check --json}
 * document of this one cell, without the values of tensors over
 * {@link #MAX_VALUES} elements).
 */
final class MimeBundle {

    static final String JSON = "application/json";
    /** Tensors with more elements than this are sent without their values (a notebook keeps every output). */
    static final long MAX_VALUES = 10_000;

    private MimeBundle() {}

    static DisplayData of(CellRun run) {
        DisplayData data = new DisplayData();
        data.putData("text/plain", CellOutput.text(run));
        data.putData("text/html", CellOutput.html(run));
        data.putData(JSON, new JsonData(finite(CellOutput.document(List.of(run), MAX_VALUES))));
        return data;
    }

    /**
     * The document with NaN and infinities spelled as strings ("NaN",
     * "Infinity", "-Infinity"): the wire protocol is strict JSON, which has no
     * such numbers, and the message writer refuses them.
     */
    static JsonElement finite(JsonElement element) {
        if (element.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                out.add(e.getKey(), finite(e.getValue()));
            }
            return out;
        }
        if (element.isJsonArray()) {
            JsonArray out = new JsonArray();
            element.getAsJsonArray().forEach(e -> out.add(finite(e)));
            return out;
        }
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
            double value = element.getAsDouble();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return new JsonPrimitive(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            }
        }
        return element;
    }
}
