package dev.shapes.framework.keras.loss;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Keras loss Shapes models, the {@code keras.losses} namespace built
 * from them, and {@code losses.get}: what a loss given to {@code compile}
 * (a string, a class, an instance or a function) resolves to.
 */
public final class Losses {

    private Losses() {}

    public static final List<KerasLoss> ALL = List.of(new SparseCategoricalCrossentropy(),
            new CategoricalCrossentropy(), new BinaryCrossentropy(), new BinaryFocalCrossentropy(),
            new MeanSquaredError(), new MeanAbsoluteError(), new Huber(), new KLDivergence(),
            new MeanAbsolutePercentageError(), new MeanSquaredLogarithmicError(), new Hinge(), new Poisson());

    /** A class of the loss module: calling it makes a {@link LossObject}. */
    public static final class LossClass implements Value.PyObject {
        private final KerasLoss loss;
        private final KerasVersion version;
        private final String qualifiedName;

        LossClass(KerasLoss loss, KerasVersion version, String module) {
            this.loss = loss;
            this.version = version;
            this.qualifiedName = module + "." + loss.className();
        }

        public KerasLoss loss() {
            return loss;
        }

        @Override
        public Value call(dev.shapes.eval.Arguments args, CallContext ctx) {
            return new LossObject(loss, loss.classSignature().bind(args), version);
        }

        @Override
        public boolean isCallable() {
            return true;
        }

        @Override
        public String typeName() {
            return "type";
        }

        @Override
        public String describe() {
            return "<class '" + qualifiedName + "'>\n" + loss.doc();
        }
    }

    /** A loss function of the module, remembered so compile can wrap it. */
    public static final class LossFunction implements Value.PyObject {
        private final KerasLoss loss;
        private final Function function;

        LossFunction(KerasLoss loss, KerasVersion version, String module) {
            this.loss = loss;
            this.function = new Function(module + "." + loss.functionName(),
                    (args, ctx) -> loss.callFunction(args, ctx, version), loss.doc());
        }

        public KerasLoss loss() {
            return loss;
        }

        @Override
        public Value call(dev.shapes.eval.Arguments args, CallContext ctx) {
            return function.call(args, ctx);
        }

        @Override
        public boolean isCallable() {
            return true;
        }

        @Override
        public String typeName() {
            return "function";
        }

        @Override
        public String describe() {
            return function.describe();
        }
    }

    public static Module module(String qualifiedName, KerasVersion version) {
        Module losses = new Module(qualifiedName);
        for (KerasLoss loss : ALL) {
            losses.put(loss.className(), new LossClass(loss, version, qualifiedName));
            LossFunction fn = new LossFunction(loss, version, qualifiedName);
            losses.put(loss.functionName(), fn);
            for (String alias : loss.aliases()) {
                losses.put(alias, fn);
            }
        }
        losses.put("kullback_leibler_divergence", losses.member("kl_divergence").orElseThrow());
        losses.function("get", (args, ctx) -> {
            Value id = args.positional().isEmpty() ? Value.NONE : args.positional().get(0);
            return resolve(id, "loss", losses, version).map(o -> (Value) o).orElse(Value.NONE);
        });
        return losses;
    }

    /**
     * {@code losses.get(identifier)} as compile uses it: a string names a
     * function (or class), a class is instantiated, an instance is kept, a
     * function is wrapped (LossFunctionWrapper) under its name.
     */
    public static Optional<LossObject> resolve(Value identifier, String what, Module losses, KerasVersion version) {
        if (identifier instanceof Value.NoneValue) {
            return Optional.empty();
        }
        if (identifier instanceof LossObject o) {
            return Optional.of(o);
        }
        if (identifier instanceof LossClass c) {
            return Optional.of((LossObject) c.call(dev.shapes.eval.Arguments.of(), null));
        }
        if (identifier instanceof LossFunction f) {
            return Optional.of(LossObject.wrapping(f.loss(), f.loss().functionName(), version));
        }
        if (identifier instanceof Value.StrValue s) {
            Optional<Value> member = losses.member(s.value());
            if (member.isPresent() && member.get() instanceof LossFunction f) {
                return Optional.of(LossObject.wrapping(f.loss(), s.value(), version));
            }
            if (member.isPresent() && member.get() instanceof LossClass c) {
                return Optional.of((LossObject) c.call(dev.shapes.eval.Arguments.of(), null));
            }
        }
        throw new FrameworkException("ValueError", "Could not interpret " + what + " identifier: "
                + (identifier instanceof Value.StrValue s ? s.value() : Python.repr(identifier)));
    }

    /** The string names compile accepts, for suggestions. */
    public static Map<String, KerasLoss> names() {
        Map<String, KerasLoss> out = new LinkedHashMap<>();
        for (KerasLoss loss : ALL) {
            out.put(loss.functionName(), loss);
            out.put(loss.className(), loss);
            loss.aliases().forEach(a -> out.put(a, loss));
        }
        return out;
    }
}
