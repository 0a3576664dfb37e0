package dev.shapes.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * A JSON value inside a mime bundle, written with its {@code null} members:
 * jjava-jupyter's message writer drops nulls, and the check --json document
 * spells out {@code "value": null}, {@code "dtype": null}.
 */
@JsonAdapter(JsonData.Writer.class)
record JsonData(JsonElement element) {

    static final class Writer extends TypeAdapter<JsonData> {
        private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

        @Override
        public void write(JsonWriter out, JsonData data) throws IOException {
            boolean nulls = out.getSerializeNulls();
            out.setSerializeNulls(true);
            try {
                ELEMENTS.write(out, data.element());
            } finally {
                out.setSerializeNulls(nulls);
            }
        }

        @Override
        public JsonData read(JsonReader in) throws IOException {
            return new JsonData(ELEMENTS.read(in));
        }
    }
}
