package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;

/**
 * {@code categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1)}:
 * one-hot (or soft) labels of exactly {@code y_pred}'s shape. A {@code y_pred}
 * with one class warns (SyntaxWarning); integer labels fail the backend's rank
 * or shape check.
 */
public final class CategoricalCrossentropy extends KerasLoss {

    @Override
    public String className() {
        return "CategoricalCrossentropy";
    }

    @Override
    public String functionName() {
        return "categorical_crossentropy";
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("categorical_crossentropy", "y_true", "y_pred", "from_logits", "label_smoothing", "axis")
                .def("from_logits", false).def("label_smoothing", 0.0).def("axis", -1);
    }

    @Override
    public Signature classSignature() {
        return Signature.of("CategoricalCrossentropy", "from_logits", "label_smoothing", "axis", "reduction", "name",
                        "dtype").def("from_logits", false).def("label_smoothing", 0.0).def("axis", -1)
                .def("reduction", "sum_over_batch_size").def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.CategoricalCrossentropy(from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size")
                y_true: one-hot or soft labels, exactly y_pred's shape (N, C) (e.g. keras.utils.to_categorical(labels, C))
                y_pred: (N, C) probabilities, or logits with from_logits=True
                returns: scalar (per-sample (N) from the function or with reduction=None)
                https://keras.io/api/losses/probabilistic_losses/#categoricalcrossentropy-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        int axis = axis(options);
        Tensor target = LossMath.cast(yTrue, yPred.dtype());
        if (yPred.rank() > 0) {
            int a = axis < 0 ? axis + yPred.rank() : axis;
            if (a >= 0 && a < yPred.rank() && LossMath.isOne(yPred.shape().dim(a), lc)) {
                lc.ctx().warn("In loss categorical_crossentropy, expected y_pred.shape to be (batch_size, num_classes) "
                        + "with num_classes > 1. Received: y_pred.shape=" + Backend.shape(yPred.shape())
                        + ". Consider using 'binary_crossentropy' if you only have 2 classes.");
            }
        }
        double smoothing = options.number("label_smoothing");
        if (smoothing != 0 && yPred.rank() > 0) {
            int a = axis < 0 ? axis + yPred.rank() : axis;
            java.util.OptionalLong classes = lc.bindings().resolve(yPred.shape().dim(a)).known();
            if (classes.isPresent()) {
                double c = classes.getAsLong();
                target = LossMath.map(target, v -> v * (1.0 - smoothing) + smoothing / c);
            } else {
                target = target.withoutValues();
            }
        }
        return Backend.categoricalCrossentropy(target, yPred, flag(options, "from_logits"), axis, lc);
    }
}
