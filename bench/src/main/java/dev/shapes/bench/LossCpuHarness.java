package dev.shapes.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shapes.eval.Interpreter;
import dev.shapes.tensor.FloatKernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The statements of {@link LossBenchmark} timed call by call in CPU time and wall time, as
 * bench/python/losses.py times PyTorch: on a busy machine CPU time is the comparable figure. The
 * CPU time is the evaluating thread's (the JVM's process clock ticks in 10 ms); the kernels are
 * single-threaded, as PyTorch is here. Arguments: a file to write the figures to as JSON, then
 * optionally the warm-up and timed calls.
 */
public final class LossCpuHarness {

    private static final List<String> LOSSES = List.of("cross_entropy", "binary_cross_entropy_with_logits", "mse_loss");

    public static void main(String[] args) throws IOException {
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Interpreter interpreter = LossData.session(LossData.directory());
        JsonObject figures = new JsonObject();
        figures.addProperty("vectorized", FloatKernels.vectorized());
        for (String loss : LOSSES) {
            String statement = LossData.statement(loss);
            Programs.runChecked(interpreter, statement, 0);
            for (int i = 0; i < warmup; i++) {
                interpreter.run(statement);
            }
            double[] cpu = new double[calls];
            double[] wall = new double[calls];
            for (int i = 0; i < calls; i++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                interpreter.run(statement);
                wall[i] = (System.nanoTime() - wall0) / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            }
            JsonObject figure = new JsonObject();
            figure.add("cpu_ms", array(cpu));
            figure.add("wall_ms", array(wall));
            figures.add(loss, figure);
            System.out.printf(Locale.ROOT, "shapes %-34s (%s) median CPU %8.2f ms, wall %8.2f ms%n", loss,
                    FloatKernels.vectorized() ? "SIMD" : "scalar", median(cpu), median(wall));
        }
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), figures + "\n");
        }
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
