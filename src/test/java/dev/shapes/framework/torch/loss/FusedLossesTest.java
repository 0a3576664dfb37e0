package dev.shapes.framework.torch.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.framework.Frameworks;
import dev.shapes.lang.Span;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.FloatKernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Facts about the fused loss paths (f32 values, no weights that need broadcasting): through the
 * interpreter they give what the generic path gives for the same values, in every reduction,
 * and fail with the same errors. The generic path is reached with arguments that do not change
 * the arithmetic: cross_entropy over [N, C, 1], a pos_weight of ones, an mse weight of ones.
 * With the SIMD kernels active the two agree to float rounding, with the scalar ones exactly;
 * the scalar kernels' element-wise results are also checked bit for bit against the generic ones.
 */
class FusedLossesTest {

    private static final List<String> REDUCTIONS = List.of("none", "mean", "sum");
    private static final double TOLERANCE = 1e-5;

    record Batch(int rows, int classes, float[] x, float[] t, double[] labels, String reduction) {}

    @Provide
    Arbitrary<Batch> batches() {
        return Combinators.combine(Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 40))
                .flatAs((rows, classes) -> Combinators.combine(
                        values(rows * classes, 12f), Arbitraries.floats().between(0f, 1f).array(float[].class)
                                .ofSize(rows * classes),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, Arbitraries.integers().between(0, classes - 1)),
                                        net.jqwik.api.Tuple.of(2, Arbitraries.just(-100)),
                                        net.jqwik.api.Tuple.of(1, Arbitraries.just(classes)))
                                .map(Integer::doubleValue).array(Double[].class).ofSize(rows),
                        Arbitraries.of(REDUCTIONS))
                        .as((x, t, labels, reduction) -> new Batch(rows, classes, x, t, unbox(labels), reduction)));
    }

    private static Arbitrary<float[]> values(int n, float scale) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(50, Arbitraries.floats().between(-scale, scale)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, -0f, 1e20f)))
                .array(float[].class).ofSize(n);
    }

    private static double[] unbox(Double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Property(tries = 100)
    void crossEntropyOfF32RowsIsTheGenericLogSoftmaxThenNll(@ForAll("batches") Batch b) {
        Interpreter in = session(b);
        String options = ", reduction=\"" + b.reduction() + "\"";
        same(run(in, "F.cross_entropy(x, y" + options + ")"), run(in, "F.cross_entropy(x.unsqueeze(2), y.unsqueeze(1)"
                + options + ")"));
        same(run(in, "F.cross_entropy(x, y, weight=w" + options + ")"),
                run(in, "F.cross_entropy(x.unsqueeze(2), y.unsqueeze(1), weight=w" + options + ")"));
    }

    @Property(tries = 100)
    void bceWithLogitsOfF32IsTheGenericPath(@ForAll("batches") Batch b) {
        Interpreter in = session(b);
        String options = ", reduction=\"" + b.reduction() + "\"";
        same(run(in, "F.binary_cross_entropy_with_logits(x, t" + options + ")"),
                run(in, "F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones(" + b.classes() + ")"
                        + options + ")"));
        StatementResult generic = run(in, "F.binary_cross_entropy_with_logits(x, t, pos_weight=torch.ones("
                + b.classes() + "), reduction=\"none\")");
        float[] scalar = new float[b.x().length];
        FloatKernels.scalar().binaryCrossEntropyWithLogits(b.x(), b.t(), scalar);
        bitForBit(scalar, tensor(generic));
    }

    @Property(tries = 100)
    void mseOfF32IsTheGenericPath(@ForAll("batches") Batch b) {
        Interpreter in = session(b);
        String options = ", reduction=\"" + b.reduction() + "\"";
        String ones = "torch.ones(" + b.rows() + ", " + b.classes() + ")";
        same(run(in, "F.mse_loss(x, t" + options + ")"), run(in, "F.mse_loss(x, t, weight=" + ones + options + ")"));
        StatementResult generic = run(in, "F.mse_loss(x, t, weight=" + ones + ", reduction=\"none\")");
        float[] scalar = new float[b.x().length];
        FloatKernels.scalar().squaredError(b.x(), b.t(), scalar);
        bitForBit(scalar, tensor(generic));
    }

    private static Interpreter session(Batch b) {
        Session session = new Session(Frameworks.all());
        Shape matrix = Shape.of(b.rows(), b.classes());
        double[] weights = new double[b.classes()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5 + (i % 3);
        }
        define(session, "x", Tensor.ofFloats(matrix, b.x()));
        define(session, "t", Tensor.ofFloats(matrix, b.t()));
        define(session, "y", Tensor.of(DType.I64, Shape.of(b.rows()), b.labels().clone()));
        define(session, "w", Tensor.of(DType.F32, Shape.of(b.classes()), weights));
        return new Interpreter(session);
    }

    private static void define(Session session, String name, Tensor tensor) {
        session.environment().define(name, new Value.TensorValue(tensor, "torch"), 0, new Span(1, 0, 1, 1));
    }

    private static StatementResult run(Interpreter in, String expression) {
        return in.run(expression).statements().get(0);
    }

    private static Tensor tensor(StatementResult r) {
        assertTrue(r.ok(), () -> "expected ok: " + r);
        return ((Value.TensorValue) r.value().orElseThrow()).tensor();
    }

    /** Both fail with the same error, or both give values equal as {@link FloatKernels#active()} promises. */
    private static void same(StatementResult fused, StatementResult generic) {
        assertEquals(generic.failure().map(f -> f.type() + ": " + f.message()),
                fused.failure().map(f -> f.type() + ": " + f.message()));
        if (!generic.ok()) {
            return;
        }
        Tensor expected = tensor(generic);
        Tensor actual = tensor(fused);
        assertEquals(expected.dtype(), actual.dtype());
        assertEquals(expected.valueCount(), actual.valueCount());
        for (int i = 0; i < expected.valueCount(); i++) {
            double e = expected.value(i);
            double a = actual.value(i);
            if (!FloatKernels.vectorized() || Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(a), "value " + i);
            } else {
                assertTrue(Math.abs(e - a) <= TOLERANCE * Math.max(1, Math.abs(e)), "value " + i + ": " + a + " vs " + e);
            }
        }
    }

    private static void bitForBit(float[] scalar, Tensor generic) {
        for (int i = 0; i < scalar.length; i++) {
            assertEquals(Float.floatToIntBits((float) generic.value(i)), Float.floatToIntBits(scalar[i]), "element " + i);
        }
    }
}
