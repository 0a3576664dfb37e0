package dev.shapes.framework.keras.model;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keras.optimizers}: the optimizer classes and {@code optimizers.get}.
 * Keras 3 rejects keyword arguments it no longer has (notably {@code lr}:
 * {@code Argument(s) not recognized: {'lr': 0.01}},
 * keras/src/optimizers/base_optimizer.py) and ignores {@code decay} with a warning.
 */
public final class Optimizers {

    private Optimizers() {}

    static final List<String> CLASSES = List.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax",
            "Nadam", "Ftrl", "Lion", "Adafactor");

    private static final List<String> COMMON = List.of("learning_rate", "weight_decay", "clipnorm", "clipvalue",
            "global_clipnorm", "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
            "gradient_accumulation_steps", "name");

    private static final Map<String, List<String>> OWN = Map.ofEntries(
            Map.entry("SGD", List.of("momentum", "nesterov")),
            Map.entry("Adam", List.of("beta_1", "beta_2", "epsilon", "amsgrad")),
            Map.entry("AdamW", List.of("beta_1", "beta_2", "epsilon", "amsgrad")),
            Map.entry("RMSprop", List.of("rho", "momentum", "epsilon", "centered")),
            Map.entry("Adagrad", List.of("initial_accumulator_value", "epsilon")),
            Map.entry("Adadelta", List.of("rho", "epsilon")),
            Map.entry("Adamax", List.of("beta_1", "beta_2", "epsilon")),
            Map.entry("Nadam", List.of("beta_1", "beta_2", "epsilon")),
            Map.entry("Ftrl", List.of("learning_rate_power", "initial_accumulator_value",
                    "l1_regularization_strength", "l2_regularization_strength",
                    "l2_shrinkage_regularization_strength", "beta")),
            Map.entry("Lion", List.of("beta_1", "beta_2")),
            Map.entry("Adafactor", List.of("beta_2_decay", "epsilon_1", "epsilon_2", "clip_threshold",
                    "relative_step")));

    /** An optimizer instance; its settings are kept for display only. */
    public record Optimizer(String className, Map<String, Value> settings) implements Value.PyObject {
        @Override
        public String typeName() {
            return className;
        }

        @Override
        public String describe() {
            return "<keras.src.optimizers." + className.toLowerCase(java.util.Locale.ROOT) + "." + className
                    + " object>";
        }

        @Override
        public Optional<Value> attribute(String name, CallContext ctx) {
            return Optional.ofNullable(settings.get(name));
        }
    }

    static Value create(String cls, Arguments args, CallContext ctx, KerasRuntime keras) {
        Map<String, Value> settings = new LinkedHashMap<>();
        List<String> params = new java.util.ArrayList<>(List.of("learning_rate"));
        params.addAll(OWN.getOrDefault(cls, List.of()));
        for (int i = 0; i < args.positional().size() && i < params.size(); i++) {
            settings.put(params.get(i), args.positional().get(i));
        }
        Map<String, Value> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, Value> kw : args.keywords().entrySet()) {
            String k = kw.getKey();
            if (COMMON.contains(k) || OWN.getOrDefault(cls, List.of()).contains(k)) {
                settings.put(k, kw.getValue());
            } else if (k.equals("decay") && !keras.legacy()) {
                ctx.warn("Argument `decay` is no longer supported and will be ignored.");
            } else if (keras.legacy() && (k.equals("lr") || k.equals("decay"))) {
                settings.put(k.equals("lr") ? "learning_rate" : k, kw.getValue());
                if (k.equals("lr")) {
                    ctx.warn("The `lr` argument is deprecated, use `learning_rate` instead.");
                }
            } else {
                unknown.put(k, kw.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            Map<Value, Value> dict = new LinkedHashMap<>();
            unknown.forEach((k, v) -> dict.put(new Value.StrValue(k), v));
            throw new FrameworkException("ValueError", "Argument(s) not recognized: "
                    + Python.repr(new Value.DictValue(dict)));
        }
        return new Optimizer(cls, settings);
    }

    public static Module module(String qualifiedName, KerasRuntime keras) {
        Module m = new Module(qualifiedName);
        for (String cls : CLASSES) {
            m.function(cls, (args, ctx) -> create(cls, args, ctx, keras));
        }
        m.function("get", (args, ctx) -> get(args.positional().get(0), ctx, keras));
        return m;
    }

    /** {@code optimizers.get}: a string names a class (any case); instances pass through. */
    static Value get(Value identifier, CallContext ctx, KerasRuntime keras) {
        if (identifier instanceof Optimizer) {
            return identifier;
        }
        if (identifier instanceof Value.StrValue s) {
            for (String cls : CLASSES) {
                if (cls.equalsIgnoreCase(s.value())) {
                    return new Optimizer(cls, new LinkedHashMap<>());
                }
            }
        }
        throw new FrameworkException("ValueError", "Could not interpret optimizer identifier: "
                + (identifier instanceof Value.StrValue s ? s.value() : Python.repr(identifier)));
    }
}
