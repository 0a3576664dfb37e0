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
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Shape-only programs at scale: the same statements over small sizes and over
 * {@code [1000000, 50257]}, with 100 to 10,000 statements. Prints, per program, the time to
 * parse and evaluate, the time to render the three mime types, the bytes allocated and the
 * heap the session and its results retain after a full GC. Time and memory should follow the
 * number of statements and ignore the sizes.
 *
 * <p>Not JMH: retained heap needs a full GC around one run, which a JMH iteration cannot give.
 * Each figure is the median of several runs after warm-up runs of the same program. Arguments:
 * the number of timed runs (default 5) and a file to write the figures to as JSON.
 */
public final class ScaleHarness {

    private static final long[][] SIZES = {{32, 10}, {1_000_000, 50_257}};
    private static final int[] STATEMENTS = {100, 1_000, 10_000};

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Framework> frameworks = Frameworks.all();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.println("sizes               statements  evaluate ms  render ms  us/statement  allocated KB/statement"
                + "  retained KB  retained B/statement");
        JsonArray figures = new JsonArray();
        for (int count : STATEMENTS) {
            for (long[] sizes : SIZES) {
                String program = program(sizes[0], sizes[1], count);
                for (int i = 0; i < 3; i++) {
                    Programs.renderAll(run(frameworks, program));
                }
                double[] evaluate = new double[runs];
                double[] render = new double[runs];
                long[] allocated = new long[runs];
                for (int r = 0; r < runs; r++) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    CellResult result = run(frameworks, program);
                    long t1 = System.nanoTime();
                    Programs.renderAll(result);
                    long t2 = System.nanoTime();
                    allocated[r] = threads.getCurrentThreadAllocatedBytes() - before;
                    evaluate[r] = (t1 - t0) / 1e6;
                    render[r] = (t2 - t1) / 1e6;
                }
                long retained = retained(frameworks, program, memory);
                double evaluateMs = median(evaluate);
                double renderMs = median(render);
                long allocatedBytes = median(allocated);
                String dims = "[" + sizes[0] + ", " + sizes[1] + "]";
                System.out.printf(Locale.ROOT, "%-20s %10d %12.2f %10.2f %13.1f %23.1f %12d %20d%n", dims, count,
                        evaluateMs, renderMs, (evaluateMs + renderMs) * 1000 / count,
                        allocatedBytes / 1024.0 / count, retained / 1024, retained / count);
                JsonObject figure = new JsonObject();
                figure.addProperty("rows", sizes[0]);
                figure.addProperty("cols", sizes[1]);
                figure.addProperty("statements", count);
                figure.addProperty("evaluate_ms", evaluateMs);
                figure.addProperty("render_ms", renderMs);
                figure.addProperty("allocated_bytes", allocatedBytes);
                figure.addProperty("retained_bytes", retained);
                figures.add(figure);
            }
        }
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), figures + "\n");
        }
    }

    /**
     * A cell of {@code count} statements over {@code x: f32[rows, cols]}: four declarations, then
     * blocks of ten statements (one of which fails, as the realistic cell's does) with fresh names.
     */
    static String program(long rows, long cols, int count) {
        StringBuilder out = new StringBuilder();
        out.append("use torch\n");
        out.append("x: f32[").append(rows).append(", ").append(cols).append("]\n");
        out.append("labels: i64[").append(rows).append("]\n");
        out.append("w: f32[").append(cols).append(", 64]\n");
        String[] block = {
            "h# = torch.relu(x @ w)",
            "p# = F.softmax(x, dim=-1)",
            "l# = F.cross_entropy(x, labels)",
            "s# = p#.sum(dim=1)",
            "m# = x.mean()",
            "r# = x.reshape(-1)",
            "t# = x.t()",
            "e# = x.unsqueeze(0).expand(4, -1, -1)",
            "v# = F.mse_loss(s#, labels.float())",
            "b# = F.cross_entropy(x, labels.unsqueeze(1))",
        };
        for (int i = 0; i < count - 4; i++) {
            out.append(block[i % block.length].replace("#", String.valueOf(i / block.length))).append('\n');
        }
        return out.toString();
    }

    private static CellResult run(List<Framework> frameworks, String program) {
        return new Interpreter(new Session(frameworks)).run(program);
    }

    private static long retained(List<Framework> frameworks, String program, MemoryMXBean memory) {
        fullGc();
        long before = memory.getHeapMemoryUsage().getUsed();
        Interpreter interpreter = new Interpreter(new Session(frameworks));
        CellResult result = interpreter.run(program);
        fullGc();
        long after = memory.getHeapMemoryUsage().getUsed();
        if (result.statements().isEmpty() || interpreter.session().environment().variables().isEmpty()) {
            throw new IllegalStateException("nothing ran");
        }
        return after - before;
    }

    private static void fullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
