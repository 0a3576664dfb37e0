package dev.shapes.framework.tf;

import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise and reduction arithmetic over tensors whose values may be
 * unknown: each step rounds to its dtype (so float32 work such as
 * {@code 1 - clip(p, eps, 1 - eps)} comes out as TensorFlow computes it), and
 * a step over a shape-only operand gives a shape-only result. Shapes are
 * checked by the caller.
 */
public final class TensorMath {

    private TensorMath() {}

    public static Tensor map(Tensor x, DType out, DoubleUnaryOperator f) {
        if (!x.hasValues()) {
            return Tensor.shapeOnly(out, x.shape());
        }
        return Kernels.map(x, out, f);
    }

    public static Tensor map(Tensor x, DoubleUnaryOperator f) {
        return map(x, x.dtype(), f);
    }

    /** {@code f(a, b)} broadcast to {@code out}. */
    public static Tensor zip(Tensor a, Tensor b, Shape out, DType dtype, DoubleBinaryOperator f) {
        if (!a.hasValues() || !b.hasValues() || !out.isFullyKnown() || !NumericBudget.allows(out)) {
            return Tensor.shapeOnly(dtype, out);
        }
        return Kernels.binary(a, b, out, dtype, f);
    }

    public static Tensor scalar(DType dtype, double v) {
        return Tensor.scalar(dtype, v);
    }

    /** Reduces over a non-negative axis. */
    public static Tensor reduce(Tensor x, int axis, boolean keepdims, Kernels.Reduction kind, DType out) {
        Shape shape = keepdims ? x.shape().with(axis, Dim.of(1)) : x.shape().without(axis);
        if (!x.hasValues() || !x.shape().isFullyKnown()) {
            return Tensor.shapeOnly(out, shape);
        }
        if (x.shape().dim(axis).is(0)) {
            double fill = kind == Kernels.Reduction.SUM ? 0 : Double.NaN;
            double[] v = new double[(int) shape.numel().getAsLong()];
            java.util.Arrays.fill(v, fill);
            return Tensor.of(out, shape, v);
        }
        return Kernels.reduce(x, axis, keepdims, kind, out);
    }

    /** Reduces every element to a scalar. */
    public static Tensor reduceAll(Tensor x, Kernels.Reduction kind, DType out) {
        if (!x.hasValues()) {
            return Tensor.shapeOnly(out, Shape.SCALAR);
        }
        if (x.data().length == 0) {
            return Tensor.scalar(out, kind == Kernels.Reduction.SUM ? 0 : Double.NaN);
        }
        return Kernels.reduceAll(x, kind, out);
    }

    /** The same values laid out in another shape of equal size. */
    public static Tensor reshape(Tensor x, Shape shape) {
        return x.hasValues() && shape.isFullyKnown() ? x.withShape(shape) : Tensor.shapeOnly(x.dtype(), shape);
    }

    /** log-softmax along the last axis. */
    public static Tensor logSoftmax(Tensor x) {
        if (!x.hasValues() || !x.shape().isFullyKnown()) {
            return x.withoutValues();
        }
        return Kernels.logSoftmax(x, x.rank() - 1, x.dtype());
    }

    public static Tensor softmax(Tensor x, int axis) {
        if (!x.hasValues() || !x.shape().isFullyKnown()) {
            return x.withoutValues();
        }
        return Kernels.softmax(x, axis, x.dtype());
    }

    public static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
