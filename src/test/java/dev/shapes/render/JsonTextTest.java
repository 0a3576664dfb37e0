package dev.shapes.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.framework.Frameworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Facts about the compact JSON text: it is, character for character, what Gson writes with the contract's settings. */
class JsonTextTest {

    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    @Test
    void everyKindOfValueIsWrittenAsGsonWritesIt() {
        JsonObject o = new JsonObject();
        o.addProperty("int", 32L);
        o.addProperty("double", 0.1);
        o.addProperty("whole", 2.0);
        o.addProperty("tiny", 1e-9);
        o.addProperty("nan", Double.NaN);
        o.addProperty("inf", Double.NEGATIVE_INFINITY);
        o.addProperty("yes", true);
        o.add("none", JsonNull.INSTANCE);
        JsonArray a = new JsonArray();
        a.add("<script>&'\"\\ \t\n\r\b\f\u0000\u001f\u007f é → \u2028\u2029 😀");
        a.add(new JsonArray());
        a.add(new JsonObject());
        o.add("quote\"key", a);
        assertEquals(GSON.toJson(o), JsonRenderer.toJson(o));
    }

    @Property(tries = 300)
    void anyStringIsEscapedAsGsonEscapesIt(@ForAll String text) {
        JsonObject o = new JsonObject();
        o.addProperty(text, text);
        assertEquals(GSON.toJson(o), JsonRenderer.toJson(o));
    }

    @Test
    void renderedCellsAreWrittenAsGsonWritesThem() throws IOException {
        Interpreter interpreter = new Interpreter(new Session(Frameworks.all()));
        CellResult example = interpreter.run(Files.readString(Path.of("examples/quickstart.shapes")));
        assertEquals(GSON.toJson(JsonRenderer.cell(example)), JsonRenderer.toJson(JsonRenderer.cell(example)));
        CellResult mixed = interpreter.run("x: f32[2, 2] = [[1.5, -2], [3, 4]]\ny = x.sum()\nz = undefined_name\n"
                + "w = (1,\nt = x.t() @ x\nf = float(\"nan\")\ns = \"a\\tb\"");
        assertEquals(GSON.toJson(JsonRenderer.cell(mixed)), JsonRenderer.toJson(JsonRenderer.cell(mixed)));
    }
}
