package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;
import java.util.List;

/** {@code mean_absolute_percentage_error(y_true, y_pred)}: {@code 100 * mean(abs((y_true - y_pred) / max(abs(y_true), eps)))}. */
public final class MeanAbsolutePercentageError extends KerasLoss {

    @Override
    public String className() {
        return "MeanAbsolutePercentageError";
    }

    @Override
    public String functionName() {
        return "mean_absolute_percentage_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("mape", "MAPE");
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("mean_absolute_percentage_error", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("MeanAbsolutePercentageError", "reduction", "name", "dtype")
                .def("reduction", "sum_over_batch_size").def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.MeanAbsolutePercentageError(reduction="sum_over_batch_size")
                y_true, y_pred: the same shape; (N) against (N, 1) is squeezed/expanded to agree
                https://keras.io/api/losses/regression_losses/#meanabsolutepercentageerror-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        List<Tensor> same = Regression.prepare(yTrue, yPred, lc);
        Tensor diff = LossMath.difference(same.get(0), same.get(1), false, "mean_absolute_percentage_error", lc);
        Tensor scale = LossMath.map(same.get(0), v -> Math.max(Math.abs(v), LossMath.EPSILON));
        Tensor ratio = LossMath.binary("RealDiv", "truediv", diff, scale, lc, (a, b) -> Math.abs(a / b));
        return LossMath.map(LossMath.mean(ratio, -1), v -> 100.0 * v);
    }
}
