package dev.shapes.framework.keras.loss;

import dev.shapes.eval.FrameworkException;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.framework.tf.TfNn;
import dev.shapes.framework.tf.TfOps;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * The crossentropies of Keras's TensorFlow backend, where the shape checks
 * and their texts live: Keras 3's {@code keras/src/backend/tensorflow/nn.py}
 * (categorical_crossentropy, sparse_categorical_crossentropy,
 * binary_crossentropy) and tf.keras 2.x's {@code tf_keras/backend.py}.
 */
public final class Backend {

    private Backend() {}

    static String shape(Shape s) {
        return TfText.tuple(s);
    }

    private static String received(Tensor target, Tensor output) {
        return "target.shape=" + shape(target.shape()) + ", output.shape=" + shape(output.shape());
    }

    private static boolean sameSizes(Shape a, Shape b, Bindings bindings) {
        for (int i = 0; i < Math.min(a.rank(), b.rank()); i++) {
            if (!bindings.sameOrUndecided(a.dim(i), b.dim(i))) {
                return false;
            }
        }
        return true;
    }

    /** The warning {@code _get_logits} gives for {@code from_logits=True} on a softmax/sigmoid output. */
    private static void logitsWarning(boolean fromLogits, String opType, String fnName, LossContext lc) {
        if (fromLogits && lc.producedBy().map(opType::equals).orElse(false)) {
            lc.ctx().warn("\"`" + fnName + "` received `from_logits=True`, but the `output` argument was produced by a "
                    + opType + " activation and thus does not represent logits. Was this intended?");
        }
    }

    // ------------------------------------------------------------ Keras 3

    public static Tensor categoricalCrossentropy(Tensor target, Tensor output, boolean fromLogits, int axis,
                                                 LossContext lc) {
        if (lc.version().isLegacy()) {
            return categoricalCrossentropyV2(target, output, fromLogits, axis, lc);
        }
        if (target.rank() < 1) {
            throw new FrameworkException("ValueError", "Arguments `target` and `output` must be at least rank 1. "
                    + "Received: " + received(target, output));
        }
        if (target.rank() != output.rank()) {
            throw new FrameworkException("ValueError", "Arguments `target` and `output` must have the same rank "
                    + "(ndim). Received: " + received(target, output));
        }
        if (!sameSizes(target.shape(), output.shape(), lc.bindings())) {
            throw new FrameworkException("ValueError", "Arguments `target` and `output` must have the same shape. "
                    + "Received: " + received(target, output));
        }
        logitsWarning(fromLogits, "Softmax", "categorical_crossentropy", lc);
        return categoricalFromChecked(target, output, fromLogits, axis, lc);
    }

    private static Tensor categoricalFromChecked(Tensor target, Tensor output, boolean fromLogits, int axis,
                                                 LossContext lc) {
        if (fromLogits) {
            if (axis != -1 && axis != output.rank() - 1) {
                throw new dev.shapes.eval.NotationException("UnsupportedError",
                        "categorical crossentropy over an axis other than the last is not modelled", null);
            }
            return TfNn.softmaxCrossEntropy(target, output, lc.op("softmax_cross_entropy_with_logits",
                    "SoftmaxCrossEntropyWithLogits"));
        }
        int a = axis < 0 ? axis + output.rank() : axis;
        Tensor total = LossMath.sum(output, a, true);
        Tensor normalised = LossMath.binary("RealDiv", "truediv", output, total, lc, (x, y) -> x / y);
        Tensor clipped = LossMath.clipProbabilities(normalised);
        Tensor logs = LossMath.map(clipped, Math::log);
        Tensor products = LossMath.mul(target, logs, lc);
        return LossMath.map(LossMath.sum(products, a, false), v -> -v);
    }

    public static Tensor sparseCategoricalCrossentropy(Tensor target, Tensor output, boolean fromLogits, int axis,
                                                       LossContext lc) {
        if (lc.version().isLegacy()) {
            return sparseCategoricalCrossentropyV2(target, output, fromLogits, axis, lc);
        }
        if (axis != -1 && axis != output.rank() - 1) {
            throw new FrameworkException("ValueError", "Only axis=-1 is currently supported. Received: axis=" + axis);
        }
        logitsWarning(fromLogits, "Softmax", "sparse_categorical_crossentropy", lc);
        Tensor labels = LossMath.cast(target, DType.I64);
        if (labels.rank() == output.rank() && labels.rank() > 0
                && LossMath.isOne(labels.shape().dim(labels.rank() - 1), lc)) {
            labels = LossMath.squeezeLast(labels);
        }
        if (output.rank() < 1) {
            throw new FrameworkException("ValueError", "Argument `output` must be at least rank 1. Received: "
                    + "output.shape=" + shape(output.shape()));
        }
        if (labels.rank() != output.rank() - 1) {
            throw new FrameworkException("ValueError", "Argument `output` must have rank (ndim) `target.ndim - 1`. "
                    + "Received: " + received(labels, output));
        }
        if (!sameSizes(labels.shape(), output.shape().subShape(0, output.rank() - 1), lc.bindings())) {
            throw new FrameworkException("ValueError", "Arguments `target` and `output` must have the same shape up "
                    + "until the last dimension: " + received(labels, output));
        }
        Tensor logits = output;
        if (!fromLogits) {
            logits = LossMath.map(LossMath.clipProbabilities(output), Math::log);
        }
        return TfNn.sparseSoftmaxCrossEntropy(labels, logits, lc.op("SparseSoftmaxCrossEntropyWithLogits",
                "SparseSoftmaxCrossEntropyWithLogits"));
    }

    public static Tensor binaryCrossentropy(Tensor target, Tensor output, boolean fromLogits, LossContext lc) {
        if (lc.version().isLegacy()) {
            return binaryCrossentropyV2(target, output, fromLogits, lc);
        }
        if (target.rank() != output.rank()) {
            throw new FrameworkException("ValueError", "Arguments `target` and `output` must have the same rank "
                    + "(ndim). Received: " + received(target, output));
        }
        if (!sameSizes(target.shape(), output.shape(), lc.bindings())) {
            throw new FrameworkException("ValueError", "Arguments `target` and `output` must have the same shape. "
                    + "Received: " + received(target, output));
        }
        logitsWarning(fromLogits, "Sigmoid", "binary_crossentropy", lc);
        if (fromLogits) {
            return TfNn.sigmoidCrossEntropy(target, output, lc.op("logistic_loss", "Mul"));
        }
        return binaryFromProbabilities(target, output, 0.0, lc);
    }

    /** {@code -(t*log(o) + (1-t)*log(1-o))} with o clipped to [eps, 1-eps] ({@code extra} added inside the logs). */
    private static Tensor binaryFromProbabilities(Tensor target, Tensor output, double extra, LossContext lc) {
        Tensor o = LossMath.clipProbabilities(output);
        DType dt = o.dtype();
        Tensor logO = LossMath.map(o, v -> Math.log(dt.round(v + extra)));
        Tensor logNotO = LossMath.map(o, v -> Math.log(dt.round(dt.round(1 - v) + extra)));
        Tensor first = LossMath.mul(target, logO, lc);
        Tensor notTarget = LossMath.map(target, v -> 1 - v);
        Tensor second = LossMath.mul(notTarget, logNotO, lc);
        Tensor bce = LossMath.binary("AddV2", "add", first, second, lc, Double::sum);
        return LossMath.map(bce, v -> -v);
    }

    // ------------------------------------------------------------ tf.keras 2.x

    private static Tensor categoricalCrossentropyV2(Tensor target, Tensor output, boolean fromLogits, int axis,
                                                   LossContext lc) {
        boolean compatible = target.rank() == output.rank()
                && sameSizes(target.shape(), output.shape(), lc.bindings());
        if (!compatible) {
            throw new FrameworkException("ValueError", "Shapes " + shape(target.shape()) + " and "
                    + shape(output.shape()) + " are incompatible");
        }
        logitsWarning(fromLogits, "Softmax", "categorical_crossentropy", lc);
        return categoricalFromChecked(target, output, fromLogits, axis, lc);
    }

    private static Tensor sparseCategoricalCrossentropyV2(Tensor target, Tensor output, boolean fromLogits, int axis,
                                                         LossContext lc) {
        Tensor labels = LossMath.cast(target, DType.I64);
        logitsWarning(fromLogits, "Softmax", "sparse_categorical_crossentropy", lc);
        Tensor logits = fromLogits ? output : LossMath.map(LossMath.clipProbabilities(output), Math::log);
        int rank = logits.rank();
        int a = axis < 0 ? axis + rank : axis;
        if (a != rank - 1) {
            List<Long> perm = new java.util.ArrayList<>();
            for (int i = 0; i < rank; i++) {
                if (i != a) {
                    perm.add((long) i);
                }
            }
            perm.add((long) a);
            logits = TfOps.transpose(logits, perm, lc.op("transpose", "Transpose"));
        }
        boolean reshaped = labels.rank() != rank - 1;
        Shape outer = logits.shape().subShape(0, rank - 1);
        if (reshaped) {
            labels = TensorMath.reshape(labels, new Shape(List.of(labels.shape().numelDim())));
            Dim classes = logits.shape().dim(rank - 1);
            Dim rows = logits.shape().numelDim().exactDivide(classes).orElse(Dim.UNKNOWN);
            logits = TensorMath.reshape(logits, Shape.of(rows, classes));
            // The reshape goes through tf.shape(), so the static check of tf.nn is skipped and the kernel
            // compares the first dimensions (the text tf.keras 2.x users see from fit).
            Dim labelCount = lc.bindings().resolve(labels.shape().dim(0));
            Dim rowCount = lc.bindings().resolve(rows);
            if (labelCount instanceof Dim.Known && rowCount instanceof Dim.Known && !labelCount.equals(rowCount)) {
                throw lc.op("SparseSoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits")
                        .kernelError("SparseSoftmaxCrossEntropyWithLogits", "logits and labels must have the same "
                                + "first dimension, got logits shape " + TfText.kernel(logits.shape())
                                + " and labels shape " + TfText.kernel(labels.shape()), true);
            }
        }
        Tensor result = TfNn.sparseSoftmaxCrossEntropy(labels, logits, lc.op("SparseSoftmaxCrossEntropyWithLogits",
                "SparseSoftmaxCrossEntropyWithLogits"));
        if (reshaped && rank >= 3) {
            result = TensorMath.reshape(result, outer);
        }
        return result;
    }

    private static Tensor binaryCrossentropyV2(Tensor target, Tensor output, boolean fromLogits, LossContext lc) {
        logitsWarning(fromLogits, "Sigmoid", "binary_crossentropy", lc);
        if (fromLogits) {
            return TfNn.sigmoidCrossEntropy(target, output, lc.op("logistic_loss", "Mul"));
        }
        return binaryFromProbabilities(target, output, LossMath.EPSILON, lc);
    }
}
