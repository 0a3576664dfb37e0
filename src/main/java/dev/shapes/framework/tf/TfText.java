package dev.shapes.framework.tf;

import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;

/** How TensorFlow (and Keras on it) prints shapes and dtypes in its messages. */
public final class TfText {

    private TfText() {}

    /** Python's {@code TensorShape} / Keras tuple: {@code (32, 10)}, {@code (None, 10)}, {@code (6,)}, {@code ()}. */
    public static String tuple(Shape shape) {
        return shape.format("(", ", ", ")", "None", true);
    }

    /** TF 1.x {@code TensorShape}: unknown sizes print as {@code ?}: {@code (?, 10)}. */
    public static String tupleV1(Shape shape) {
        return shape.format("(", ", ", ")", "?", true);
    }

    /** A C++ kernel's {@code TensorShape::DebugString}: {@code [32,10]}, unknown sizes as {@code ?} (shape inference). */
    public static String kernel(Shape shape) {
        return shape.format("[", ",", "]", "?", false);
    }

    /** A NumPy array's printed form of a shape, e.g. {@code [1 1]} for Keras's {@code dilation_rate}. */
    public static String numpyVector(long... values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(values[i]);
        }
        return out.append(']').toString();
    }

    /** A Python tuple of ints: {@code (1, 1)}, {@code (3,)}. */
    public static String intTuple(long... values) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(values[i]);
        }
        if (values.length == 1) {
            out.append(',');
        }
        return out.append(')').toString();
    }

    /** The dtype's name in op messages: {@code float}, {@code double}, {@code int64}, {@code int32}, {@code bool}. */
    public static String opName(DType t) {
        return switch (t) {
            case F32 -> "float";
            case F64 -> "double";
            case F16 -> "half";
            case BF16 -> "bfloat16";
            default -> t.longName;
        };
    }

    /** The enum name in NodeDefs: {@code DT_FLOAT}, {@code DT_INT64}. */
    public static String enumName(DType t) {
        return "DT_" + opName(t).toUpperCase(java.util.Locale.ROOT);
    }

    /** Python's {@code tf.float32}, {@code tf.int64}. */
    public static String pythonName(DType t) {
        return "tf." + t.longName;
    }

    /** A dim as Python prints it in a tuple. */
    public static String dim(Dim d) {
        return d instanceof Dim.Unknown ? "None" : d.toString();
    }
}
