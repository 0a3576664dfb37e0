package dev.shapes.kernel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The kernelspec Jupyter finds in {@code <data dir>/kernels/shapes}:
 * {@code kernel.json} (with {@code interrupt_mode: "message"}), the two logos,
 * a copy of {@code shapes.jar} (so rebuilding the project never breaks an
 * installed kernel) and, when the JVM can make one, a class-data-sharing
 * archive recorded from a training run, which cuts the kernel's start time.
 */
public final class KernelSpec {

    public static final String NAME = "shapes";
    public static final String DISPLAY_NAME = "Shapes";
    static final String ARCHIVE = "shapes.jsa";
    static final String JAR = "shapes.jar";
    /**
     * JVM options for a quick start, quick answers and a quiet idle: one GC thread, no perf-data file, and
     * only the C1 compiler, which starts sooner and leaves no optimising compiler busy after each cell
     * (measured in docs/benchmarks.md); the price is about half the top speed of long numeric loops.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    /** Which data directory, as in {@code jupyter kernelspec install --user | --sys-prefix | --prefix}. */
    public enum Scope { USER, SYS_PREFIX, PREFIX }

    private KernelSpec() {}

    /** {@code <data dir>/kernels} for the scope ({@code prefix} only for PREFIX). */
    public static Path kernelsDirectory(Scope scope, Path prefix) throws IOException, InterruptedException {
        return switch (scope) {
            case USER -> userDataDirectory().resolve("kernels");
            case PREFIX -> prefix.toAbsolutePath().resolve("share").resolve("jupyter").resolve("kernels");
            case SYS_PREFIX -> jupyterSysPrefix().resolve("share").resolve("jupyter").resolve("kernels");
        };
    }

    /** Jupyter's per-user data directory (jupyter_core.paths.jupyter_data_dir). */
    static Path userDataDirectory() {
        String configured = System.getenv("JUPYTER_DATA_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("jupyter");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                .resolve("jupyter");
    }

    /** sys.prefix of the Python that runs {@code jupyter} (read from the script's #! line). */
    static Path jupyterSysPrefix() throws IOException, InterruptedException {
        Path jupyter = onPath("jupyter").orElseThrow(() ->
                new IOException("--sys-prefix needs the jupyter command on the PATH (to ask its Python for sys.prefix)"));
        String shebang = Files.readAllLines(jupyter, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        if (!shebang.startsWith("#!")) {
            throw new IOException(jupyter + " has no #! line naming its Python; use --prefix instead");
        }
        List<String> command = new ArrayList<>(List.of(shebang.substring(2).strip().split("\\s+")));
        command.addAll(List.of("-c", "import sys; print(sys.prefix)"));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (python.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("could not ask " + String.join(" ", command) + " for sys.prefix: " + out);
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElse(out));
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst();
    }

    /** Writes the kernelspec into {@code kernels/shapes}; returns that directory. */
    public static Path install(Path kernels, Consumer<String> progress) throws IOException, InterruptedException {
        Path dir = kernels.resolve(NAME).toAbsolutePath();
        Files.createDirectories(dir);
        Files.write(dir.resolve("logo-32x32.png"), Logo.png(32));
        Files.write(dir.resolve("logo-64x64.png"), Logo.png(64));
        List<String> launch = new ArrayList<>();
        Optional<Path> runningJar = runningJar();
        if (runningJar.isPresent()) {
            Path jar = dir.resolve(JAR);
            if (!(Files.exists(jar) && Files.isSameFile(runningJar.get(), jar))) {
                Files.copy(runningJar.get(), jar, StandardCopyOption.REPLACE_EXISTING);
            }
            launch.addAll(List.of("-jar", jar.toString()));
        } else {
            // running from a build directory (tests): point at the same class path
            launch.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.shapes.cli.Main"));
        }
        Files.deleteIfExists(dir.resolve(ARCHIVE));
        if (runningJar.isPresent() && recordArchive(dir, launch, progress)) {
            launch.add(0, "-XX:SharedArchiveFile=" + dir.resolve(ARCHIVE));
        }
        JsonArray argv = new JsonArray();
        argv.add(javaExecutable());
        JVM_OPTIONS.forEach(argv::add);
        launch.forEach(argv::add);
        argv.add("kernel");
        argv.add("{connection_file}");
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", DISPLAY_NAME);
        spec.addProperty("language", ShapesKernel.LANGUAGE);
        spec.addProperty("interrupt_mode", "message");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        spec.add("metadata", metadata);
        Files.writeString(dir.resolve("kernel.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n",
                StandardCharsets.UTF_8);
        return dir;
    }

    /** Removes {@code kernels/shapes}; false when there was none. */
    public static boolean uninstall(Path kernels) throws IOException {
        Path dir = kernels.resolve(NAME);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }

    /** Runs the kernel's training start once with -XX:ArchiveClassesAtExit; false when the JVM could not. */
    private static boolean recordArchive(Path dir, List<String> launch, Consumer<String> progress)
            throws IOException, InterruptedException {
        progress.accept("recording a class-data-sharing archive for a faster start ...");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.add("-XX:ArchiveClassesAtExit=" + dir.resolve(ARCHIVE));
        command.addAll(launch);
        command.addAll(List.of("kernel", "--train"));
        Process training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!training.waitFor(120, TimeUnit.SECONDS)) {
            training.destroyForcibly();
            progress.accept("warning: the training run did not finish; the kernel will start without the archive");
            return false;
        }
        Path archive = dir.resolve(ARCHIVE);
        boolean made = training.exitValue() == 0 && Files.exists(archive) && Files.size(archive) > 0;
        if (!made) {
            Files.deleteIfExists(dir.resolve(ARCHIVE));
            progress.accept("warning: this JVM could not record the archive; the kernel will start without it");
        }
        return made;
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win") ? "java.exe" : "java");
        return java.toString();
    }

    private static Optional<Path> runningJar() {
        try {
            Path location = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
