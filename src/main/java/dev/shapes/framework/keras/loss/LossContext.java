package dev.shapes.framework.keras.loss;

import dev.shapes.eval.CallContext;
import dev.shapes.framework.keras.KerasVersion;
import dev.shapes.framework.tf.TfExec;
import dev.shapes.framework.tf.TfStyle;
import dev.shapes.tensor.Bindings;
import java.util.List;
import java.util.Optional;

/**
 * Where a Keras loss runs. Called directly it runs eagerly (TF kernel texts);
 * inside {@code model.fit} it is traced into a graph under the name scope
 * {@code compile_loss/<loss name>} (shape-inference texts), with {@code y_true}
 * coming from the data ({@code data_1}) and {@code y_pred} from the model's
 * last op. {@code producedBy} names the activation ({@code Softmax},
 * {@code Sigmoid}) that made {@code y_pred}, when Keras can see it.
 */
public record LossContext(CallContext ctx, KerasVersion version, TfExec exec, String scope,
                          List<String> graphInputs, Optional<String> producedBy) {

    public static LossContext eager(CallContext ctx, KerasVersion version) {
        return new LossContext(ctx, version, TfExec.eager(ctx.bindings()), "", List.of(), Optional.empty());
    }

    public Bindings bindings() {
        return ctx.bindings();
    }

    /** The exec for one op of the loss: eager as is, or in the graph at {@code scope/node}. */
    public TfExec op(String node, String op) {
        if (!exec.building()) {
            return exec;
        }
        return exec.at(new TfStyle.Site(scope + "/" + node, op, "T=DT_FLOAT", graphInputs));
    }

    public LossContext named(String name) {
        return new LossContext(ctx, version, exec, exec.building() ? "compile_loss/" + name : scope, graphInputs,
                producedBy);
    }
}
