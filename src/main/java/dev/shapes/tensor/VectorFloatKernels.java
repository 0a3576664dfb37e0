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
 * out as in the reference). Sums over a whole tensor are kept in double lanes, so their only
 * difference from the reference is the order of addition; the sum of one row's exponentials
 * (at most a few thousand terms, each in (0, 1]) is kept in float lanes, as PyTorch does.
 */
final class VectorFloatKernels extends FloatKernels {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
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
        int n = x.length;
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            int bound = start + FLOATS.loopBound(end - start);
            for (int i = start; i < bound; i += FLOATS.length()) {
                FloatVector terms = squaredErrors(FloatVector.fromArray(FLOATS, x, i), FloatVector.fromArray(FLOATS, t, i));
                if (out != null) {
                    terms.intoArray(out, i);
                }
                low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
                high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
            }
            if (bound < end) {
                VectorMask<Float> lanes = FLOATS.indexInRange(bound, end);
                FloatVector terms = squaredErrors(FloatVector.fromArray(FLOATS, x, bound, lanes),
                        FloatVector.fromArray(FLOATS, t, bound, lanes));
                if (out != null) {
                    terms.intoArray(out, bound, lanes);
                }
                low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
                high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
            }
            Interrupted.check();
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
        int n = x.length;
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            int bound = start + FLOATS.loopBound(end - start);
            for (int i = start; i < bound; i += FLOATS.length()) {
                FloatVector terms = binaryCrossEntropies(FloatVector.fromArray(FLOATS, x, i),
                        FloatVector.fromArray(FLOATS, t, i));
                if (out != null) {
                    terms.intoArray(out, i);
                }
                low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
                high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
            }
            if (bound < end) {
                VectorMask<Float> lanes = FLOATS.indexInRange(bound, end);
                FloatVector terms = binaryCrossEntropies(FloatVector.fromArray(FLOATS, x, bound, lanes),
                        FloatVector.fromArray(FLOATS, t, bound, lanes));
                // the lanes past the end hold the loss of x = 0, t = 0 (log 2): drop them
                terms = FloatVector.zero(FLOATS).blend(terms, lanes);
                if (out != null) {
                    terms.intoArray(out, bound, lanes);
                }
                low = low.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 0));
                high = high.add(terms.convertShape(VectorOperators.F2D, DOUBLES, 1));
            }
            Interrupted.check();
        }
        return low.add(high).reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector binaryCrossEntropies(FloatVector x, FloatVector t) {
        // (1 - t)·x + max(-x, 0) is (1 - t)·x for x >= 0 and -t·x below: no cancellation in floats
        FloatVector linear = t.neg().add(1f).mul(x).blend(t.neg().mul(x), x.compare(VectorOperators.LT, 0f));
        FloatVector terms = linear.add(x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
        // as in the reference, whose (1 - t)·x + max(-x, 0) is -inf + inf at x = -inf
        return terms.blend(Float.NaN, x.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
    }
}
