package dev.shapes.tensor;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Numeric kernels over tensors with values. Work is done in double precision
 * and each result is rounded to its dtype, which matches the frameworks'
 * float32 results well within 1e-5 relative. Callers check shapes first.
 */
public final class Kernels {

    private Kernels() {}

    public enum Reduction { SUM, MEAN, MAX, MIN, PROD, ARGMAX, ARGMIN, ANY, ALL }

    /** Elementwise {@code f(a, b)} with broadcasting to {@code out}. */
    public static Tensor binary(Tensor a, Tensor b, Shape out, DType outType, DoubleBinaryOperator f) {
        NumericBudget.require(out, outType);
        long[] outSizes = out.sizes();
        long[] sa = Broadcast.stridesInto(a.shape(), out);
        long[] sb = Broadcast.stridesInto(b.shape(), out);
        double[] x = a.data();
        double[] y = b.data();
        double[] r = new double[(int) out.numel().getAsLong()];
        if (a.shape().equals(out) && b.shape().equals(out)) {
            for (int i = 0; i < r.length; i++) {
                r[i] = f.applyAsDouble(x[i], y[i]);
                if ((i & 0xFFFF) == 0) {
                    Interrupted.check();
                }
            }
            return Tensor.of(outType, out, r);
        }
        int rank = outSizes.length;
        long[] index = new long[rank];
        long ia = 0;
        long ib = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(x[(int) ia], y[(int) ib]);
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                ia += sa[d];
                ib += sb[d];
                if (index[d] < outSizes[d]) {
                    break;
                }
                ia -= sa[d] * index[d];
                ib -= sb[d] * index[d];
                index[d] = 0;
            }
            if ((i & 0xFFFF) == 0) {
                Interrupted.check();
            }
        }
        return Tensor.of(outType, out, r);
    }

    /** Reads {@code a} broadcast to {@code out} (a copy of its values laid out in the bigger shape). */
    public static Tensor expand(Tensor a, Shape out) {
        return binary(a, Tensor.scalar(a.dtype(), 0), out, a.dtype(), (x, zero) -> x);
    }

    public static Tensor map(Tensor a, DType outType, DoubleUnaryOperator f) {
        double[] x = a.data();
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = f.applyAsDouble(x[i]);
            if ((i & 0xFFFF) == 0) {
                Interrupted.check();
            }
        }
        return Tensor.of(outType, a.shape(), r);
    }

    /** Reduces over {@code axis} (non-negative); {@code keepdim} keeps it as size 1. */
    public static Tensor reduce(Tensor a, int axis, boolean keepdim, Reduction kind, DType outType) {
        long[] sizes = a.shape().sizes();
        int outer = (int) product(sizes, 0, axis);
        int n = (int) sizes[axis];
        int inner = (int) product(sizes, axis + 1, sizes.length);
        double[] x = a.data();
        double[] r = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                r[o * inner + j] = reduceLine(x, o * n * inner + j, inner, n, kind);
            }
            Interrupted.check();
        }
        Shape out = keepdim ? a.shape().with(axis, Dim.of(1)) : a.shape().without(axis);
        return Tensor.of(outType, out, r);
    }

    /** Reduces every element to a scalar. */
    public static Tensor reduceAll(Tensor a, Reduction kind, DType outType) {
        double[] x = a.data();
        return Tensor.scalar(outType, reduceLine(x, 0, 1, x.length, kind));
    }

    private static double reduceLine(double[] x, int start, int stride, int n, Reduction kind) {
        switch (kind) {
            case SUM, MEAN -> {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[start + i * stride];
                }
                return kind == Reduction.MEAN ? s / n : s;
            }
            case PROD -> {
                double p = 1;
                for (int i = 0; i < n; i++) {
                    p *= x[start + i * stride];
                }
                return p;
            }
            case MAX, MIN, ARGMAX, ARGMIN -> {
                boolean max = kind == Reduction.MAX || kind == Reduction.ARGMAX;
                double best = x[start];
                int bestIndex = 0;
                for (int i = 1; i < n; i++) {
                    double v = x[start + i * stride];
                    if (Double.isNaN(best)) {
                        break;
                    }
                    if (Double.isNaN(v) || (max ? v > best : v < best)) {
                        best = v;
                        bestIndex = i;
                    }
                }
                return kind == Reduction.MAX || kind == Reduction.MIN ? best : bestIndex;
            }
            case ANY -> {
                for (int i = 0; i < n; i++) {
                    if (x[start + i * stride] != 0) {
                        return 1;
                    }
                }
                return 0;
            }
            case ALL -> {
                for (int i = 0; i < n; i++) {
                    if (x[start + i * stride] == 0) {
                        return 0;
                    }
                }
                return 1;
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    /** log(softmax(x)) along {@code axis}, computed stably. */
    public static Tensor logSoftmax(Tensor a, int axis, DType outType) {
        return softmaxLike(a, axis, outType, true);
    }

    public static Tensor softmax(Tensor a, int axis, DType outType) {
        return softmaxLike(a, axis, outType, false);
    }

    private static Tensor softmaxLike(Tensor a, int axis, DType outType, boolean log) {
        long[] sizes = a.shape().sizes();
        int outer = (int) product(sizes, 0, axis);
        int n = (int) sizes[axis];
        int inner = (int) product(sizes, axis + 1, sizes.length);
        double[] x = a.data();
        double[] r = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, x[base + i * inner]);
                }
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += Math.exp(x[base + i * inner] - max);
                }
                double logSum = Math.log(sum) + max;
                for (int i = 0; i < n; i++) {
                    double v = x[base + i * inner] - logSum;
                    r[base + i * inner] = log ? v : Math.exp(v);
                }
            }
            Interrupted.check();
        }
        return Tensor.of(outType, a.shape(), r);
    }

    /** Reorders axes: result axis i is input axis {@code perm[i]}. */
    public static Tensor permute(Tensor a, int[] perm, Shape out) {
        long[] sizes = a.shape().sizes();
        long[] inStrides = strides(sizes);
        long[] outSizes = out.sizes();
        long[] strideOfOut = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            strideOfOut[i] = inStrides[perm[i]];
        }
        double[] x = a.data();
        double[] r = new double[x.length];
        long[] index = new long[perm.length];
        long src = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = x[(int) src];
            for (int d = perm.length - 1; d >= 0; d--) {
                index[d]++;
                src += strideOfOut[d];
                if (index[d] < outSizes[d]) {
                    break;
                }
                src -= strideOfOut[d] * index[d];
                index[d] = 0;
            }
        }
        return Tensor.of(a.dtype(), out, r);
    }

    /**
     * Matrix product of {@code a [..., n, k]} and {@code b [..., k, m]} whose batch axes
     * broadcast to {@code out}'s leading axes.
     */
    public static Tensor matmul(Tensor a, Tensor b, Shape out, DType outType) {
        NumericBudget.require(out, outType);
        int ra = a.rank();
        int rb = b.rank();
        long n = a.shape().dim(ra - 2).known().getAsLong();
        long k = a.shape().dim(ra - 1).known().getAsLong();
        long m = b.shape().dim(rb - 1).known().getAsLong();
        Shape batch = out.subShape(0, out.rank() - 2);
        Shape aBatch = a.shape().subShape(0, ra - 2);
        Shape bBatch = b.shape().subShape(0, rb - 2);
        long[] sa = batch.rank() == 0 ? new long[0] : Broadcast.stridesInto(aBatch, batch);
        long[] sb = batch.rank() == 0 ? new long[0] : Broadcast.stridesInto(bBatch, batch);
        long batches = batch.numel().getAsLong();
        long[] batchSizes = batch.sizes();
        double[] x = a.data();
        double[] y = b.data();
        double[] r = new double[(int) (batches * n * m)];
        long[] index = new long[batchSizes.length];
        long offA = 0;
        long offB = 0;
        for (long t = 0; t < batches; t++) {
            int baseA = (int) (offA * n * k);
            int baseB = (int) (offB * k * m);
            int baseR = (int) (t * n * m);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < k; p++) {
                    double av = x[baseA + i * (int) k + p];
                    for (int j = 0; j < m; j++) {
                        r[baseR + i * (int) m + j] += av * y[baseB + p * (int) m + j];
                    }
                }
            }
            for (int d = batchSizes.length - 1; d >= 0; d--) {
                index[d]++;
                offA += sa[d];
                offB += sb[d];
                if (index[d] < batchSizes[d]) {
                    break;
                }
                offA -= sa[d] * index[d];
                offB -= sb[d] * index[d];
                index[d] = 0;
            }
            Interrupted.check();
        }
        return Tensor.of(outType, out, r);
    }

    /** Concatenates along {@code axis}; shapes agree elsewhere. */
    public static Tensor concat(java.util.List<Tensor> parts, int axis, Shape out, DType outType) {
        long[] outSizes = out.sizes();
        int outer = (int) product(outSizes, 0, axis);
        int inner = (int) product(outSizes, axis + 1, outSizes.length);
        double[] r = new double[(int) out.numel().getAsLong()];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor part : parts) {
                int len = (int) part.shape().dim(axis).known().getAsLong() * inner;
                System.arraycopy(part.data(), o * len, r, pos, len);
                pos += len;
            }
        }
        return Tensor.of(outType, out, r);
    }

    /** Picks {@code a[..., idx[...], ...]} along {@code axis} with an index tensor of the same rank. */
    public static Tensor takeAlongAxis(Tensor a, Tensor idx, int axis, Shape out) {
        return takeAlongAxis(a, idx, axis, out, Double.NaN);
    }

    /**
     * The same gather where a negative index wraps once and an index still
     * outside the axis reads {@code fill} (JAX's "fill" mode); callers that
     * check the bounds first never see the fill.
     */
    public static Tensor takeAlongAxis(Tensor a, Tensor idx, int axis, Shape out, double fill) {
        long[] outSizes = out.sizes();
        long[] aSizes = a.shape().sizes();
        long[] sa = strides(aSizes);
        long[] si = Broadcast.stridesInto(idx.shape(), out);
        double[] x = a.data();
        double[] ix = idx.data();
        double[] r = new double[(int) out.numel().getAsLong()];
        long[] index = new long[outSizes.length];
        for (int i = 0; i < r.length; i++) {
            long src = 0;
            long off = 0;
            for (int d = 0; d < outSizes.length; d++) {
                off += index[d] * si[d];
            }
            long k = wrap((long) ix[(int) off], aSizes[axis]);
            if (k < 0 || k >= aSizes[axis]) {
                r[i] = fill;
            } else {
                for (int d = 0; d < outSizes.length; d++) {
                    long pos = d == axis ? k : (aSizes[d] == 1 ? 0 : index[d]);
                    src += pos * sa[d];
                }
                r[i] = x[(int) src];
            }
            for (int d = outSizes.length - 1; d >= 0; d--) {
                if (++index[d] < outSizes[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return Tensor.of(a.dtype(), out, r);
    }

    private static long wrap(long i, long size) {
        return i < 0 ? i + size : i;
    }

    public static long product(long[] sizes, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= sizes[i];
        }
        return p;
    }

    public static long[] strides(long[] sizes) {
        long[] strides = new long[sizes.length];
        long s = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= sizes[i];
        }
        return strides;
    }
}
