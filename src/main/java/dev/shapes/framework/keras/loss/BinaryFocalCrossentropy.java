package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;

/**
 * {@code binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
 * from_logits=False, label_smoothing=0.0, axis=-1)}: binary crossentropy on
 * probabilities (logits go through a sigmoid first) weighted by
 * {@code (1 - p_t) ** gamma}; the same shape rules as BinaryCrossentropy.
 */
public final class BinaryFocalCrossentropy extends KerasLoss {

    @Override
    public String className() {
        return "BinaryFocalCrossentropy";
    }

    @Override
    public String functionName() {
        return "binary_focal_crossentropy";
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("binary_focal_crossentropy", "y_true", "y_pred", "apply_class_balancing", "alpha", "gamma",
                        "from_logits", "label_smoothing", "axis").def("apply_class_balancing", false)
                .def("alpha", 0.25).def("gamma", 2.0).def("from_logits", false).def("label_smoothing", 0.0)
                .def("axis", -1);
    }

    @Override
    public Signature classSignature() {
        return Signature.of("BinaryFocalCrossentropy", "apply_class_balancing", "alpha", "gamma", "from_logits",
                        "label_smoothing", "axis", "reduction", "name", "dtype").def("apply_class_balancing", false)
                .def("alpha", 0.25).def("gamma", 2.0).def("from_logits", false).def("label_smoothing", 0.0)
                .def("axis", -1).def("reduction", "sum_over_batch_size").def("name", functionName())
                .noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1)
                y_true: 0/1 labels, y_pred: probabilities or logits, the same shape (as BinaryCrossentropy)
                https://keras.io/api/losses/probabilistic_losses/#binaryfocalcrossentropy-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        Tensor target = LossMath.cast(yTrue, yPred.dtype());
        double smoothing = options.number("label_smoothing");
        if (smoothing != 0) {
            target = LossMath.map(target, v -> v * (1.0 - smoothing) + 0.5 * smoothing);
        }
        Tensor p = yPred;
        if (flag(options, "from_logits")) {
            p = LossMath.map(p, TensorMath::sigmoid);
        }
        Tensor bce = Backend.binaryCrossentropy(target, p, false, lc);
        double gamma = options.number("gamma");
        double alpha = options.number("alpha");
        boolean balance = flag(options, "apply_class_balancing");
        DType dt = p.dtype();
        Tensor pt = TensorMath.zip(target, p, p.shape(), dt, (t, q) -> t * q + (1 - t) * (1 - q));
        Tensor focal = TensorMath.map(pt, v -> Math.pow(1.0 - v, gamma));
        Tensor weighted = TensorMath.zip(focal, bce, bce.shape(), dt, (f, b) -> f * b);
        if (balance) {
            Tensor w = TensorMath.map(target, t -> t * alpha + (1 - t) * (1 - alpha));
            weighted = TensorMath.zip(w, weighted, weighted.shape(), dt, (a, b) -> a * b);
        }
        return LossMath.mean(weighted, axis(options));
    }
}
