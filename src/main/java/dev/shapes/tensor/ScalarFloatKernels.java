package dev.shapes.tensor;

/**
 * The reference {@link FloatKernels}: plain Java, the generic path's arithmetic exactly
 * ({@link Kernels#logSoftmax} then a pick; the losses' per-element formulas in doubles, rounded
 * to f32, summed in index order).
 */
final class ScalarFloatKernels extends FloatKernels {

    @Override
    public void logSoftmaxAt(float[] x, int rows, int classes, int[] picks, float[] out) {
        for (int r = 0; r < rows; r++) {
            if (picks[r] < 0) {
                continue;
            }
            int base = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < classes; i++) {
                max = Math.max(max, x[base + i]);
            }
            double sum = 0;
            for (int i = 0; i < classes; i++) {
                sum += Math.exp(x[base + i] - max);
            }
            double logSum = Math.log(sum) + max;
            out[r] = (float) (x[base + picks[r]] - logSum);
            if ((r & 0xFF) == 0) {
                Interrupted.check();
            }
        }
    }

    @Override
    public double squaredError(float[] x, float[] t, float[] out) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - t[i];
            float term = (float) (d * d);
            if (out != null) {
                out[i] = term;
            }
            sum += term;
            if ((i & (CHUNK - 1)) == 0) {
                Interrupted.check();
            }
        }
        return sum;
    }

    @Override
    public double binaryCrossEntropyWithLogits(float[] x, float[] t, float[] out) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double logSigmoid = -(Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
            float term = (float) ((1 - (double) t[i]) * v - logSigmoid);
            if (out != null) {
                out[i] = term;
            }
            sum += term;
            if ((i & (CHUNK - 1)) == 0) {
                Interrupted.check();
            }
        }
        return sum;
    }
}
