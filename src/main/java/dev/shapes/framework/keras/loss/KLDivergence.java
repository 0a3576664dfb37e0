package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * {@code kl_divergence(y_true, y_pred)}: {@code sum(y_true * log(y_true / y_pred), axis=-1)}
 * with both clipped to [eps, 1]; mismatched shapes fail in TF's {@code RealDiv}.
 */
public final class KLDivergence extends KerasLoss {

    @Override
    public String className() {
        return "KLDivergence";
    }

    @Override
    public String functionName() {
        return "kl_divergence";
    }

    @Override
    public List<String> aliases() {
        return List.of("kld", "KLD");
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("kl_divergence", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("KLDivergence", "reduction", "name", "dtype").def("reduction", "sum_over_batch_size")
                .def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.KLDivergence(reduction="sum_over_batch_size")
                y_true, y_pred: probability distributions of the same shape (N, C), clipped to [1e-7, 1]
                https://keras.io/api/losses/probabilistic_losses/#kldivergence-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        Tensor p = LossMath.clip(yPred, LossMath.EPSILON, 1);
        Tensor t = LossMath.clip(LossMath.cast(yTrue, yPred.dtype()), LossMath.EPSILON, 1);
        Tensor ratio = LossMath.binary("RealDiv", "truediv", t, p, lc, (a, b) -> a / b);
        Tensor logs = LossMath.map(ratio, Math::log);
        Tensor terms = LossMath.mul(t, logs, lc);
        return LossMath.sum(terms, -1, false);
    }
}
