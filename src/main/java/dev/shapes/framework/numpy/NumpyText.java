package dev.shapes.framework.numpy;

import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import java.util.List;

/** How NumPy prints shapes in its messages. */
public final class NumpyText {

    private NumpyText() {}

    /** Python's tuple repr: {@code (32, 10)}, {@code (32,)}, {@code ()}. */
    public static String tuple(Shape shape) {
        return shape.format("(", ", ", ")", "None", true);
    }

    /**
     * C's {@code convert_shape_to_string}: {@code (32,10)}, {@code (32,)}, {@code ()};
     * the broadcast errors follow each one with a space.
     */
    public static String compact(Shape shape) {
        return shape.format("(", ",", ")", "None", true);
    }

    /** Shapes joined as the nditer broadcast error lists them: every one followed by a space. */
    public static String operandList(List<Shape> shapes) {
        StringBuilder out = new StringBuilder();
        for (Shape s : shapes) {
            out.append(compact(s)).append(' ');
        }
        return out.toString();
    }

    /**
     * A requested shape as {@code convert_shape_to_string} prints it: the
     * inferred (-1) size is "newaxis", or left out when it leads, and the
     * trailing comma only appears for a single size: {@code (-1, 5)} prints
     * {@code (5)}, {@code (2, -1, 5)} prints {@code (2,newaxis,5)}.
     */
    public static String requested(List<Dim> dims, int inferred) {
        int i = 0;
        while (i < dims.size() && i == inferred) {
            i++;
        }
        if (i == dims.size()) {
            return "()";
        }
        StringBuilder out = new StringBuilder(dims.get(i++).toString());
        for (; i < dims.size(); i++) {
            out.append(',').append(i == inferred ? "newaxis" : dims.get(i).toString());
        }
        return dims.size() == 1 ? "(" + out + ",)" : "(" + out + ")";
    }
}
