package dev.shapes.framework.keras.layers;

import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Keras activations by name ({@code keras/src/activations/__init__.py}):
 * elementwise functions, and softmax / log_softmax over the last axis. The
 * TF backend marks softmax and sigmoid outputs so the crossentropies can see
 * them ({@code _keras_logits}); {@link #opType} names that mark.
 */
public final class Activations {

    private Activations() {}

    /** One activation: its name and what it does to a tensor. */
    public record Activation(String name) {

        public Tensor apply(Tensor x) {
            if (name.equals("softmax")) {
                return x.rank() == 0 ? x : TensorMath.softmax(x, x.rank() - 1);
            }
            if (name.equals("log_softmax")) {
                return x.rank() == 0 ? x : TensorMath.logSoftmax(x);
            }
            DoubleUnaryOperator f = ELEMENTWISE.get(name);
            return f == null ? x : TensorMath.map(x, f);
        }

        /** {@code Softmax} / {@code Sigmoid} when the output carries its logits, as the TF backend records. */
        public java.util.Optional<String> opType() {
            return switch (name) {
                case "softmax" -> java.util.Optional.of("Softmax");
                case "sigmoid" -> java.util.Optional.of("Sigmoid");
                default -> java.util.Optional.empty();
            };
        }

        public boolean isLinear() {
            return name.equals("linear");
        }
    }

    private static final Map<String, DoubleUnaryOperator> ELEMENTWISE = new LinkedHashMap<>();

    static {
        ELEMENTWISE.put("linear", v -> v);
        ELEMENTWISE.put("relu", v -> Math.max(v, 0));
        ELEMENTWISE.put("relu6", v -> Math.min(Math.max(v, 0), 6));
        ELEMENTWISE.put("sigmoid", TensorMath::sigmoid);
        ELEMENTWISE.put("tanh", Math::tanh);
        ELEMENTWISE.put("elu", v -> v > 0 ? v : Math.expm1(v));
        ELEMENTWISE.put("selu", v -> 1.0507009873554805 * (v > 0 ? v : 1.6732632423543772 * Math.expm1(v)));
        ELEMENTWISE.put("softplus", v -> Math.log1p(Math.exp(-Math.abs(v))) + Math.max(v, 0));
        ELEMENTWISE.put("softsign", v -> v / (1 + Math.abs(v)));
        ELEMENTWISE.put("swish", v -> v * TensorMath.sigmoid(v));
        ELEMENTWISE.put("silu", v -> v * TensorMath.sigmoid(v));
        ELEMENTWISE.put("gelu", v -> 0.5 * v * (1 + erf(v / Math.sqrt(2))));
        ELEMENTWISE.put("exponential", Math::exp);
        ELEMENTWISE.put("hard_sigmoid", v -> Math.min(Math.max(v / 6 + 0.5, 0), 1));
        ELEMENTWISE.put("leaky_relu", v -> v > 0 ? v : 0.2 * v);
        ELEMENTWISE.put("mish", v -> v * Math.tanh(Math.log1p(Math.exp(v))));
    }

    /** The names {@code keras.activations} offers. */
    public static java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(ELEMENTWISE.keySet());
        names.add("softmax");
        names.add("log_softmax");
        return names;
    }

    /** {@code activations.get(identifier)}: None is linear; strings by name; functions of this module or tf.nn. */
    public static Activation get(Value identifier) {
        if (identifier instanceof Value.NoneValue) {
            return new Activation("linear");
        }
        String name = null;
        if (identifier instanceof Value.StrValue s) {
            name = s.value();
        } else if (identifier instanceof Function f) {
            name = f.shortName();
        } else if (identifier instanceof ActivationLayer layer) {
            return layer.activation();
        }
        if (name != null && names().contains(name)) {
            return new Activation(name);
        }
        throw new FrameworkException("ValueError", "Could not interpret activation function identifier: "
                + (identifier instanceof Value.StrValue s ? s.value() : Python.repr(identifier)));
    }

    /** {@code keras.activations}: each activation as a function on tensors. */
    public static Module module(String qualifiedName) {
        Module m = new Module(qualifiedName);
        for (String name : names()) {
            m.function(name, (args, ctx) -> {
                Value x = args.positional().isEmpty() ? args.keywords().get("x") : args.positional().get(0);
                if (!(x instanceof Value.TensorValue t)) {
                    throw new FrameworkException("TypeError", name + "() missing 1 required positional argument: 'x'");
                }
                return ctx.wrap(new Activation(name).apply(t.tensor()));
            });
        }
        m.function("get", (args, ctx) -> new Value.StrValue(get(args.positional().get(0)).name()));
        return m;
    }

    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
