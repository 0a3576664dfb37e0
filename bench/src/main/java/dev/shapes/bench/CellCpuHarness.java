package dev.shapes.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.Framework;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.framework.Frameworks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The cell of {@link CellBenchmark} timed in CPU time: the CPU the whole JVM spends per cell
 * (the benchmark thread, the JIT and the GC), next to the wall time. On a machine whose cores
 * other work keeps busy, wall time mostly measures the wait for a core; CPU time is what the
 * cell costs. bench/python/meta_cell.py measures PyTorch's process CPU time the same way.
 *
 * <p>After a warm-up, each window of {@code WINDOW_SECONDS} runs the cell as often as it can;
 * the figure is the median over the windows. Arguments: a file to write the figures to as JSON,
 * and optionally the warm-up and the number of windows.
 */
public final class CellCpuHarness {

    private static final double WINDOW_SECONDS = 2;

    public static void main(String[] args) throws IOException {
        int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        java.util.List<Framework> frameworks = Frameworks.all();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JsonObject figures = new JsonObject();
        for (String variant : new String[] {"with-error", "no-error"}) {
            String cell = Programs.cell(variant.equals("with-error"));
            Programs.runChecked(new Interpreter(new Session(frameworks)), cell, variant.equals("with-error") ? 1 : 0);
            long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmupEnd) {
                runAndRender(frameworks, cell);
            }
            double[] cpu = new double[windows];
            double[] wall = new double[windows];
            for (int w = 0; w < windows; w++) {
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                long end = wall0 + (long) (WINDOW_SECONDS * 1e9);
                int cells = 0;
                while (System.nanoTime() < end) {
                    runAndRender(frameworks, cell);
                    cells++;
                }
                cpu[w] = (os.getProcessCpuTime() - cpu0) / 1e3 / cells;
                wall[w] = (System.nanoTime() - wall0) / 1e3 / cells;
            }
            JsonObject figure = new JsonObject();
            figure.add("cpu_us", array(cpu));
            figure.add("wall_us", array(wall));
            figures.add(variant, figure);
            System.out.printf(Locale.ROOT, "shapes cell (%s): median CPU %.0f us, wall %.0f us per cell%n", variant,
                    median(cpu), median(wall));
        }
        if (sink == 0) {
            throw new IllegalStateException("nothing was rendered");
        }
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), figures + "\n");
        }
    }

    /** Keeps the rendered text's length so the JIT cannot drop the work. */
    private static long sink;

    /** One cell in a fresh session over the frameworks built once (as the kernel does), rendered three ways. */
    private static void runAndRender(java.util.List<Framework> frameworks, String cell) {
        CellResult result = new Interpreter(new Session(frameworks)).run(cell);
        sink += Programs.renderAll(result);
    }

    private static JsonArray array(double[] values) {
        JsonArray array = new JsonArray();
        Arrays.stream(values).forEach(array::add);
        return array;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
