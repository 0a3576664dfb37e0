package dev.shapes.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.shapes.eval.CellResult;
import dev.shapes.explain.Diagnosis;
import dev.shapes.eval.Note;
import dev.shapes.eval.Python;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The JSON document of {@code check --json} (a stable contract):
 * {@code {"cells": [{"index": 0, "statements": [{"line", "column", "source", "status",
 * "dtype", "shape", "value", "error", "warnings", "notes"}]}]}}. Lines are
 * 1-based, columns 0-based (Python's {@code col_offset}).
 */
public final class JsonRenderer {

    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();
    private static final Gson PRETTY = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().setPrettyPrinting().create();

    private JsonRenderer() {}

    public static JsonObject document(List<CellResult> cells) {
        JsonArray array = new JsonArray();
        for (CellResult cell : cells) {
            array.add(cell(cell));
        }
        JsonObject doc = new JsonObject();
        doc.add("cells", array);
        return doc;
    }

    /**
     * Adds the explanation layer's diagnoses to a cell object of this
     * document: every statement a diagnosis is about gets an optional
     * {@code "diagnosis"} object (the first one, errors before warnings and
     * notes; see {@link DiagnosisJson}). The other fields are unchanged.
     */
    public static JsonObject addDiagnoses(JsonObject cell, CellResult result, List<Diagnosis> diagnoses) {
        JsonArray statements = cell.getAsJsonArray("statements");
        List<StatementResult> results = result.statements();
        for (int i = 0; i < results.size() && i < statements.size(); i++) {
            StatementResult s = results.get(i);
            JsonObject statement = statements.get(i).getAsJsonObject();
            diagnoses.stream().filter(d -> d.statement().equals(s.span()))
                    .min(java.util.Comparator.comparingInt(d -> d.severity().ordinal()))
                    .ifPresent(d -> statement.add("diagnosis", DiagnosisJson.diagnosis(d)));
        }
        return cell;
    }

    public static String render(List<CellResult> cells, boolean pretty) {
        return (pretty ? PRETTY : GSON).toJson(document(cells));
    }

    /**
     * Compact JSON text, exactly as Gson writes it with this renderer's settings (nulls kept, NaN
     * and infinities as bare words, no HTML escaping), but straight into one StringBuilder:
     * Gson's writer costs more than building the whole tree.
     */
    public static String toJson(JsonElement element) {
        StringBuilder out = new StringBuilder(256);
        write(element, out);
        return out.toString();
    }

    private static void write(JsonElement element, StringBuilder out) {
        if (element.isJsonObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (element.isJsonArray()) {
            out.append('[');
            boolean first = true;
            for (JsonElement item : element.getAsJsonArray()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (element.isJsonPrimitive()) {
            JsonPrimitive primitive = element.getAsJsonPrimitive();
            if (primitive.isString()) {
                string(primitive.getAsString(), out);
            } else if (primitive.isBoolean()) {
                out.append(primitive.getAsBoolean());
            } else {
                out.append(primitive.getAsNumber().toString());
            }
        } else {
            out.append("null");
        }
    }

    /** Gson's escaping without HTML safety: quotes, backslashes, control characters, U+2028 and U+2029. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        int last = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String replacement;
            if (c < ESCAPES.length) {
                replacement = ESCAPES[c];
                if (replacement == null) {
                    continue;
                }
            } else if (c == '\u2028') {
                replacement = "\\u2028";
            } else if (c == '\u2029') {
                replacement = "\\u2029";
            } else {
                continue;
            }
            out.append(value, last, i).append(replacement);
            last = i + 1;
        }
        out.append(value, last, length).append('"');
    }

    private static final String[] ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = String.format("\\u%04x", c);
        }
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\b'] = "\\b";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\r'] = "\\r";
        ESCAPES['\f'] = "\\f";
    }

    public static JsonObject cell(CellResult cell) {
        JsonObject out = new JsonObject();
        out.addProperty("index", cell.index());
        JsonArray statements = new JsonArray();
        for (StatementResult s : cell.statements()) {
            statements.add(statement(s));
        }
        out.add("statements", statements);
        return out;
    }

    public static JsonObject statement(StatementResult s) {
        JsonObject out = new JsonObject();
        out.addProperty("line", s.span().line());
        out.addProperty("column", s.span().column());
        out.addProperty("source", s.source());
        out.addProperty("framework", s.profile());
        if (s.outcome() instanceof StatementResult.Ok ok) {
            out.addProperty("status", "ok");
            addValue(out, ok.value());
        } else if (s.outcome() instanceof StatementResult.Failed failed) {
            out.addProperty("status", "error");
            out.add("dtype", JsonNull.INSTANCE);
            out.add("shape", JsonNull.INSTANCE);
            out.add("value", JsonNull.INSTANCE);
            StatementResult.Failure f = failed.failure();
            JsonObject error = new JsonObject();
            error.addProperty("type", f.type());
            error.addProperty("message", f.message());
            error.addProperty("line", f.span().line());
            error.addProperty("column", f.span().column());
            error.addProperty("origin", f.notation() ? "notation" : "framework");
            out.add("error", error);
        } else if (s.outcome() instanceof StatementResult.Skipped skipped) {
            out.addProperty("status", "skipped");
            out.add("dtype", JsonNull.INSTANCE);
            out.add("shape", JsonNull.INSTANCE);
            out.add("value", JsonNull.INSTANCE);
            out.addProperty("reason", skipped.reason());
        }
        JsonArray warnings = new JsonArray();
        s.warnings().forEach(warnings::add);
        out.add("warnings", warnings);
        JsonArray notes = new JsonArray();
        for (Note n : s.notes()) {
            JsonObject note = new JsonObject();
            note.addProperty("kind", n.kind());
            note.addProperty("message", n.message());
            notes.add(note);
        }
        out.add("notes", notes);
        return out;
    }

    private static void addValue(JsonObject out, Value value) {
        if (value instanceof Value.TensorValue t) {
            Tensor tensor = t.tensor();
            out.addProperty("dtype", tensor.dtype().shortName);
            out.add("shape", shape(tensor.shape()));
            out.add("value", tensor.hasValues() ? nested(tensor.nested()) : JsonNull.INSTANCE);
            return;
        }
        out.add("dtype", JsonNull.INSTANCE);
        out.add("shape", JsonNull.INSTANCE);
        JsonElement plain = plain(value);
        out.add("value", plain);
        if (plain.isJsonNull() && !(value instanceof Value.NoneValue)) {
            out.addProperty("repr", Python.repr(value));
        }
    }

    /** A shape as the contract wants it: ints, strings for symbolic dims, null for unknown. */
    public static JsonArray shape(Shape shape) {
        JsonArray dims = new JsonArray();
        for (Dim d : shape.dims()) {
            if (d instanceof Dim.Known k) {
                dims.add(k.size());
            } else if (d instanceof Dim.Symbolic s) {
                dims.add(s.toString());
            } else {
                dims.add(JsonNull.INSTANCE);
            }
        }
        return dims;
    }

    /** Python builtins as JSON: numbers, bools, strings, and lists of them. */
    private static JsonElement plain(Value v) {
        if (v instanceof Value.IntValue i) {
            return new JsonPrimitive(i.value());
        }
        if (v instanceof Value.FloatValue f) {
            return new JsonPrimitive(f.value());
        }
        if (v instanceof Value.BoolValue b) {
            return new JsonPrimitive(b.value());
        }
        if (v instanceof Value.StrValue s) {
            return new JsonPrimitive(s.value());
        }
        List<Value> items = Python.sequenceItems(v);
        if (items != null) {
            JsonArray array = new JsonArray();
            for (Value item : items) {
                JsonElement e = plain(item);
                if (e.isJsonNull() && !(item instanceof Value.NoneValue)) {
                    return JsonNull.INSTANCE;
                }
                array.add(e);
            }
            return array;
        }
        return JsonNull.INSTANCE;
    }

    private static JsonElement nested(Object o) {
        if (o instanceof List<?> list) {
            JsonArray array = new JsonArray();
            for (Object item : list) {
                array.add(nested(item));
            }
            return array;
        }
        if (o instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (o instanceof Long l) {
            return new JsonPrimitive(l);
        }
        return new JsonPrimitive((Double) o);
    }
}
