package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;

/** {@code poisson(y_true, y_pred)}: {@code mean(y_pred - y_true * log(y_pred + eps), axis=-1)}; no rank fixing. */
public final class Poisson extends KerasLoss {

    @Override
    public String className() {
        return "Poisson";
    }

    @Override
    public String functionName() {
        return "poisson";
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("poisson", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("Poisson", "reduction", "name", "dtype").def("reduction", "sum_over_batch_size")
                .def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.Poisson(reduction="sum_over_batch_size")
                y_true: counts, y_pred: rates of the same shape
                https://keras.io/api/losses/probabilistic_losses/#poisson-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        Tensor t = LossMath.cast(yTrue, yPred.dtype());
        Tensor logs = LossMath.map(yPred, v -> Math.log(v + LossMath.EPSILON));
        Tensor product = LossMath.mul(t, logs, lc);
        return LossMath.mean(LossMath.sub(yPred, product, lc), -1);
    }
}
