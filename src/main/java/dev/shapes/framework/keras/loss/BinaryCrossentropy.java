package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;

/**
 * {@code binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1)}:
 * labels and predictions of the same shape, averaged over {@code axis}. No
 * range checks: probabilities are clipped, labels used as given.
 */
public final class BinaryCrossentropy extends KerasLoss {

    @Override
    public String className() {
        return "BinaryCrossentropy";
    }

    @Override
    public String functionName() {
        return "binary_crossentropy";
    }

    @Override
    public java.util.List<String> aliases() {
        return java.util.List.of("bce", "BCE");
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("binary_crossentropy", "y_true", "y_pred", "from_logits", "label_smoothing", "axis")
                .def("from_logits", false).def("label_smoothing", 0.0).def("axis", -1);
    }

    @Override
    public Signature classSignature() {
        return Signature.of("BinaryCrossentropy", "from_logits", "label_smoothing", "axis", "reduction", "name",
                        "dtype").def("from_logits", false).def("label_smoothing", 0.0).def("axis", -1)
                .def("reduction", "sum_over_batch_size").def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.BinaryCrossentropy(from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size")
                y_true: 0/1 labels; y_pred: probabilities (or logits with from_logits=True) of the same shape, e.g. (N, 1)
                the class squeezes/expands a trailing axis of 1 ((N) vs (N, 1) is fine); the function does not
                returns: scalar (per-sample (N) from the function or with reduction=None)
                https://keras.io/api/losses/probabilistic_losses/#binarycrossentropy-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        Tensor target = LossMath.cast(yTrue, yPred.dtype());
        double smoothing = options.number("label_smoothing");
        if (smoothing != 0) {
            target = LossMath.map(target, v -> v * (1.0 - smoothing) + 0.5 * smoothing);
        }
        Tensor values = Backend.binaryCrossentropy(target, yPred, flag(options, "from_logits"), lc);
        return LossMath.mean(values, axis(options));
    }
}
