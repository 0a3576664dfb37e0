package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Conv1D/Conv2D/Conv3D(filters, kernel_size, strides=1, padding="valid",
 * data_format=None, dilation_rate=1, groups=1, activation=None, ...)}
 * (keras/src/layers/convolutional/base_conv.py): input of rank at least
 * {@code rank + 2}, channels last by default; the output size of each
 * spatial axis is {@code floor((n - dilation*(k-1) - 1) / stride) + 1} ("valid")
 * or {@code floor((n - 1) / stride) + 1} ("same"), and must be positive
 * (keras/src/ops/operation_utils.py compute_conv_output_shape).
 */
public final class Conv extends Layer {

    private final int rank;
    private final long filters;
    private final long[] kernel;
    private final long[] strides;
    private final long[] dilation;
    private final long groups;
    private final String padding;
    private final boolean channelsFirst;
    private final boolean useBias;
    private Dim channels;

    static Signature signature(int rank) {
        return Signature.of("Conv" + rank + "D", "filters", "kernel_size", "strides", "padding", "data_format",
                        "dilation_rate", "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                        "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                        "bias_constraint", "name", "**kwargs")
                .def("strides", 1).def("padding", "valid").noneDefaults("data_format").def("dilation_rate", 1)
                .def("groups", 1).noneDefaults("activation").def("use_bias", true)
                .def("kernel_initializer", "glorot_uniform").def("bias_initializer", "zeros")
                .noneDefaults("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                        "bias_constraint", "name");
    }

    Conv(KerasRuntime keras, int rank, Arguments args) {
        this(keras, rank, signature(rank).bind(args));
    }

    private Conv(KerasRuntime keras, int rank, Bound b) {
        super(keras, "Conv" + rank + "D", b);
        this.rank = rank;
        Value f = b.get("filters");
        if (!(f instanceof Value.IntValue fi) || fi.value() <= 0) {
            throw new FrameworkException("ValueError", "Invalid value for argument `filters`. Expected a strictly "
                    + "positive value. Received filters=" + dev.shapes.eval.Python.repr(f) + ".");
        }
        this.filters = fi.value();
        this.kernel = tuple(b.get("kernel_size"), rank, "kernel_size");
        this.strides = tuple(b.get("strides"), rank, "strides");
        this.dilation = tuple(b.get("dilation_rate"), rank, "dilation_rate");
        this.groups = b.integer("groups");
        this.padding = padding(b.get("padding"), rank == 1);
        this.channelsFirst = b.get("data_format") instanceof Value.StrValue s && s.value().equals("channels_first");
        this.useBias = b.bool("use_bias");
        Activations.Activation act = Activations.get(b.get("activation"));
        if (filters % groups != 0) {
            throw new FrameworkException("ValueError", "The number of filters must be evenly divisible by the number "
                    + "of groups. Received: groups=" + groups + ", filters=" + filters + ".");
        }
        this.inputSpec = InputSpec.minNdim(rank + 2);
        config.put("filters", new Value.IntValue(filters));
        config.put("kernel_size", tupleValue(kernel));
        config.put("strides", tupleValue(strides));
        config.put("padding", new Value.StrValue(padding));
        config.put("activation", new Value.StrValue(act.name()));
    }

    static Value tupleValue(long[] values) {
        List<Value> items = new ArrayList<>();
        for (long v : values) {
            items.add(new Value.IntValue(v));
        }
        return new Value.TupleValue(items);
    }

    /** {@code standardize_padding}. */
    static String padding(Value v, boolean allowCausal) {
        String p = v instanceof Value.StrValue s ? s.value().toLowerCase(java.util.Locale.ROOT) : "";
        if (p.equals("valid") || p.equals("same") || (allowCausal && p.equals("causal"))) {
            return p;
        }
        // The allowed values print as a Python set, whose order varies between processes.
        throw new FrameworkException("ValueError", "The `padding` argument must be a list/tuple or one of "
                + (allowCausal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}") + ". Received: " + p);
    }

    @Override
    protected void build(Shape inputShape, CallContext ctx) {
        channels = channelsFirst ? inputShape.dim(1) : inputShape.dim(inputShape.rank() - 1);
        inputSpec = InputSpec.minNdim(rank + 2).withAxis(channelsFirst ? 1 : -1, channels);
        Dim c = ctx.bindings().resolve(channels);
        if (c instanceof Dim.Known k && k.size() % groups != 0) {
            throw new FrameworkException("ValueError", "The number of input channels must be evenly divisible by the "
                    + "number of groups. Received groups=" + groups + ", but the input has " + k.size()
                    + " channels (full input shape is " + shapeText(inputShape) + ").");
        }
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return Tensor.shapeOnly(x.dtype().isFloating() ? x.dtype() : DType.F32, outputShape(x.shape(), ctx));
    }

    @Override
    public Shape outputShape(Shape input, CallContext ctx) {
        Dim in = channelsFirst ? input.dim(1) : input.dim(input.rank() - 1);
        long[] kernelShape = new long[rank + 2];
        System.arraycopy(kernel, 0, kernelShape, 0, rank);
        String kernelText = kernelText(in);
        if (input.rank() != rank + 2) {
            throw new FrameworkException("ValueError", "Kernel shape must have the same length as input, but received "
                    + "kernel of shape " + kernelText + " and input of shape " + shapeText(input) + ".");
        }
        List<Dim> out = new ArrayList<>();
        out.add(input.dim(0));
        if (channelsFirst) {
            out.add(Dim.of(filters));
        }
        for (int i = 0; i < rank; i++) {
            Dim n = ctx.bindings().resolve(input.dim(channelsFirst ? 2 + i : 1 + i));
            if (!(n instanceof Dim.Known k)) {
                out.add(n instanceof Dim.Unknown ? Dim.UNKNOWN : n);
                continue;
            }
            long size;
            if (padding.equals("valid")) {
                size = Math.floorDiv(k.size() - dilation[i] * (kernel[i] - 1) - 1, strides[i]) + 1;
                if (size <= 0) {
                    throw new FrameworkException("ValueError", "Computed output size would be zero or negative. "
                            + "Received `inputs shape=" + shapeText(input) + "`, `kernel shape=" + kernelText
                            + "`, `dilation_rate=" + TfText.numpyVector(dilation) + "`, `strides="
                            + TfText.intTuple(strides) + "`, `padding=" + padding + "`.");
                }
            } else {
                size = Math.floorDiv(k.size() - 1, strides[i]) + 1;
            }
            out.add(Dim.of(size));
        }
        if (!channelsFirst) {
            out.add(Dim.of(filters));
        }
        return new Shape(out);
    }

    private String kernelText(Dim in) {
        StringBuilder s = new StringBuilder("(");
        for (long k : kernel) {
            s.append(k).append(", ");
        }
        return s.append(TfText.dim(in)).append(", ").append(filters).append(')').toString();
    }

    @Override
    public long[] parameterCounts() {
        long in = channels == null ? 0 : channels.known().orElse(0);
        long k = 1;
        for (long v : kernel) {
            k *= v;
        }
        return new long[] {k * (in / groups) * filters + (useBias ? filters : 0), 0};
    }
}
