package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;

/**
 * {@code hinge(y_true, y_pred)}: {@code mean(maximum(1 - y_true * y_pred, 0))}; 0/1 labels are
 * turned into -1/1 first. Mismatched shapes fail in TF's {@code Mul}.
 */
public final class Hinge extends KerasLoss {

    @Override
    public String className() {
        return "Hinge";
    }

    @Override
    public String functionName() {
        return "hinge";
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("hinge", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("Hinge", "reduction", "name", "dtype").def("reduction", "sum_over_batch_size")
                .def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.Hinge(reduction="sum_over_batch_size")
                y_true: -1/1 (or 0/1) labels, y_pred: scores of the same shape
                https://keras.io/api/losses/hinge_losses/#hinge-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        Tensor t = LossMath.cast(yTrue, yPred.dtype());
        boolean binary = t.hasValues() && java.util.Arrays.stream(t.data()).allMatch(v -> v == 0 || v == 1);
        Tensor signs = binary ? LossMath.map(t, v -> 2 * v - 1) : t;
        Tensor product = LossMath.mul(signs, yPred, lc);
        return LossMath.mean(LossMath.map(product, v -> Math.max(1.0 - v, 0.0)), -1);
    }
}
