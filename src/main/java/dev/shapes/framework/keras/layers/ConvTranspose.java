package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Conv1DTranspose/Conv2DTranspose/Conv3DTranspose(filters, kernel_size, strides=1, padding="valid")}
 * (keras/src/layers/convolutional/base_conv_transpose.py): each spatial size
 * becomes {@code n * stride + max(k - stride, 0)} ("valid") or {@code n * stride}
 * ("same") (keras/src/backend/common/backend_utils.py compute_conv_transpose_output_length).
 */
public final class ConvTranspose extends Layer {

    private final int rank;
    private final long filters;
    private final long[] kernel;
    private final long[] strides;
    private final long[] dilation;
    private final String padding;
    private final boolean channelsFirst;
    private final boolean useBias;
    private Dim channels;

    ConvTranspose(KerasRuntime keras, int rank, Arguments args) {
        this(keras, rank, Signature.of("Conv" + rank + "DTranspose", "filters", "kernel_size", "strides", "padding",
                        "output_padding", "data_format", "dilation_rate", "activation", "use_bias", "name", "**kwargs")
                .def("strides", 1).def("padding", "valid").noneDefaults("output_padding", "data_format", "activation",
                        "name").def("dilation_rate", 1).def("use_bias", true).bind(args));
    }

    private ConvTranspose(KerasRuntime keras, int rank, Bound b) {
        super(keras, "Conv" + rank + "DTranspose", b);
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
        this.padding = Conv.padding(b.get("padding"), false);
        this.channelsFirst = b.get("data_format") instanceof Value.StrValue s && s.value().equals("channels_first");
        this.useBias = b.bool("use_bias");
        Activations.get(b.get("activation"));
        this.inputSpec = InputSpec.minNdim(rank + 2);
        config.put("filters", new Value.IntValue(filters));
    }

    @Override
    protected void build(Shape inputShape, CallContext ctx) {
        channels = channelsFirst ? inputShape.dim(1) : inputShape.dim(inputShape.rank() - 1);
        inputSpec = InputSpec.minNdim(rank + 2).withAxis(channelsFirst ? 1 : -1, channels);
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        List<Dim> out = new ArrayList<>();
        Shape in = x.shape();
        out.add(in.dim(0));
        if (channelsFirst) {
            out.add(Dim.of(filters));
        }
        for (int i = 0; i < rank; i++) {
            Dim n = ctx.bindings().resolve(in.dim(channelsFirst ? 2 + i : 1 + i));
            long k = (kernel[i] - 1) * dilation[i] + 1;
            if (n instanceof Dim.Known known) {
                long length = padding.equals("valid") ? known.size() * strides[i] + Math.max(k - strides[i], 0)
                        : known.size() * strides[i];
                out.add(Dim.of(length));
            } else {
                out.add(Dim.UNKNOWN);
            }
        }
        if (!channelsFirst) {
            out.add(Dim.of(filters));
        }
        return Tensor.shapeOnly(DType.F32, new Shape(out));
    }

    @Override
    public long[] parameterCounts() {
        long in = channels == null ? 0 : channels.known().orElse(0);
        long k = 1;
        for (long v : kernel) {
            k *= v;
        }
        return new long[] {k * in * filters + (useBias ? filters : 0), 0};
    }
}
