package dev.shapes.framework.numpy;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import java.util.List;
import java.util.Optional;

/** An array's {@code dtype} object: {@code dtype('float32')}, equal to {@code np.float32}. */
final class ArrayDType implements Value.PyObject {

    private final DType dtype;
    private final NumpyProfile profile;

    ArrayDType(DType dtype, NumpyProfile profile) {
        this.dtype = dtype;
        this.profile = profile;
    }

    DType dtype() {
        return dtype;
    }

    @Override
    public Optional<Value> attribute(String name, CallContext ctx) {
        return Optional.ofNullable(switch (name) {
            case "name" -> new Value.StrValue(NumpyTypes.name(dtype));
            case "itemsize" -> new Value.IntValue(Math.max(1, dtype.bits / 8));
            case "kind" -> new Value.StrValue(dtype.isBool() ? "b" : dtype.isFloating() ? "f"
                    : dtype == DType.U8 ? "u" : "i");
            case "type" -> profile.scalarType(dtype);
            default -> null;
        });
    }

    @Override
    public List<String> attributeNames() {
        return List.of("name", "itemsize", "kind", "type");
    }

    @Override
    public String typeName() {
        if (profile.numpyVersion().isLegacy()) {
            return "dtype[" + (dtype.isBool() ? "bool_" : NumpyTypes.name(dtype)) + "]";
        }
        String n = NumpyTypes.name(dtype);
        return n.substring(0, 1).toUpperCase() + n.substring(1).replace("uint", "UInt") + "DType";
    }

    @Override
    public String describe() {
        return NumpyTypes.dtypeRepr(dtype);
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ArrayDType d) {
            return d.dtype == dtype;
        }
        return o instanceof ScalarType s && s.dtype() == dtype;
    }

    @Override
    public int hashCode() {
        return dtype.hashCode();
    }
}
