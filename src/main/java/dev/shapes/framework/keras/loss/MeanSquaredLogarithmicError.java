package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;
import java.util.List;

/** {@code mean_squared_logarithmic_error(y_true, y_pred)}: {@code mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)))}. */
public final class MeanSquaredLogarithmicError extends KerasLoss {

    @Override
    public String className() {
        return "MeanSquaredLogarithmicError";
    }

    @Override
    public String functionName() {
        return "mean_squared_logarithmic_error";
    }

    @Override
    public List<String> aliases() {
        return List.of("msle", "MSLE");
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("mean_squared_logarithmic_error", "y_true", "y_pred");
    }

    @Override
    public Signature classSignature() {
        return Signature.of("MeanSquaredLogarithmicError", "reduction", "name", "dtype")
                .def("reduction", "sum_over_batch_size").def("name", functionName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.MeanSquaredLogarithmicError(reduction="sum_over_batch_size")
                y_true, y_pred: the same shape; (N) against (N, 1) is squeezed/expanded to agree
                https://keras.io/api/losses/regression_losses/#meansquaredlogarithmicerror-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        List<Tensor> same = Regression.prepare(yTrue, yPred, lc);
        Tensor first = LossMath.map(same.get(1), v -> Math.log(Math.max(v, LossMath.EPSILON) + 1.0));
        Tensor second = LossMath.map(same.get(0), v -> Math.log(Math.max(v, LossMath.EPSILON) + 1.0));
        Tensor diff = LossMath.sub(first, second, lc);
        return LossMath.mean(LossMath.map(diff, v -> v * v), -1);
    }
}
