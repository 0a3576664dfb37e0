package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * {@code mean_squared_error(y_true, y_pred)}: {@code mean(square(y_true - y_pred), axis=-1)}.
 * Keras 3 squeezes or expands a trailing axis of 1 first, so {@code (N)} against
 * {@code (N, 1)} is fine; other shapes broadcast (a (N, 1) target against a
 * (N, K) prediction silently) or fail in TF's {@code Sub}.
 */
public final class MeanSquaredError extends KerasLoss {

    @Override
    public String className() {
        return "MeanSquaredError";
    }

    @Override
    public String functionName() {
        return "mean_squared_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mse", "MSE");
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("mean_squared_error", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("MeanSquaredError", "reduction", "name", "dtype").def("reduction", "sum_over_batch_size")
                .def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.MeanSquaredError(reduction="sum_over_batch_size")
                y_true, y_pred: the same shape, e.g. (N, 1); (N) against (N, 1) is squeezed/expanded to agree
                returns: scalar (per-sample (N) from the function or with reduction=None)
                https://keras.io/api/losses/regression_losses/#meansquarederror-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        List<Tensor> same = Regression.prepare(yTrue, yPred, lc);
        Tensor diff = LossMath.difference(same.get(0), same.get(1), false, "mean_squared_error", lc);
        return LossMath.mean(LossMath.map(diff, v -> v * v), -1);
    }
}
