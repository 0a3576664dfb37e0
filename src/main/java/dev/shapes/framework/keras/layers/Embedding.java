package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TfErrors;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Tensor;

/**
 * {@code Embedding(input_dim, output_dim, ...)} (keras/src/layers/core/embedding.py):
 * integer ids of any shape to {@code shape + (output_dim,)}. Ids outside
 * {@code [0, input_dim)} fail in TF's gather on CPU
 * ({@code indices[i,j] = v is not in [0, input_dim)}), which Shapes checks when
 * the ids are known.
 */
public final class Embedding extends Layer {

    private final long inputDim;
    private final long outputDim;

    Embedding(KerasRuntime keras, Arguments args, CallContext ctx) {
        this(keras, Signature.of("Embedding", "input_dim", "output_dim", "embeddings_initializer",
                        "embeddings_regularizer", "embeddings_constraint", "mask_zero", "weights", "lora_rank",
                        "lora_alpha", "name", "**kwargs").def("embeddings_initializer", "uniform")
                .noneDefaults("embeddings_regularizer", "embeddings_constraint", "weights", "lora_rank", "lora_alpha",
                        "name").def("mask_zero", false).bind(withoutInputLength(args, ctx, keras)));
    }

    private static Arguments withoutInputLength(Arguments args, CallContext ctx, KerasRuntime keras) {
        if (!args.keywords().containsKey("input_length")) {
            return args;
        }
        java.util.Map<String, Value> kw = new java.util.LinkedHashMap<>(args.keywords());
        Value length = kw.remove("input_length");
        if (!keras.legacy()) {
            ctx.warn("Argument `input_length` is deprecated. Just remove it.");
        } else if (length instanceof Value.IntValue n) {
            kw.put("input_shape", new Value.TupleValue(java.util.List.of(n)));
        }
        return new Arguments(args.positional(), kw, args.positionalSpans(), args.keywordSpans(),
                args.positionalSources(), args.keywordSources(), args.callSpan());
    }

    private Embedding(KerasRuntime keras, Bound b) {
        super(keras, "Embedding", b);
        this.inputDim = check(b, "input_dim");
        this.outputDim = check(b, "output_dim");
        this.built = false;
        config.put("input_dim", new Value.IntValue(inputDim));
        config.put("output_dim", new Value.IntValue(outputDim));
    }

    private static long check(Bound b, String param) {
        Value v = b.get(param);
        if (!(v instanceof Value.IntValue i) || i.value() <= 0) {
            throw new FrameworkException("ValueError", "`" + param + "` must be a positive integer. Received: "
                    + param + "=" + Python.repr(v) + " (of type " + v.typeName() + ").");
        }
        return i.value();
    }

    @Override
    protected Tensor convertInput(Tensor x) {
        return x;
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        if (x.hasValues() && x.shape().isFullyKnown()) {
            double[] ids = x.data();
            long[] sizes = x.shape().sizes();
            for (int i = 0; i < ids.length; i++) {
                long id = (long) ids[i];
                if (id < 0 || id >= inputDim) {
                    StringBuilder at = new StringBuilder();
                    long rest = i;
                    long[] index = new long[sizes.length];
                    for (int d = sizes.length - 1; d >= 0; d--) {
                        index[d] = rest % sizes[d];
                        rest /= sizes[d];
                    }
                    for (int d = 0; d < index.length; d++) {
                        at.append(d == 0 ? "" : ",").append(index[d]);
                    }
                    throw TfErrors.eager("GatherV2", "indices[" + at + "] = " + id + " is not in [0, " + inputDim
                            + ")", true);
                }
            }
        }
        return Tensor.shapeOnly(DType.F32, x.shape().append(Dim.of(outputDim)));
    }

    @Override
    public long[] parameterCounts() {
        return new long[] {inputDim * outputDim, 0};
    }
}
