package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasVersion;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Keras loss in both spellings: the function
 * ({@code keras.losses.sparse_categorical_crossentropy(y_true, y_pred, ...)},
 * per-sample values) and the class
 * ({@code keras.losses.SparseCategoricalCrossentropy(...)(y_true, y_pred)},
 * reduced). Each subclass states its signatures, its string names and the
 * function's body; the class path (convert to float32, squeeze or expand to
 * the same rank, reduce) is shared here (keras/src/losses/loss.py, losses.py).
 */
public abstract class KerasLoss {

    /** {@code SparseCategoricalCrossentropy}. */
    public abstract String className();

    /** {@code sparse_categorical_crossentropy}. */
    public abstract String functionName();

    /** The class's default {@code name} (the name scope inside {@code fit}). */
    public String defaultName() {
        return functionName();
    }

    /** Other strings {@code compile(loss=...)} and {@code losses.get} accept, e.g. {@code mse}. */
    public List<String> aliases() {
        return List.of();
    }

    /** The function: {@code (y_true, y_pred, <options>)}. */
    public abstract Signature functionSignature();

    /** The class constructor: the options plus {@code reduction}, {@code name}, {@code dtype}. */
    public abstract Signature classSignature();

    /** Accepted shapes, dtypes and options, shown on inspection. */
    public abstract String doc();

    /**
     * The function's body after binding: {@code yTrue}/{@code yPred} are as
     * passed (the function converts them itself), {@code options} holds the
     * function's keyword values.
     */
    public abstract Tensor compute(Tensor yTrue, Tensor yPred, Bound options, LossContext lc);

    /** The option names the class forwards to the function. */
    public List<String> forwardedOptions() {
        List<String> params = new ArrayList<>(functionSignature().parameters());
        params.removeAll(List.of("y_true", "y_pred"));
        return params;
    }

    /** {@code keras.losses.<function>(y_true, y_pred, ...)}. */
    public Value callFunction(Arguments args, CallContext ctx, KerasVersion version) {
        Bound b = functionSignature().bind(args);
        Tensor yTrue = tensor(b.get("y_true"), "y_true");
        Tensor yPred = tensor(b.get("y_pred"), "y_pred");
        return ctx.wrap(compute(yTrue, yPred, b, LossContext.eager(ctx, version)));
    }

    /** The per-sample values of the class path (before reduction), given the constructor's options. */
    public Tensor classValues(Tensor yTrue, Tensor yPred, Bound ctorOptions, LossContext lc) {
        DType dtype = DType.F32;
        Tensor t = yTrue;
        Tensor p = yPred;
        if (!lc.version().isLegacy()) {
            t = LossMath.cast(t, dtype);
            p = LossMath.cast(p, dtype);
            List<Tensor> same = LossMath.squeezeOrExpand(t, p, lc);
            t = same.get(0);
            p = same.get(1);
        } else {
            List<Tensor> same = LossMath.squeezeLegacy(t, p, lc);
            t = same.get(0);
            p = same.get(1);
        }
        return compute(t, p, functionOptions(ctorOptions), lc);
    }

    /** The constructor's options re-bound as the function's keyword arguments. */
    Bound functionOptions(Bound ctor) {
        java.util.Map<String, Value> keywords = new java.util.LinkedHashMap<>();
        for (String option : forwardedOptions()) {
            if (ctor.values().containsKey(option)) {
                keywords.put(option, ctor.get(option));
            }
        }
        Signature fn = functionSignature();
        java.util.Map<String, Value> values = new java.util.LinkedHashMap<>(fn.defaults());
        values.putAll(keywords);
        java.util.Map<String, dev.shapes.lang.Span> spans = new java.util.LinkedHashMap<>();
        for (String k : keywords.keySet()) {
            if (ctor.spans().containsKey(k)) {
                spans.put(k, ctor.spans().get(k));
            }
        }
        return new Bound(fn.name(), values, spans, java.util.Map.of(), List.of(), java.util.Map.of(), ctor.callSpan());
    }

    /** A loss argument as a tensor: arrays and tensors as they are, Python numbers and lists converted. */
    public static Tensor tensor(Value v, String param) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        Optional<Python.Nested> nested = Python.nested(v);
        if (nested.isPresent()) {
            Python.Nested n = nested.get();
            DType dtype = n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F32 : DType.I32;
            return Tensor.of(dtype, n.shape(), n.values());
        }
        throw new FrameworkException("ValueError", "Attempt to convert a value (" + Python.repr(v)
                + ") with an unsupported type (" + "<class '" + v.typeName() + "'>) to a Tensor.");
    }

    /** A boolean option. */
    static boolean flag(Bound b, String name) {
        return b.bool(name);
    }

    /** An {@code axis} option, refusing bools as Keras does. */
    static int axis(Bound b) {
        Value v = b.get("axis");
        if (v instanceof Value.BoolValue bool) {
            throw new FrameworkException("ValueError", "`axis` must be of type `int`. Received: axis="
                    + (bool.value() ? "True" : "False") + " of type <class 'bool'>");
        }
        return (int) b.integer("axis");
    }
}
