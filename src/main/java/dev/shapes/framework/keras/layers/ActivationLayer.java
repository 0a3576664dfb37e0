package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.Tensor;

/**
 * {@code Activation(activation)}, {@code Softmax(axis=-1)}, {@code ReLU()}, {@code LeakyReLU(negative_slope=0.3)},
 * {@code ELU()}: an activation as a layer; values pass through when known.
 */
public final class ActivationLayer extends Layer {

    private final Activations.Activation activation;
    private final double slope;
    private final int axis;

    ActivationLayer(KerasRuntime keras, String className, Arguments args) {
        this(keras, className, bind(className, args));
    }

    private static Bound bind(String className, Arguments args) {
        return switch (className) {
            case "Activation" -> Signature.of("Activation", "activation", "name", "**kwargs").noneDefaults("name")
                    .bind(args);
            case "Softmax" -> Signature.of("Softmax", "axis", "name", "**kwargs").def("axis", -1).noneDefaults("name")
                    .bind(args);
            case "LeakyReLU" -> Signature.of("LeakyReLU", "negative_slope", "name", "**kwargs")
                    .def("negative_slope", 0.3).noneDefaults("name").bind(args);
            default -> Signature.of(className, "name", "**kwargs").noneDefaults("name").bind(args);
        };
    }

    private ActivationLayer(KerasRuntime keras, String className, Bound b) {
        super(keras, className, stripAlpha(b));
        this.built = true;
        double s = 0.3;
        if (className.equals("LeakyReLU")) {
            Value alpha = b.extraKeywords().get("alpha");
            s = alpha != null && Python.isNumber(alpha) ? Python.toDouble(alpha) : b.number("negative_slope");
        }
        this.slope = s;
        this.axis = className.equals("Softmax") ? (int) b.integer("axis") : -1;
        this.activation = switch (className) {
            case "Activation" -> Activations.get(b.get("activation"));
            case "Softmax" -> new Activations.Activation("softmax");
            case "ReLU" -> new Activations.Activation("relu");
            case "ELU" -> new Activations.Activation("elu");
            default -> new Activations.Activation("leaky_relu");
        };
        config.put("activation", new Value.StrValue(activation.name()));
    }

    private static Bound stripAlpha(Bound b) {
        if (!b.extraKeywords().containsKey("alpha")) {
            return b;
        }
        java.util.Map<String, Value> rest = new java.util.LinkedHashMap<>(b.extraKeywords());
        rest.remove("alpha");
        return new Bound(b.function(), b.values(), b.spans(), b.sources(), b.extraPositional(), rest, b.callSpan());
    }

    public Activations.Activation activation() {
        return activation;
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        if (className.equals("LeakyReLU")) {
            return TensorMath.map(x, v -> v > 0 ? v : slope * v);
        }
        if (className.equals("Softmax") && x.rank() > 0) {
            if (axis < -x.rank() || axis >= x.rank()) {
                throw new dev.shapes.eval.FrameworkException("InvalidArgumentError", "`dim` must be in the range ["
                        + (-x.rank()) + ", " + x.rank() + ") where " + x.rank() + " is the number of dimensions in the "
                        + "input. Received: dim=" + axis);
            }
            int a = axis < 0 ? axis + x.rank() : axis;
            return TensorMath.softmax(x, a);
        }
        return activation.apply(x);
    }
}
