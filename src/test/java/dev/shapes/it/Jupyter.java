package dev.shapes.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Jupyter, driven from tests: the system Python (not the pyenv shim
 * first on PATH), an isolated set of Jupyter directories under
 * {@code target/it}, and the Shapes kernelspec installed once from the
 * packaged {@code target/shapes.jar} into a temporary prefix. A machine
 * without Jupyter fails these tests; it never skips them.
 */
final class Jupyter {

    static final String PYTHON = "/usr/bin/python3";
    static final Path TARGET = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    static final Path ROOT = TARGET.resolve("it");
    static final Path PREFIX = ROOT.resolve("prefix");

    private static boolean installed;

    private Jupyter() {}

    /** A finished process: its exit code and everything it printed. */
    record Result(int exit, String output) {}

    /** Installs the kernelspec (once per test JVM) after checking that Jupyter is there. */
    static synchronized void install() throws Exception {
        if (installed) {
            return;
        }
        Result modules = run(python("-c", "import jupyter_client, nbclient, nbconvert, notebook, zmq"),
                Duration.ofSeconds(60));
        if (modules.exit() != 0) {
            fail("Jupyter is missing: " + PYTHON + " cannot import jupyter_client, nbclient, nbconvert and notebook. "
                    + "Install the Debian packages listed in .ci/apt-packages (bash .ci/run does).\n" + modules.output());
        }
        Path jar = TARGET.resolve("shapes.jar");
        if (!Files.exists(jar)) {
            fail(jar + " is missing: integration tests run after `mvn package`");
        }
        deleteRecursively(ROOT);
        Files.createDirectories(ROOT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result install = run(new ProcessBuilder(java, "-jar", jar.toString(), "install", "--prefix", PREFIX.toString()),
                Duration.ofMinutes(3));
        if (install.exit() != 0) {
            fail("shapes install failed:\n" + install.output());
        }
        installed = true;
    }

    /** The system Python with Jupyter's directories pointed into target/it. */
    static ProcessBuilder python(String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-Xfrozen_modules=off"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_PATH", PREFIX.resolve("share").resolve("jupyter").toString());
        env.put("JUPYTER_CONFIG_DIR", ROOT.resolve("config").toString());
        env.put("JUPYTER_DATA_DIR", ROOT.resolve("data").toString());
        env.put("JUPYTER_RUNTIME_DIR", ROOT.resolve("runtime").toString());
        env.put("IPYTHONDIR", ROOT.resolve("ipython").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.remove("PYTHONPATH");
        env.remove("PYTHONHOME");
        return builder;
    }

    /** Runs to completion (or kills it and its children after the timeout); output is merged. */
    static Result run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Files.createDirectories(TARGET), "process-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            return new Result(-1, "timed out after " + timeout + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    static Path source(String relative) {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve(relative);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
