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
 * {@code Dense(units, activation=None, use_bias=True, ...)} (keras/src/layers/core/dense.py):
 * input {@code (batch, ..., in)} of rank at least 2, output {@code (batch, ..., units)};
 * once built, the last axis must stay {@code in}.
 */
public final class Dense extends Layer {

    static final Signature SIGNATURE = Signature.of("Dense", "units", "activation", "use_bias", "kernel_initializer",
                    "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                    "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha", "name", "**kwargs")
            .noneDefaults("activation", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                    "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha", "name")
            .def("use_bias", true).def("kernel_initializer", "glorot_uniform").def("bias_initializer", "zeros");

    private final long units;
    private final boolean useBias;
    private final Activations.Activation activation;
    private Dim inputDim;

    Dense(KerasRuntime keras, Arguments args) {
        this(keras, SIGNATURE.bind(args));
    }

    private Dense(KerasRuntime keras, Bound b) {
        super(keras, "Dense", b);
        this.units = positive(b, "units", "units");
        this.useBias = b.bool("use_bias");
        this.activation = Activations.get(b.get("activation"));
        this.inputSpec = InputSpec.minNdim(2);
        config.put("units", new Value.IntValue(units));
        config.put("activation", new Value.StrValue(activation.name()));
        config.put("use_bias", new Value.BoolValue(useBias));
    }

    public Activations.Activation activation() {
        return activation;
    }

    @Override
    protected void build(Shape inputShape, CallContext ctx) {
        inputDim = inputShape.dim(inputShape.rank() - 1);
        inputSpec = InputSpec.minNdim(2).withAxis(-1, inputDim);
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return Tensor.shapeOnly(x.dtype().isFloating() ? x.dtype() : DType.F32,
                x.shape().with(x.rank() - 1, Dim.of(units)));
    }

    @Override
    public long[] parameterCounts() {
        long in = inputDim == null ? 0 : inputDim.known().orElse(0);
        return new long[] {in * units + (useBias ? units : 0), 0};
    }
}
