package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code MaxPooling1D/2D/3D} and {@code AveragePooling1D/2D/3D(pool_size, strides=None, padding="valid")}
 * (keras/src/layers/pooling/base_pooling.py): input of exactly rank
 * {@code dims + 2}; strides default to the pool size; the output size of each
 * spatial axis must be positive (compute_pooling_output_shape).
 */
public final class Pooling extends Layer {

    private final int dims;
    private final long[] pool;
    private final long[] strides;
    private final String padding;
    private final boolean channelsFirst;

    static Signature signature(String name) {
        return Signature.of(name, "pool_size", "strides", "padding", "data_format", "name", "**kwargs")
                .noneDefaults("strides", "data_format", "name").def("padding", "valid");
    }

    Pooling(KerasRuntime keras, String className, int dims, boolean average, Arguments args) {
        this(keras, className, dims, average, withDefaultPool(signature(className), dims).bind(args));
    }

    private static Signature withDefaultPool(Signature s, int dims) {
        List<Value> two = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            two.add(new Value.IntValue(2));
        }
        return s.def("pool_size", dims == 1 ? new Value.IntValue(2) : new Value.TupleValue(two));
    }

    private Pooling(KerasRuntime keras, String className, int dims, boolean average, Bound b) {
        super(keras, className, b);
        this.dims = dims;
        this.pool = tuple(b.get("pool_size"), dims, "pool_size");
        this.strides = b.isNone("strides") ? pool : tuple(b.get("strides"), dims, "strides", true);
        this.padding = Conv.padding(b.get("padding"), false);
        this.channelsFirst = b.get("data_format") instanceof Value.StrValue s && s.value().equals("channels_first");
        this.inputSpec = InputSpec.ndim(dims + 2);
        config.put("pool_size", Conv.tupleValue(pool));
        config.put("strides", Conv.tupleValue(strides));
        config.put("padding", new Value.StrValue(padding));
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return Tensor.shapeOnly(x.dtype(), outputShape(x.shape(), ctx));
    }

    @Override
    public Shape outputShape(Shape input, CallContext ctx) {
        List<Dim> out = new ArrayList<>();
        out.add(input.dim(0));
        if (channelsFirst) {
            out.add(input.dim(1));
        }
        for (int i = 0; i < dims; i++) {
            Dim n = ctx.bindings().resolve(input.dim(channelsFirst ? 2 + i : 1 + i));
            if (!(n instanceof Dim.Known k)) {
                out.add(n instanceof Dim.Unknown ? Dim.UNKNOWN : n);
                continue;
            }
            if (strides[i] == 0) {
                // numpy divides by zero and int() refuses the infinity
                throw new FrameworkException("OverflowError", "cannot convert float infinity to integer");
            }
            long size = padding.equals("valid") ? Math.floorDiv(k.size() - pool[i], strides[i]) + 1
                    : Math.floorDiv(k.size() - 1, strides[i]) + 1;
            if (size <= 0) {
                throw new FrameworkException("ValueError", "Computed output size would be zero or negative. Received: "
                        + "`inputs.shape=" + numpyShape(input) + "`, `pool_size=" + TfText.numpyVector(pool)
                        + "`, `strides=" + TfText.intTuple(strides) + "`, `padding=" + padding + "`.");
            }
            out.add(Dim.of(size));
        }
        if (!channelsFirst) {
            out.add(input.dim(input.rank() - 1));
        }
        return new Shape(out);
    }

    /** {@code np.array(input_shape)} as printed: {@code [None 3 4 1]}. */
    private static String numpyShape(Shape s) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < s.rank(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(TfText.dim(s.dim(i)));
        }
        return out.append(']').toString();
    }
}
