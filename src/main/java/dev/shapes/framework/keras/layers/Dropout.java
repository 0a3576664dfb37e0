package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.tensor.Tensor;

/**
 * {@code Dropout(rate)}, {@code SpatialDropout1D/2D/3D(rate)}, {@code GaussianNoise(stddev)},
 * {@code GaussianDropout(rate)}: the identity outside training (so values pass
 * through a direct call); the spatial variants need rank {@code dims + 2}.
 */
public final class Dropout extends Layer {

    Dropout(KerasRuntime keras, String className, int spatialDims, Arguments args) {
        this(keras, className, spatialDims, Signature.of(className, className.equals("GaussianNoise") ? "stddev"
                : "rate", "noise_shape", "seed", "name", "**kwargs").noneDefaults("noise_shape", "seed", "name")
                .bind(args));
    }

    private Dropout(KerasRuntime keras, String className, int spatialDims, Bound b) {
        super(keras, className, b);
        String param = className.equals("GaussianNoise") ? "stddev" : "rate";
        Value rate = b.get(param);
        double r = Python.isNumber(rate) ? Python.toDouble(rate) : Double.NaN;
        if (param.equals("rate") && !(r >= 0 && r <= 1)) {
            throw new FrameworkException("ValueError", "Invalid value received for argument `rate`. Expected a float "
                    + "value between 0 and 1. Received: rate=" + Python.repr(rate));
        }
        if (spatialDims > 0) {
            this.inputSpec = InputSpec.ndim(spatialDims + 2);
        }
        this.built = true;
        config.put(param, rate);
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return x;
    }
}
