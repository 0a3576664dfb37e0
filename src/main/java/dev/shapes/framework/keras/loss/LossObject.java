package dev.shapes.framework.keras.loss;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasVersion;
import dev.shapes.framework.tf.TfOps;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * An instance of a Keras loss class, e.g. {@code SparseCategoricalCrossentropy(from_logits=True)}:
 * its constructor options and reduction; calling it runs
 * {@code Loss.__call__} (convert to float32, squeeze or expand to the same
 * rank, the loss function, sample weights, reduction).
 */
public final class LossObject implements Value.PyObject {

    private final KerasLoss loss;
    private final Bound options;
    private final Reduction reduction;
    private final String name;
    private final KerasVersion version;

    public LossObject(KerasLoss loss, Bound options, KerasVersion version) {
        this.loss = loss;
        this.options = options;
        this.version = version;
        this.reduction = Reduction.of(options.get("reduction"), version);
        Value n = options.get("name");
        this.name = n instanceof Value.StrValue s ? s.value() : loss.defaultName();
    }

    /** A function wrapped as {@code LossFunctionWrapper} (what compile does with a loss string). */
    public static LossObject wrapping(KerasLoss loss, String name, KerasVersion version) {
        Bound b = loss.classSignature().bind(Arguments.of(List.of(), java.util.Map.of()));
        java.util.Map<String, Value> values = new java.util.LinkedHashMap<>(b.values());
        values.put("name", new Value.StrValue(name));
        return new LossObject(loss, new Bound(b.function(), values, b.spans(), b.sources(), List.of(),
                java.util.Map.of(), b.callSpan()), version);
    }

    public KerasLoss loss() {
        return loss;
    }

    public String name() {
        return name;
    }

    public Bound options() {
        return options;
    }

    @Override
    public Value call(Arguments args, CallContext ctx) {
        Bound b = Signature.of("__call__", "y_true", "y_pred", "sample_weight").noneDefaults("sample_weight")
                .bind(args);
        Tensor yTrue = KerasLoss.tensor(b.get("y_true"), "y_true");
        Tensor yPred = KerasLoss.tensor(b.get("y_pred"), "y_pred");
        Optional<Tensor> weight = b.isNone("sample_weight") ? Optional.empty()
                : Optional.of(KerasLoss.tensor(b.get("sample_weight"), "sample_weight"));
        return ctx.wrap(compute(yTrue, yPred, weight, LossContext.eager(ctx, version)));
    }

    /** {@code Loss.__call__}: the reduced loss of one batch. */
    public Tensor compute(Tensor yTrue, Tensor yPred, Optional<Tensor> sampleWeight, LossContext lc) {
        LossContext named = lc.named(name);
        Tensor values = loss.classValues(yTrue, yPred, options, named);
        if (sampleWeight.isPresent()) {
            Tensor w = LossMath.cast(sampleWeight.get(), values.dtype());
            List<Tensor> same = LossMath.squeezeOrExpand(values, w, named);
            values = LossMath.mul(same.get(0), same.get(1), named);
            sampleWeight = Optional.of(same.get(1));
        }
        if (values.dtype() != DType.F32 && !version.isLegacy()) {
            values = TfOps.cast(values, DType.F32);
        }
        return reduction.apply(values, sampleWeight);
    }

    @Override
    public Optional<Value> attribute(String attr, CallContext ctx) {
        return switch (attr) {
            case "name" -> Optional.of(new Value.StrValue(name));
            case "reduction" -> Optional.of(options.get("reduction"));
            case "call" -> Optional.of(new dev.shapes.eval.Function(loss.className() + ".call", (args, c) -> {
                Bound b = Signature.of("call", "y_true", "y_pred").bind(args);
                return c.wrap(loss.classValues(KerasLoss.tensor(b.get("y_true"), "y_true"),
                        KerasLoss.tensor(b.get("y_pred"), "y_pred"), options, LossContext.eager(c, version)));
            }));
            default -> options.values().containsKey(attr) ? Optional.of(options.get(attr)) : Optional.empty();
        };
    }

    @Override
    public List<String> attributeNames() {
        List<String> names = new java.util.ArrayList<>(List.of("name", "reduction", "call"));
        names.addAll(loss.forwardedOptions());
        return names;
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public String typeName() {
        return loss.className();
    }

    @Override
    public String describe() {
        return "<" + loss.className() + " name=" + name + ", reduction=" + Python.repr(options.get("reduction")) + ">";
    }
}
