package dev.shapes.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatKernels} in SIMD lanes (the JDK's incubating vector API), loaded by
 * {@link FloatKernels#active()} only when {@code jdk.incubator.vector} is present.
 *
 * <p>Element-wise work is done in float lanes, as PyTorch's CPU kernels do; what differs from
 * the scalar reference is float rounding, never the formula's meaning (NaN and infinities come
 * out as in the reference). Sums over a whole tensor are kept in double lanes, after summing
 * blocks of {@value #SUM_BLOCK} vectors in float lanes (widening every vector cost more than the
 * loss itself); a block that overflows floats is redone widening every vector, as the reference's
 * doubles would not overflow. The sum of one row's exponentials (at most a few thousand terms,
 * each in (0, 1]) is kept in float lanes, as PyTorch does.
 */
final class VectorFloatKernels extends FloatKernels {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** Vectors of terms summed in float lanes before they are widened: 64 terms per lane, 64 float ulps at worst. */
    private static final int SUM_BLOCK = 64;
    /** Doubles in vectors of the same size: one float vector converts to two of these. */
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, FLOATS.vectorShape());

    @Override
    public void logSoftmaxAt(float[] x, int rows, int classes, int[] picks, float[] out) {
        int step = FLOATS.length();
        int bound = FLOATS.loopBound(classes);
        for (int r = 0; r < rows; r++) {
            if (picks[r] < 0) {
                continue;
            }
            int base = r * classes;
            int end = base + classes;
            VectorMask<Float> tail = FLOATS.indexInRange(base + bound, end);
            FloatVector maxes = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
            for (int i = base; i < base + bound; i += step) {
                maxes = maxes.max(FloatVector.fromArray(FLOATS, x, i));
            }
            maxes = maxes.lanewise(VectorOperators.MAX, FloatVector.fromArray(FLOATS, x, base + bound, tail), tail);
            float max = maxes.reduceLanes(VectorOperators.MAX);
            FloatVector shift = FloatVector.broadcast(FLOATS, max);
            FloatVector sums = FloatVector.zero(FLOATS);
            for (int i = base; i < base + bound; i += step) {
                sums = sums.add(FloatVector.fromArray(FLOATS, x, i).sub(shift).lanewise(VectorOperators.EXP));
            }
            sums = sums.add(FloatVector.fromArray(FLOATS, x, base + bound, tail).sub(shift)
                    .lanewise(VectorOperators.EXP), tail);
            double logSum = Math.log(sums.reduceLanes(VectorOperators.ADD)) + max;
            out[r] = (float) (x[base + picks[r]] - logSum);
            if ((r & 0xFF) == 0) {
                Interrupted.check();
            }
        }
    }

    @Override
    public double squaredError(float[] x, float[] t, float[] out) {
        DoubleVector low = DoubleVector.zero(DOUBLES);
        DoubleVector high = DoubleVector.zero(DOUBLES);
        int step = FLOATS.length();
        int block = SUM_BLOCK * step;
        int n = x.length;
        int i = 0;
        for (int blocks = 1; i + block <= n; i += block, blocks++) {
            FloatVector sums = FloatVector.zero(FLOATS);
            for (int j = i; j < i + block; j += step) {
                FloatVector terms = squaredErrors(FloatVector.fromArray(FLOATS, x, j), FloatVector.fromArray(FLOATS, t, j));
                if (out != null) {
                    terms.intoArray(out, j);
                }
                sums = sums.add(terms);
            }
            if (!sums.test(VectorOperators.IS_FINITE).allTrue()) {
                // an overflow (or a NaN): redo the block widening every vector, as the reference's doubles would
                sums = FloatVector.zero(FLOATS);
                for (int j = i; j < i + block; j += step) {
                    FloatVector terms = squaredErrors(FloatVector.fromArray(FLOATS, x, j),
                            FloatVector.fromArray(FLOATS, t, j));
                    low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
                    high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
                }
            }
            low = low.add(sums.convertShape(VectorOperators.F2D, DOUBLES, 0));
            high = high.add(sums.convertShape(VectorOperators.F2D, DOUBLES, 1));
            if (blocks % (CHUNK / block) == 0) {
                Interrupted.check();
            }
        }
        for (; i < n; i += step) {
            VectorMask<Float> lanes = FLOATS.indexInRange(i, n);
            FloatVector terms = squaredErrors(FloatVector.fromArray(FLOATS, x, i, lanes),
                    FloatVector.fromArray(FLOATS, t, i, lanes));
            if (out != null) {
                terms.intoArray(out, i, lanes);
            }
            low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
            high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
        }
        return low.add(high).reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector squaredErrors(FloatVector x, FloatVector t) {
        FloatVector d = x.sub(t);
        return d.mul(d);
    }

    @Override
    public double binaryCrossEntropyWithLogits(float[] x, float[] t, float[] out) {
        DoubleVector low = DoubleVector.zero(DOUBLES);
        DoubleVector high = DoubleVector.zero(DOUBLES);
        int step = FLOATS.length();
        int block = SUM_BLOCK * step;
        int n = x.length;
        int i = 0;
        for (int blocks = 1; i + block <= n; i += block, blocks++) {
            FloatVector sums = FloatVector.zero(FLOATS);
            for (int j = i; j < i + block; j += step) {
                FloatVector terms = binaryCrossEntropies(FloatVector.fromArray(FLOATS, x, j),
                        FloatVector.fromArray(FLOATS, t, j));
                if (out != null) {
                    terms.intoArray(out, j);
                }
                sums = sums.add(terms);
            }
            if (!sums.test(VectorOperators.IS_FINITE).allTrue()) {
                sums = FloatVector.zero(FLOATS);
                for (int j = i; j < i + block; j += step) {
                    FloatVector terms = binaryCrossEntropies(FloatVector.fromArray(FLOATS, x, j),
                            FloatVector.fromArray(FLOATS, t, j));
                    low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
                    high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
                }
            }
            low = low.add(sums.convertShape(VectorOperators.F2D, DOUBLES, 0));
            high = high.add(sums.convertShape(VectorOperators.F2D, DOUBLES, 1));
            if (blocks % (CHUNK / block) == 0) {
                Interrupted.check();
            }
        }
        for (; i < n; i += step) {
            VectorMask<Float> lanes = FLOATS.indexInRange(i, n);
            FloatVector terms = binaryCrossEntropies(FloatVector.fromArray(FLOATS, x, i, lanes),
                    FloatVector.fromArray(FLOATS, t, i, lanes));
            // the lanes past the end hold the loss of x = 0, t = 0 (log 2): drop them
            terms = FloatVector.zero(FLOATS).blend(terms, lanes);
            if (out != null) {
                terms.intoArray(out, i, lanes);
            }
            low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
            high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
        }
        return low.add(high).reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector binaryCrossEntropies(FloatVector x, FloatVector t) {
        // (1 - t)·x + max(-x, 0) is (1 - t)·x for x >= 0 and -t·x below: no cancellation in floats
        FloatVector linear = t.neg().add(1f).mul(x).blend(t.neg().mul(x), x.compare(VectorOperators.LT, 0f));
        FloatVector terms = linear.add(x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
        // at x = -inf the reference's (1 - t)·x + max(-x, 0) is -inf + inf (NaN) unless t > 1: keep its form there
        FloatVector atMinusInfinity = t.neg().add(1f).mul(x).add(x.neg());
        return terms.blend(atMinusInfinity, x.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
    }
}
