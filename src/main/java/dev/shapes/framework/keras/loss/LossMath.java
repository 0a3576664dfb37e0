package dev.shapes.framework.keras.loss;

import dev.shapes.framework.tf.TensorMath;
import dev.shapes.framework.tf.TfOps;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The ops Keras losses are written in ({@code keras.ops} on the TF backend),
 * each rounding to the dtype as TF does, and each failing with TF's text
 * (e.g. {@code Incompatible shapes: [6,2] vs. [6,4] [Op:Sub]}) when its
 * operands do not broadcast.
 */
public final class LossMath {

    /** {@code keras.backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private LossMath() {}

    /** An elementwise op on two tensors, named as TF names it (op {@code Sub}, node {@code sub}). */
    public static Tensor binary(String op, String node, Tensor a, Tensor b, LossContext lc, DoubleBinaryOperator f) {
        Shape out = TfOps.broadcast(op, a.shape(), b.shape(), lc.op(node, op), true);
        return TensorMath.zip(a, b, out, a.dtype(), f);
    }

    public static Tensor sub(Tensor a, Tensor b, LossContext lc) {
        return binary("Sub", "sub", a, b, lc, (x, y) -> x - y);
    }

    /**
     * {@code y_true - y_pred} (or the reverse when {@code predictionFirst}), noting
     * a silent broadcast to a shape bigger than both (e.g. (N, 1) against (N, K)).
     */
    public static Tensor difference(Tensor yTrue, Tensor yPred, boolean predictionFirst, String loss,
                                    LossContext lc) {
        Tensor d = predictionFirst ? sub(yPred, yTrue, lc) : sub(yTrue, yPred, lc);
        dev.shapes.framework.SilentBroadcast.checkLoss(lc.ctx(), loss, "y_true", yTrue.shape(), "y_pred",
                yPred.shape(), d.shape());
        return d;
    }

    public static Tensor mul(Tensor a, Tensor b, LossContext lc) {
        return binary("Mul", "mul", a, b, lc, (x, y) -> x * y);
    }

    public static Tensor map(Tensor x, DoubleUnaryOperator f) {
        return TensorMath.map(x, f);
    }

    /** {@code ops.clip(x, lo, hi)} with float bounds rounded to the tensor's dtype first. */
    public static Tensor clip(Tensor x, double lo, double hi) {
        double l = x.dtype().round(lo);
        double h = x.dtype().round(hi);
        return TensorMath.map(x, v -> Math.min(Math.max(v, l), h));
    }

    /** {@code clip(x, eps, 1 - eps)}. */
    public static Tensor clipProbabilities(Tensor x) {
        return clip(x, EPSILON, 1 - EPSILON);
    }

    public static Tensor mean(Tensor x, int axis) {
        if (x.rank() == 0) {
            return x;
        }
        int a = axis < 0 ? axis + x.rank() : axis;
        return TensorMath.reduce(x, a, false, Kernels.Reduction.MEAN, x.dtype());
    }

    public static Tensor sum(Tensor x, int axis, boolean keepdims) {
        if (x.rank() == 0) {
            return x;
        }
        int a = axis < 0 ? axis + x.rank() : axis;
        return TensorMath.reduce(x, a, keepdims, Kernels.Reduction.SUM, x.dtype());
    }

    public static Tensor cast(Tensor x, DType dtype) {
        return TfOps.cast(x, dtype);
    }

    /** Whether a static size is exactly 1 ({@code x.shape[-1] == 1}; None is not). */
    static boolean isOne(Dim d, LossContext lc) {
        return lc.bindings().resolve(d).is(1);
    }

    public static Tensor expandLast(Tensor x) {
        return TensorMath.reshape(x, x.shape().append(Dim.of(1)));
    }

    public static Tensor squeezeLast(Tensor x) {
        return TensorMath.reshape(x, x.shape().without(x.rank() - 1));
    }

    /**
     * Keras 3's {@code squeeze_or_expand_to_same_rank(x1, x2)} (losses/loss.py):
     * when the ranks differ by one and the larger has a last axis of 1, a
     * rank-1 partner is expanded, otherwise the larger is squeezed.
     */
    public static List<Tensor> squeezeOrExpand(Tensor x1, Tensor x2, LossContext lc) {
        int r1 = x1.rank();
        int r2 = x2.rank();
        if (r1 == r2) {
            return List.of(x1, x2);
        }
        if (r1 == r2 + 1 && isOne(x1.shape().dim(r1 - 1), lc)) {
            if (r2 == 1) {
                x2 = expandLast(x2);
            } else {
                x1 = squeezeLast(x1);
            }
        }
        if (r2 == r1 + 1 && isOne(x2.shape().dim(r2 - 1), lc)) {
            if (r1 == 1) {
                x1 = expandLast(x1);
            } else {
                x2 = squeezeLast(x2);
            }
        }
        return List.of(x1, x2);
    }

    /**
     * tf.keras 2.x's {@code squeeze_or_expand_dimensions(y_pred, y_true)}
     * (tf_keras/utils/losses_utils.py): unless {@code y_pred} has exactly one
     * more axis and a last axis other than 1, the side with one extra axis of
     * size 1 is squeezed. Returns {@code [y_true, y_pred]}.
     */
    public static List<Tensor> squeezeLegacy(Tensor yTrue, Tensor yPred, LossContext lc) {
        int rp = yPred.rank();
        int rt = yTrue.rank();
        boolean lastOne = rp > 0 && isOne(yPred.shape().dim(rp - 1), lc);
        if (rp - rt != 1 || lastOne) {
            int diff = rp - rt;
            if (diff == 1 && rp > 0 && compatibleWithOne(yPred.shape().dim(rp - 1), lc)) {
                yPred = squeezeLast(yPred);
            } else if (diff == -1 && rt > 0 && compatibleWithOne(yTrue.shape().dim(rt - 1), lc)) {
                yTrue = squeezeLast(yTrue);
            }
        }
        return List.of(yTrue, yPred);
    }

    private static boolean compatibleWithOne(Dim d, LossContext lc) {
        Dim r = lc.bindings().resolve(d);
        return r.is(1) || r instanceof Dim.Unknown;
    }
}
