package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Signature;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;

/**
 * {@code Flatten(data_format=None)} (keras/src/layers/reshaping/flatten.py):
 * {@code (batch, d1, ..., dn)} to {@code (batch, d1*...*dn)}; the size is None
 * when any axis is. Values are kept.
 */
public final class Flatten extends Layer {

    Flatten(KerasRuntime keras, Arguments args) {
        this(keras, Signature.of("Flatten", "data_format", "name", "**kwargs").noneDefaults("data_format", "name")
                .bind(args));
    }

    private Flatten(KerasRuntime keras, Bound b) {
        super(keras, "Flatten", b);
        this.inputSpec = InputSpec.minNdim(1);
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        Dim flat = Dim.of(1);
        for (int i = 1; i < x.rank(); i++) {
            Dim d = x.shape().dim(i);
            flat = d instanceof Dim.Unknown ? Dim.UNKNOWN : flat.times(d);
            if (flat instanceof Dim.Unknown) {
                break;
            }
        }
        return TensorMath.reshape(x, Shape.of(x.shape().dim(0), flat));
    }
}
