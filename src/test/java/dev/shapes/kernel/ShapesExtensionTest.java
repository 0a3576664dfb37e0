package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JJava extension reaches a kernel the way JJava loads extensions: through
 * the ServiceLoader in {@code onStartup()}. A kernel is a static singleton, so
 * each test shuts its kernel down.
 */
class ShapesExtensionTest {

    /** A stand-in for another JJava kernel (e.g. the Java one): it knows nothing about Shapes. */
    static final class OtherKernel extends BaseKernel {
        OtherKernel() {
            super("other", "1", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                    new Renderer(), null, new MagicsRegistry(), true, new StringStyler.Builder().build());
        }

        @Override
        public Object evalRaw(String source) {
            return null;
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_MAYBE;
        }
    }

    private BaseKernel kernel;

    @AfterEach
    void shutDown() {
        if (kernel != null) {
            kernel.onShutdown(false);
        }
    }

    @Test
    void anyKernelThatLoadsExtensionsGetsTheShapesCellMagic() throws Exception {
        kernel = new OtherKernel();
        kernel.onStartup();
        assertTrue(kernel.getMagicsRegistry().getCellMagicNames().contains("shapes"));

        DisplayData first = kernel.getMagicsRegistry().evalCellMagic(kernel, "shapes", List.of("torch"),
                "logits: f32[32, 10]\nlabels: i64[32, 1]");
        assertTrue(((String) first.getData(MIMEType.TEXT_PLAIN)).contains("i64[32, 1]"));
        DisplayData second = kernel.getMagicsRegistry().evalCellMagic(kernel, "shapes", List.of(),
                "loss = F.cross_entropy(logits, labels)\n%who");
        String html = (String) second.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table class=\"shapes-table\">"), html);
        JsonObject json = ((JsonData) second.getData(MIMEType.APPLICATION_JSON)).element().getAsJsonObject();
        JsonObject statement = json.getAsJsonArray("cells").get(0).getAsJsonObject().getAsJsonArray("statements")
                .get(0).getAsJsonObject();
        assertEquals(2, statement.get("line").getAsInt(), "the header is line 1, as the user wrote it");
        assertEquals("RuntimeError", statement.getAsJsonObject("error").get("type").getAsString());
        assertTrue(((String) second.getData(MIMEType.TEXT_PLAIN)).contains("%%shapes cell 1, line 3"));
    }

    @Test
    void inTheShapesKernelTheMagicSharesTheKernelsSession() throws Exception {
        ShapesKernel shapes = new ShapesKernel();
        kernel = shapes;
        shapes.onStartup();
        shapes.getMagicsRegistry().evalCellMagic(shapes, "shapes", List.of(), "x: f32[3]");
        assertTrue(shapes.runner().session().environment().lookup("x").isPresent());
    }
}
