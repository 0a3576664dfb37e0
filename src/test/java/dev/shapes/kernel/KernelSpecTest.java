package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernelspec as `jupyter kernelspec` expects it: kernel.json, two logos, removable again. */
class KernelSpecTest {

    @TempDir
    Path prefix;

    @Test
    void installWritesAKernelspecAndUninstallRemovesIt() throws Exception {
        Path kernels = KernelSpec.kernelsDirectory(KernelSpec.Scope.PREFIX, prefix);
        assertEquals(prefix.resolve("share/jupyter/kernels"), kernels);
        Path dir = KernelSpec.install(kernels, message -> {});
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("Shapes", spec.get("display_name").getAsString());
        assertEquals("shapes", spec.get("language").getAsString());
        JsonArray argv = spec.getAsJsonArray("argv");
        assertTrue(argv.get(0).getAsString().endsWith("java"));
        assertEquals("{connection_file}", argv.get(argv.size() - 1).getAsString());
        assertEquals("kernel", argv.get(argv.size() - 2).getAsString());
        for (int size : new int[] {32, 64}) {
            BufferedImage logo = ImageIO.read(dir.resolve("logo-" + size + "x" + size + ".png").toFile());
            assertEquals(size, logo.getWidth());
            assertEquals(size, logo.getHeight());
        }
        assertTrue(KernelSpec.uninstall(kernels));
        assertFalse(Files.exists(dir));
        assertFalse(KernelSpec.uninstall(kernels));
    }

    @Test
    void userDataDirectoryFollowsJupyterConventions() {
        Path dir = KernelSpec.userDataDirectory();
        assertTrue(dir.endsWith("jupyter") || dir.endsWith("Jupyter") || System.getenv("JUPYTER_DATA_DIR") != null,
                dir.toString());
    }
}
