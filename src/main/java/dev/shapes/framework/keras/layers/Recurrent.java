package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;

/**
 * {@code LSTM}, {@code GRU}, {@code SimpleRNN(units, return_sequences=False, return_state=False, ...)}
 * (keras/src/layers/rnn/*.py): input {@code (batch, timesteps, features)}
 * (InputSpec ndim=3); output {@code (batch, units)}, or {@code (batch, timesteps, units)}
 * with {@code return_sequences=True}. With {@code return_state} the call returns
 * a list: the output, then the states.
 */
public final class Recurrent extends Layer {

    private final long units;
    private final boolean returnSequences;
    private final boolean returnState;
    private final boolean stateful;
    private Dim features;
    private Dim expectedBatch;

    Recurrent(KerasRuntime keras, String className, Arguments args) {
        this(keras, className, Signature.of(className, "units", "activation", "recurrent_activation", "use_bias",
                        "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias",
                        "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
                        "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
                        "recurrent_dropout", "seed", "return_sequences", "return_state", "go_backwards", "stateful",
                        "unroll", "reset_after", "use_cudnn", "name", "**kwargs")
                .def("activation", "tanh").def("recurrent_activation", "sigmoid").def("use_bias", true)
                .def("kernel_initializer", "glorot_uniform").def("recurrent_initializer", "orthogonal")
                .def("bias_initializer", "zeros").def("unit_forget_bias", true)
                .noneDefaults("kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                        "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "seed",
                        "name")
                .def("return_sequences", false).def("return_state", false).def("go_backwards", false)
                .def("stateful", false).def("dropout", 0.0).def("recurrent_dropout", 0.0).def("unroll", false)
                .def("reset_after", true).def("use_cudnn", "auto").bind(args));
    }

    private Recurrent(KerasRuntime keras, String className, Bound b) {
        super(keras, className, b);
        this.units = positive(b, "units", "units");
        this.returnSequences = b.bool("return_sequences");
        this.returnState = b.bool("return_state");
        this.stateful = b.bool("stateful");
        Activations.get(b.get("activation"));
        this.inputSpec = InputSpec.ndim(3);
        config.put("units", new Value.IntValue(units));
        config.put("return_sequences", new Value.BoolValue(returnSequences));
        config.put("return_state", new Value.BoolValue(returnState));
    }

    public int stateCount() {
        return className.equals("LSTM") ? 2 : 1;
    }

    @Override
    protected void build(Shape inputShape, CallContext ctx) {
        features = inputShape.dim(2);
        if (stateful) {
            Dim batch = ctx.bindings().resolve(inputShape.dim(0));
            if (batch instanceof Dim.Unknown) {
                throw new dev.shapes.eval.FrameworkException("ValueError", "When using `stateful=True` in a RNN, the "
                        + "batch size must be static. Found dynamic batch size: sequence.shape="
                        + shapeText(inputShape));
            }
            expectedBatch = batch;
        }
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        if (stateful && expectedBatch != null) {
            Dim actual = ctx.bindings().resolve(x.shape().dim(0));
            if (!(actual instanceof Dim.Unknown) && !ctx.bindings().sameOrUndecided(actual, expectedBatch)) {
                throw new dev.shapes.eval.FrameworkException("ValueError", "If an RNN is stateful, the batch size of "
                        + "the input sequences must be the same as the batch size of the initial state. \n"
                        + "- Expected batch size: " + expectedBatch + "\n- Received batch size: " + actual);
            }
        }
        Shape out = returnSequences ? Shape.of(x.shape().dim(0), x.shape().dim(1), Dim.of(units))
                : Shape.of(x.shape().dim(0), Dim.of(units));
        return Tensor.shapeOnly(DType.F32, out);
    }

    /** The states a {@code return_state=True} call returns after the output. */
    public Tensor state(Tensor x) {
        return Tensor.shapeOnly(DType.F32, Shape.of(x.shape().dim(0), Dim.of(units)));
    }

    @Override
    public Value apply(Value input, CallContext ctx) {
        Value output = super.apply(input, ctx);
        if (!returnState) {
            return output;
        }
        java.util.List<Value> items = new java.util.ArrayList<>();
        items.add(output);
        Tensor x = ((Value.TensorValue) output).tensor();
        for (int i = 0; i < stateCount(); i++) {
            items.add(ctx.wrap(Tensor.shapeOnly(DType.F32, Shape.of(x.shape().dim(0), Dim.of(units)))));
        }
        return new Value.ListValue(items);
    }

    @Override
    public long[] parameterCounts() {
        long in = features == null ? 0 : features.known().orElse(0);
        long base = units * (in + units);
        return switch (className) {
            case "LSTM" -> new long[] {4 * (base + units), 0};
            case "GRU" -> new long[] {3 * (base + 2 * units), 0};
            default -> new long[] {base + units, 0};
        };
    }
}
