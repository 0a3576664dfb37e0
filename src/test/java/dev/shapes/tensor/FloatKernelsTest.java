package dev.shapes.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Facts about the fused f32 kernels: the scalar reference gives exactly what the generic
 * kernels give (log_softmax then a pick; the element-wise binary kernel then an in-order sum),
 * and the SIMD kernels agree with the reference to float rounding, NaN and infinities included.
 * Sizes are chosen to leave partial SIMD vectors at row and array ends.
 */
class FloatKernelsTest {

    /** What float rounding in SIMD lanes may change, relative to the larger of 1 and the value's scale. */
    private static final double TOLERANCE = 1e-5;

    /** Rows of logits with the classes each row picks (-1: the row is skipped). */
    record Rows(int rows, int classes, float[] x, int[] picks) {}

    /** Two arrays of the same length: predictions or logits, and targets. */
    record Pair(float[] x, float[] t) {}

    @Provide
    Arbitrary<Rows> rows() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 70))
                .flatAs((rows, classes) -> Combinators.combine(floats(rows * classes, 20f),
                        Arbitraries.integers().between(-1, classes - 1).array(int[].class).ofSize(rows))
                        .as((x, picks) -> new Rows(rows, classes, x, picks)));
    }

    @Provide
    Arbitrary<Pair> pairs() {
        // beyond 1024 elements the SIMD kernels sum whole blocks in float lanes
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(1000, 5000));
        return sizes.flatMap(n -> Combinators.combine(floats(n, 30f),
                Arbitraries.oneOf(floats(n, 1f), unitFloats(n))).as(Pair::new));
    }

    /** Mostly ordinary values of the given scale, sometimes zeros, huge values, NaN and infinities. */
    private static Arbitrary<float[]> floats(int n, float scale) {
        Arbitrary<Float> ordinary = Arbitraries.floats().between(-scale, scale);
        // 1.5e19² and 3e38 are finite terms whose sums overflow floats, not doubles
        Arbitrary<Float> special = Arbitraries.of(0f, -0f, 1e30f, -1e30f, 3e38f, -3e38f, 1.5e19f, Float.NaN,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE);
        return Arbitraries.frequencyOf(Tuple.of(30, ordinary), Tuple.of(1, special)).array(float[].class).ofSize(n);
    }

    private static Arbitrary<float[]> unitFloats(int n) {
        return Arbitraries.floats().between(0f, 1f).array(float[].class).ofSize(n);
    }

    // ------------------------------------------------------------ the scalar reference is the generic path

    @Property(tries = 200)
    void scalarLogSoftmaxAtIsTheGenericLogSoftmaxPicked(@ForAll("rows") Rows r) {
        float[] out = new float[r.rows()];
        FloatKernels.scalar().logSoftmaxAt(r.x(), r.rows(), r.classes(), r.picks(), out);
        Tensor generic = Kernels.logSoftmax(Tensor.ofFloats(Shape.of(r.rows(), r.classes()), r.x().clone()), 1,
                DType.F32);
        for (int row = 0; row < r.rows(); row++) {
            float expected = r.picks()[row] < 0 ? 0f : generic.floatData()[row * r.classes() + r.picks()[row]];
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(out[row]), "row " + row);
        }
    }

    @Property(tries = 200)
    void scalarSquaredErrorIsTheGenericElementwiseKernelSummedInOrder(@ForAll("pairs") Pair p) {
        Shape shape = Shape.of(p.x().length);
        Tensor generic = Kernels.binary(Tensor.ofFloats(shape, p.x()), Tensor.ofFloats(shape, p.t()), shape, DType.F32,
                (x, y) -> (x - y) * (x - y));
        float[] out = new float[p.x().length];
        double sum = FloatKernels.scalar().squaredError(p.x(), p.t(), out);
        double expectedSum = 0;
        for (int i = 0; i < out.length; i++) {
            assertEquals(Float.floatToIntBits(generic.floatData()[i]), Float.floatToIntBits(out[i]), "element " + i);
            expectedSum += generic.floatData()[i];
        }
        assertEquals(Double.doubleToLongBits(expectedSum), Double.doubleToLongBits(sum));
        assertEquals(Double.doubleToLongBits(sum),
                Double.doubleToLongBits(FloatKernels.scalar().squaredError(p.x(), p.t(), null)));
    }

    // ------------------------------------------------------------ the SIMD kernels agree with the reference

    @Property(tries = 200)
    void vectorLogSoftmaxAtAgreesWithTheReference(@ForAll("rows") Rows r) {
        Optional<FloatKernels> vector = vector();
        if (vector.isEmpty()) {
            return;
        }
        float[] expected = new float[r.rows()];
        float[] actual = new float[r.rows()];
        FloatKernels.scalar().logSoftmaxAt(r.x(), r.rows(), r.classes(), r.picks(), expected);
        vector.get().logSoftmaxAt(r.x(), r.rows(), r.classes(), r.picks(), actual);
        for (int row = 0; row < r.rows(); row++) {
            assertClose(expected[row], actual[row], maxAbs(r.x(), row * r.classes(), r.classes()), "row " + row);
        }
    }

    @Property(tries = 200)
    void vectorSquaredErrorAgreesWithTheReference(@ForAll("pairs") Pair p) {
        vector().ifPresent(v -> agree(p, FloatKernels.scalar()::squaredError, v::squaredError));
    }

    @Property(tries = 200)
    void vectorBinaryCrossEntropyAgreesWithTheReference(@ForAll("pairs") Pair p) {
        vector().ifPresent(v -> agree(p, FloatKernels.scalar()::binaryCrossEntropyWithLogits,
                v::binaryCrossEntropyWithLogits));
    }

    interface Kernel {
        double apply(float[] x, float[] t, float[] out);
    }

    private static void agree(Pair p, Kernel reference, Kernel vector) {
        int n = p.x().length;
        float[] expected = new float[n];
        float[] actual = new float[n];
        double expectedSum = reference.apply(p.x(), p.t(), expected);
        double actualSum = vector.apply(p.x(), p.t(), actual);
        double scale = 0;
        for (int i = 0; i < n; i++) {
            assertClose(expected[i], actual[i], 1, "element " + i);
            scale += Float.isFinite(expected[i]) ? Math.abs(expected[i]) : 0;
        }
        assertClose(expectedSum, actualSum, scale, "sum");
        assertEquals(Double.doubleToLongBits(actualSum), Double.doubleToLongBits(vector.apply(p.x(), p.t(), null)),
                "the sum does not depend on keeping the elements");
    }

    /** Equal NaN-ness and infinities; otherwise within TOLERANCE of the larger of 1, the value and {@code scale}. */
    private static void assertClose(double expected, double actual, double scale, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double bound = TOLERANCE * Math.max(Math.max(1, Math.abs(expected)), scale);
        assertTrue(Math.abs(expected - actual) <= bound, what + ": " + actual + " vs reference " + expected);
    }

    private static double maxAbs(float[] x, int from, int count) {
        double max = 0;
        for (int i = from; i < from + count; i++) {
            if (Float.isFinite(x[i])) {
                max = Math.max(max, Math.abs(x[i]));
            }
        }
        return max;
    }

    private static Optional<FloatKernels> vector() {
        return FloatKernels.vectorized() ? Optional.of(FloatKernels.active()) : Optional.empty();
    }
}
