package dev.shapes.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.tensor.FloatKernels;
import dev.shapes.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checks that the benchmarked losses give PyTorch's results: the reduced value and, with
 * {@code reduction='none'}, every element, within 1e-5 (relative to the larger of 1 and the
 * value). PyTorch's figures come from bench/python/losses.py in the same run. Exits 1 on any
 * disagreement, so bench/run never reports a speed for a wrong answer. With an argument, also
 * writes the figures as JSON to that file.
 */
public final class LossCheck {

    private static final double TOLERANCE = 1e-5;
    private static final List<String> LOSSES = List.of("cross_entropy", "binary_cross_entropy_with_logits", "mse_loss");

    public static void main(String[] args) throws IOException {
        Path dir = LossData.directory();
        JsonObject torch = JsonParser.parseString(Files.readString(dir.resolve("torch.json"))).getAsJsonObject()
                .getAsJsonObject("losses");
        Interpreter interpreter = LossData.session(dir);
        boolean ok = true;
        JsonObject figures = new JsonObject();
        figures.addProperty("vectorized", FloatKernels.vectorized());
        System.out.println("kernels: " + (FloatKernels.vectorized() ? "SIMD (jdk.incubator.vector)" : "scalar"));
        System.out.printf(Locale.ROOT, "%-34s %16s %16s %10s %22s%n", "loss", "pytorch", "shapes", "|diff|",
                "max |diff| ('none')");
        for (String loss : LOSSES) {
            double expected = torch.getAsJsonObject(loss).get("value").getAsDouble();
            double actual = value(interpreter, LossData.statement(loss)).item();
            String none = LossData.statement(loss).replace(")", ", reduction=\"none\")");
            float[] expectedNone = readFloats(dir.resolve(loss + ".none.f32"));
            Tensor actualNone = value(interpreter, none);
            double worst = 0;
            double[] values = actualNone.data();
            if (values.length != expectedNone.length) {
                throw new IllegalStateException(loss + ": " + values.length + " values, PyTorch has " + expectedNone.length);
            }
            boolean elementsAgree = true;
            for (int i = 0; i < values.length; i++) {
                double diff = Math.abs(values[i] - expectedNone[i]);
                worst = Math.max(worst, diff);
                elementsAgree &= diff <= TOLERANCE * Math.max(1, Math.abs(expectedNone[i]));
            }
            double diff = Math.abs(actual - expected);
            boolean agree = diff <= TOLERANCE * Math.max(1, Math.abs(expected)) && elementsAgree;
            ok &= agree;
            System.out.printf(Locale.ROOT, "%-34s %16.9f %16.9f %10.2e %22.2e  %s%n", loss, expected, actual, diff,
                    worst, agree ? "ok" : "DISAGREE");
            JsonObject figure = new JsonObject();
            figure.addProperty("pytorch", expected);
            figure.addProperty("shapes", actual);
            figure.addProperty("diff", diff);
            figure.addProperty("max_element_diff", worst);
            figure.addProperty("agree", agree);
            figures.add(loss, figure);
        }
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), figures + "\n");
        }
        if (!ok) {
            System.err.println("Shapes and PyTorch disagree beyond " + TOLERANCE);
            System.exit(1);
        }
    }

    private static Tensor value(Interpreter interpreter, String statement) {
        CellResult result = Programs.runChecked(interpreter, statement, 0);
        StatementResult.Ok ok = (StatementResult.Ok) result.statements().get(0).outcome();
        return ((Value.TensorValue) ok.value()).tensor();
    }

    private static float[] readFloats(Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
