package dev.shapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A person's view: Debian's classic Jupyter Notebook on 127.0.0.1, a notebook
 * on the Shapes kernel opened in headless chromium (driven by playwright-core),
 * a %%shapes cell with a mismatch run with Shift+Enter. The rendered table and
 * drawing must be in the page; the screenshot is target/browser/notebook.png.
 */
class BrowserIT {

    private static final String NOTEBOOK = """
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
              "source": ["%%shapes torch\\n", "logits: f32[32, 10]\\n", "labels: i64[32, 1]\\n",
                         "loss = F.cross_entropy(logits, labels)"]}],
             "metadata": {"kernelspec": {"name": "shapes", "display_name": "Shapes", "language": "shapes"}},
             "nbformat": 4, "nbformat_minor": 4}
            """;

    @Test
    void aMismatchRendersAsATableWithADrawingInNotebook() throws Exception {
        Jupyter.install();
        Path browser = Jupyter.source("src/test/browser");
        installPlaywright(browser);
        Path notebooks = Jupyter.ROOT.resolve("notebooks");
        Files.createDirectories(notebooks);
        Files.writeString(notebooks.resolve("mismatch.ipynb"), NOTEBOOK, StandardCharsets.UTF_8);
        Path screenshot = Jupyter.TARGET.resolve("browser").resolve("notebook.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);

        int port = freePort();
        Path serverLog = Jupyter.ROOT.resolve("notebook-server.log");
        Process server = Jupyter.python("-m", "notebook", "--no-browser", "--ip=127.0.0.1", "--port=" + port,
                        "--port-retries=0", "--allow-root", "--NotebookApp.token=", "--NotebookApp.password=",
                        "--NotebookApp.disable_check_xsrf=True", "--notebook-dir=" + notebooks)
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        try {
            waitUntilServing(base + "/api", server, serverLog);
            Jupyter.Result run = Jupyter.run(new ProcessBuilder("node", browser.resolve("run-cell.mjs").toString(),
                    base + "/notebooks/mismatch.ipynb", screenshot.toString()), Duration.ofMinutes(4));
            assertEquals(0, run.exit(), run.output() + "\n--- server log ---\n" + Files.readString(serverLog));
            String last = run.output().strip().lines().reduce((a, b) -> b).orElse("");
            JsonObject page = JsonParser.parseString(last).getAsJsonObject();
            assertEquals("shapes", page.get("kernel").getAsString());
            assertTrue(page.get("tables").getAsInt() >= 1, last);
            assertTrue(page.get("svgs").getAsInt() >= 1, last);
            assertEquals(0, page.get("errorOutputs").getAsInt(), "a framework verdict is not a failed cell: " + last);
            assertTrue(page.get("text").getAsString().contains("0D or 1D target tensor expected"), last);
            assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot);
        } finally {
            shutDown(base, server);
        }
    }

    /** npm install of playwright-core (the browser is Debian's chromium: nothing is downloaded but the package). */
    private static void installPlaywright(Path browser) throws Exception {
        if (Files.isDirectory(browser.resolve("node_modules").resolve("playwright-core"))) {
            return;
        }
        Jupyter.Result npm = Jupyter.run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--silent")
                .directory(browser.toFile()), Duration.ofMinutes(5));
        if (npm.exit() != 0) {
            fail("npm could not install playwright-core into " + browser + ":\n" + npm.output());
        }
    }

    private static void waitUntilServing(String url, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("jupyter notebook exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        fail("jupyter notebook did not answer within 90 s:\n" + Files.readString(log));
    }

    /** Asks the server to stop (it shuts its kernels down first); kills it if it does not. */
    private static void shutDown(String base, Process server) throws Exception {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/shutdown"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException alreadyGone) {
            // the server is not answering: it is killed below
        }
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
