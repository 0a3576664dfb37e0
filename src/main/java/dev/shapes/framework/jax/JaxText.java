package dev.shapes.framework.jax;

import dev.shapes.tensor.DType;
import dev.shapes.tensor.Shape;
import java.util.List;

/** How JAX prints shapes and dtypes in its messages: Python tuples and NumPy dtype names. */
final class JaxText {

    private JaxText() {}

    /** Python's tuple repr: {@code (32, 10)}, {@code (32,)}, {@code ()}. */
    static String tuple(Shape shape) {
        return shape.format("(", ", ", ")", "None", true);
    }

    /** A Python list of tuples, as {@code lax.broadcast_shapes} prints its operands: {@code [(4, 4), (2, 4, 2)]}. */
    static String tupleList(List<Shape> shapes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < shapes.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(tuple(shapes.get(i)));
        }
        return out.append(']').toString();
    }

    /** The NumPy name of a dtype as JAX prints it: {@code float32}, {@code int32}, {@code bool}. */
    static String dtype(DType dtype) {
        return dtype.longName;
    }
}
