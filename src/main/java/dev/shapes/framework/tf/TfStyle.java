package dev.shapes.framework.tf;

import java.util.List;

/**
 * Which of TensorFlow's texts apply to an operation: TF 2.x or 1.x, and
 * whether the op runs eagerly (errors come from the kernel at once, with
 * {@code [Op:X]}) or is added to a graph (shape inference raises
 * {@code ValueError: Dimensions must be equal ...} while the graph is built,
 * the kernel raises at {@code sess.run}).
 */
public record TfStyle(int major, boolean graph) {

    public static final TfStyle EAGER = new TfStyle(2, false);
    public static final TfStyle GRAPH = new TfStyle(2, true);
    public static final TfStyle V1 = new TfStyle(1, true);

    public boolean v1() {
        return major == 1;
    }

    public TfStyle inGraph() {
        return graph ? this : new TfStyle(major, true);
    }

    /** Python's TensorShape text for this version: {@code (None, 10)} or, in TF 1.x, {@code (?, 10)}. */
    public String tuple(dev.shapes.tensor.Shape shape) {
        return v1() ? TfText.tupleV1(shape) : TfText.tuple(shape);
    }

    /**
     * Where a graph op sits, for shape-inference messages: its node name, its
     * type, its attributes and its inputs' names.
     */
    public record Site(String node, String op, String attrs, List<String> inputs) {

        /** The op as TF prints it: {@code '{{node add}} = AddV2[T=DT_FLOAT](Placeholder, b)'}. */
        public String describe(TfStyle style) {
            if (style.v1()) {
                return "'" + node + "' (op: '" + op + "')";
            }
            return "'{{node " + node + "}} = " + op + "[" + attrs + "](" + String.join(", ", inputs) + ")'";
        }
    }
}
