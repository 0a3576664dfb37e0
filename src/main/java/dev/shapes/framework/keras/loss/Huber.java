package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.Signature;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * {@code huber(y_true, y_pred, delta=1.0)}: quadratic within {@code delta},
 * linear beyond, averaged over the last axis. The error is
 * {@code y_pred - y_true}, so TF's {@code Sub} names the prediction first.
 */
public final class Huber extends KerasLoss {

    @Override
    public String className() {
        return "Huber";
    }

    @Override
    public String functionName() {
        return "huber";
    }

    @Override
    public String defaultName() {
        return "huber_loss";
    }

    @Override
    public Signature functionSignature() {
        return Signature.of("huber", "y_true", "y_pred", "delta").def("delta", 1.0);
    }

    @Override
    public Signature classSignature() {
        return Signature.of("Huber", "delta", "reduction", "name", "dtype").def("delta", 1.0)
                .def("reduction", "sum_over_batch_size").def("name", defaultName()).noneDefaults("dtype");
    }

    @Override
    public String doc() {
        return """
                keras.losses.Huber(delta=1.0, reduction="sum_over_batch_size")
                y_true, y_pred: the same shape; (N) against (N, 1) is squeezed/expanded to agree
                https://keras.io/api/losses/regression_losses/#huber-class""";
    }

    @Override
    public Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc) {
        List<Tensor> same = Regression.prepare(yTrue, yPred, lc);
        double delta = same.get(1).dtype().round(options.number("delta"));
        Tensor error = LossMath.difference(same.get(0), same.get(1), true, "huber", lc);
        double halfDeltaSquared = same.get(1).dtype().round(0.5 * same.get(1).dtype().round(delta * delta));
        Tensor values = LossMath.map(error, e -> Math.abs(e) <= delta ? 0.5 * (e * e)
                : delta * Math.abs(e) - halfDeltaSquared);
        return LossMath.mean(values, -1);
    }
}
