package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * {@code mean_absolute_error(y_true, y_pred)}: {@code mean(abs(y_true - y_pred), axis=-1)},
 * with the same rank rule as mean_squared_error.
 */
public final class MeanAbsoluteError extends KerasLoss {

    @Override
    public String className() {
        return "MeanAbsoluteError";
    }

    @Override
    public String functionName() {
        return "mean_absolute_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mae", "MAE");
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("mean_absolute_error", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("MeanAbsoluteError", "reduction", "name", "dtype").def("reduction", "sum_over_batch_size")
                .def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.MeanAbsoluteError(reduction="sum_over_batch_size")
                y_true, y_pred: the same shape, e.g. (N, 1); (N) against (N, 1) is squeezed/expanded to agree
                https://keras.io/api/losses/regression_losses/#meanabsoluteerror-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        List<Tensor> same = Regression.prepare(yTrue, yPred, lc);
        Tensor diff = LossMath.difference(same.get(0), same.get(1), false, "mean_absolute_error", lc);
        return LossMath.mean(LossMath.map(diff, Math::abs), -1);
    }
}
