package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;

/**
 * {@code sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1)}:
 * integer class ids against per-class scores. A trailing label axis of 1 is
 * squeezed; then the TF backend needs {@code y_pred} to have one axis more than
 * the labels, the same sizes up to the last, and labels in [0, C).
 */
public final class SparseCategoricalCrossentropy extends KerasLoss {

    @Override
    public String className() {
        return "SparseCategoricalCrossentropy";
    }

    @Override
    public String functionName() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("sparse_categorical_crossentropy", "y_true", "y_pred", "from_logits", "ignore_class",
                "axis").def("from_logits", false).noneDefaults("ignore_class").def("axis", -1);
    }

    @Override
    public Signature classSignature() {
        return Signature.of("SparseCategoricalCrossentropy", "from_logits", "ignore_class", "reduction", "axis",
                        "name", "dtype").def("from_logits", false).noneDefaults("ignore_class", "dtype")
                .def("reduction", "sum_over_batch_size").def("axis", -1).def("name", functionName());
    }

    @Override
    public String doc() {
        return """
                keras.losses.SparseCategoricalCrossentropy(from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1)
                y_true: integer class ids (N) or (N, 1) (cast to int64); y_pred: (N, C) probabilities, or logits with from_logits=True
                labels must lie in [0, C); one-hot labels belong to CategoricalCrossentropy
                returns: scalar (per-sample (N) from the function or with reduction=None)
                https://keras.io/api/losses/probabilistic_losses/#sparsecategoricalcrossentropy-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        int axis = axis(options);
        Tensor labels = yTrue;
        if (labels.rank() == yPred.rank() && labels.rank() > 0) {
            int a = axis < 0 ? axis + labels.rank() : axis;
            if (a >= 0 && a < labels.rank() && LossMath.isOne(labels.shape().dim(a), lc)) {
                labels = dev.shapes.framework.tf.TensorMath.reshape(labels, labels.shape().without(a));
            }
        }
        return Backend.sparseCategoricalCrossentropy(labels, yPred, flag(options, "from_logits"), axis, lc);
    }
}
