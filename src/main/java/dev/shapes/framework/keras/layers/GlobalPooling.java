package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Tensor;

/**
 * {@code GlobalAveragePooling1D/2D/3D} and {@code GlobalMaxPooling1D/2D/3D(data_format=None, keepdims=False)}
 * (keras/src/layers/pooling/base_global_pooling.py): input of rank
 * {@code dims + 2}, output {@code (batch, channels)} (spatial axes kept as 1 with keepdims).
 */
public final class GlobalPooling extends Layer {

    private final int dims;
    private final boolean average;
    private final boolean keepdims;
    private final boolean channelsFirst;

    GlobalPooling(KerasRuntime keras, String className, int dims, boolean average, Arguments args) {
        this(keras, className, dims, average, Signature.of(className, "data_format", "keepdims", "name", "**kwargs")
                .noneDefaults("data_format", "name").def("keepdims", false).bind(args));
    }

    private GlobalPooling(KerasRuntime keras, String className, int dims, boolean average, Bound b) {
        super(keras, className, b);
        this.dims = dims;
        this.average = average;
        this.keepdims = b.bool("keepdims");
        this.channelsFirst = b.get("data_format") instanceof Value.StrValue s && s.value().equals("channels_first");
        this.inputSpec = InputSpec.ndim(dims + 2);
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        int first = channelsFirst ? 2 : 1;
        Tensor out = x;
        for (int i = first + dims - 1; i >= first; i--) {
            out = TensorMath.reduce(out, i, keepdims, average ? Kernels.Reduction.MEAN : Kernels.Reduction.MAX,
                    x.dtype());
        }
        return out;
    }
}
