package dev.shapes.framework.numpy;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;

/**
 * A NumPy scalar type such as {@code np.float32}: usable as a dtype argument,
 * callable to make a scalar or cast an array, and equal to the dtype of the
 * same name ({@code x.dtype == np.float32} is True in NumPy).
 */
final class ScalarType implements Value.PyObject {

    private final DType dtype;
    private final String name;
    private final NumpyProfile profile;

    ScalarType(DType dtype, String name, NumpyProfile profile) {
        this.dtype = dtype;
        this.name = name;
        this.profile = profile;
    }

    DType dtype() {
        return dtype;
    }

    @Override
    public Value call(Arguments args, CallContext ctx) {
        if (args.positional().isEmpty()) {
            return profile.wrap(Tensor.scalar(dtype, 0));
        }
        if (args.positional().size() > 1 || !args.keywords().isEmpty()) {
            throw new FrameworkException("TypeError", name + "() takes at most 1 argument (" + args.size() + " given)");
        }
        Tensor x = profile.ops().array(args.positional().get(0), name);
        return profile.wrap(profile.ops().cast(x, dtype, ctx));
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public String typeName() {
        return "type";
    }

    @Override
    public String describe() {
        return "<class 'numpy." + name + "'>";
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ScalarType s) {
            return s.dtype == dtype;
        }
        return o instanceof ArrayDType d && d.dtype() == dtype;
    }

    @Override
    public int hashCode() {
        return dtype.hashCode();
    }
}
