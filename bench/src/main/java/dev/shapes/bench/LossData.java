package dev.shapes.bench;

import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.Value;
import dev.shapes.framework.Frameworks;
import dev.shapes.lang.Span;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loss benchmarks' inputs, written by bench/python/losses.py (raw little-endian arrays) so that
 * PyTorch and Shapes compute on the same values: logits f32[8192, 1000], labels i64[8192] and
 * targets f32[8192, 1000] in [0, 1).
 */
final class LossData {

    static final int ROWS = 8192;
    static final int CLASSES = 1000;

    /** The statement each loss runs, over the names {@link #session} defines. */
    static String statement(String loss) {
        return switch (loss) {
            case "cross_entropy" -> "loss = F.cross_entropy(logits, labels)";
            case "binary_cross_entropy_with_logits" -> "loss = F.binary_cross_entropy_with_logits(logits, targets)";
            case "mse_loss" -> "loss = F.mse_loss(logits, targets)";
            default -> throw new IllegalArgumentException(loss);
        };
    }

    static Path directory() {
        return Path.of(System.getProperty("shapes.bench.data", "target/data"));
    }

    /** An interpreter whose session holds logits, labels and targets with their values, as declared tensors would. */
    static Interpreter session(Path dir) {
        Session session = new Session(Frameworks.all());
        Span nowhere = new Span(1, 0, 1, 1);
        Shape matrix = Shape.of(ROWS, CLASSES);
        define(session, "logits", Tensor.of(DType.F32, matrix, readFloats(dir.resolve("logits.f32"), ROWS * CLASSES)),
                nowhere);
        define(session, "targets", Tensor.of(DType.F32, matrix, readFloats(dir.resolve("targets.f32"), ROWS * CLASSES)),
                nowhere);
        define(session, "labels", Tensor.of(DType.I64, Shape.of(ROWS), readLongs(dir.resolve("labels.i64"), ROWS)),
                nowhere);
        return new Interpreter(session);
    }

    private static void define(Session session, String name, Tensor tensor, Span at) {
        session.environment().define(name, new Value.TensorValue(tensor, "torch"), 0, at);
    }

    private static double[] readFloats(Path file, int count) {
        ByteBuffer bytes = read(file, count * 4L);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = bytes.getFloat();
        }
        return values;
    }

    private static double[] readLongs(Path file, int count) {
        ByteBuffer bytes = read(file, count * 8L);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = bytes.getLong();
        }
        return values;
    }

    private static ByteBuffer read(Path file, long size) {
        try {
            byte[] data = Files.readAllBytes(file);
            if (data.length != size) {
                throw new IllegalStateException(file + " holds " + data.length + " bytes, expected " + size);
            }
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("run bench/python/losses.py first: " + e.getMessage(), e);
        }
    }
}
