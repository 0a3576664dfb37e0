package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Signature;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;

/**
 * {@code BatchNormalization(axis=-1)} and {@code LayerNormalization(axis=-1)}
 * (keras/src/layers/normalization/*.py): the output has the input's shape;
 * building fixes the rank and the size of {@code axis}. Learned statistics
 * make values unknown.
 */
public final class Normalization extends Layer {

    private final int axis;
    private Dim size;

    Normalization(KerasRuntime keras, String className, Arguments args) {
        this(keras, className, Signature.of(className, "axis", "momentum", "epsilon", "center", "scale",
                        "beta_initializer", "gamma_initializer", "moving_mean_initializer",
                        "moving_variance_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
                        "gamma_constraint", "synchronized", "rms_scaling", "name", "**kwargs")
                .def("axis", -1).def("momentum", 0.99).def("epsilon", 0.001).def("center", true).def("scale", true)
                .def("beta_initializer", "zeros").def("gamma_initializer", "ones")
                .def("moving_mean_initializer", "zeros").def("moving_variance_initializer", "ones")
                .noneDefaults("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "name")
                .def("synchronized", false).def("rms_scaling", false).bind(args));
    }

    private Normalization(KerasRuntime keras, String className, Bound b) {
        super(keras, className, b);
        this.axis = (int) b.integer("axis");
    }

    @Override
    protected void build(Shape inputShape, CallContext ctx) {
        int a = axis < 0 ? axis + inputShape.rank() : axis;
        size = inputShape.dim(Math.max(0, Math.min(a, inputShape.rank() - 1)));
        inputSpec = className.equals("BatchNormalization")
                ? InputSpec.ndim(inputShape.rank()).withAxis(a, size) : null;
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return x.withoutValues();
    }

    @Override
    public long[] parameterCounts() {
        long c = size == null ? 0 : size.known().orElse(0);
        return className.equals("BatchNormalization") ? new long[] {2 * c, 2 * c} : new long[] {2 * c, 0};
    }
}
