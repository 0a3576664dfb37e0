package dev.shapes.framework.keras;

import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How Keras code takes in array-likes and hands NumPy arrays back (NumPy's
 * own behaviour is the NumPy profile's): conversion of Python lists, the
 * {@code shape} tuple, dtype arguments.
 */
public final class Arrays {

    private Arrays() {}

    /** A NumPy array value, which TF programs hold too. */
    public static Value wrap(Tensor t) {
        return new Value.TensorValue(t, "numpy");
    }

    /** {@code np.asarray} of a tensor, a number or nested lists (int64/float64/bool); null for anything else. */
    public static Tensor asArray(Value v) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        if (v instanceof Value.BoolValue b) {
            return Tensor.scalar(DType.BOOL, b.value() ? 1 : 0);
        }
        if (v instanceof Value.IntValue i) {
            return Tensor.scalar(DType.I64, i.value());
        }
        if (v instanceof Value.FloatValue f) {
            return Tensor.scalar(DType.F64, f.value());
        }
        Optional<Python.Nested> nested = Python.nested(v);
        if (nested.isPresent()) {
            Python.Nested n = nested.get();
            DType t = n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F64 : DType.I64;
            return Tensor.of(t, n.shape(), n.values());
        }
        return null;
    }

    /** A shape as the Python tuple {@code .shape} gives (None for unknown sizes, names for symbols). */
    public static Value shapeTuple(Shape shape) {
        List<Value> items = new ArrayList<>();
        for (Dim d : shape.dims()) {
            items.add(d instanceof Dim.Known k ? new Value.IntValue(k.size())
                    : d instanceof Dim.Unknown ? Value.NONE : new Value.StrValue(d.toString()));
        }
        return new Value.TupleValue(items);
    }

    /** A dtype argument: a dtype object or its name ({@code "float32"}, {@code "int32"}). */
    public static DType dtype(Value v) {
        if (v instanceof Value.DTypeValue d) {
            return d.dtype();
        }
        if (v instanceof Value.StrValue s) {
            String name = s.value();
            return DType.parse(name.equals("float") ? "float64" : name.equals("int") ? "int64" : name)
                    .orElseThrow(() -> new FrameworkException("TypeError", "data type '" + name + "' not understood"));
        }
        if (v instanceof Value.PyObject o) {
            // NumPy's scalar types print as <class 'numpy.float32'>, its dtypes as dtype('float32')
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:numpy\\.|dtype\\(')(\\w+)")
                    .matcher(o.describe());
            if (m.find() && DType.parse(m.group(1)).isPresent()) {
                return DType.parse(m.group(1)).get();
            }
            if (o instanceof dev.shapes.eval.Function f && List.of("int", "float", "bool").contains(f.qualifiedName())) {
                return f.qualifiedName().equals("int") ? DType.I64 : f.qualifiedName().equals("float") ? DType.F64
                        : DType.BOOL;
            }
        }
        throw new FrameworkException("TypeError", "Cannot interpret '" + Python.repr(v) + "' as a data type");
    }
}
