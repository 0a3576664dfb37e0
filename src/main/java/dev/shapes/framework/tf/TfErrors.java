package dev.shapes.framework.tf;

import dev.shapes.eval.FrameworkException;
import dev.shapes.tensor.Shape;
import java.util.List;

/**
 * The wrappers TensorFlow puts around a kernel's text: in eager mode
 * {@code {{function_node __wrapped__Sub_device_/job:localhost/replica:0/task:0/device:CPU:0}} <text> [Op:Sub] name: },
 * at {@code sess.run} the text plus the failing node, while a graph is built
 * shape inference's {@code <text> for '<node>' with input shapes: [..], [..].}
 */
public final class TfErrors {

    private TfErrors() {}

    /** An eager kernel failure ({@code InvalidArgumentError}); {@code named} adds the trailing {@code  name: }. */
    public static FrameworkException eager(String op, String text, boolean named) {
        return new FrameworkException("InvalidArgumentError", "{{function_node __wrapped__" + op
                + "_device_/job:localhost/replica:0/task:0/device:CPU:0}} " + text + " [Op:" + op + "]"
                + (named ? " name: " : ""));
    }

    /** A kernel failure while {@code sess.run} executes the graph. */
    public static FrameworkException run(String text, String node) {
        return new FrameworkException("InvalidArgumentError", text + "\n\t [[{{node " + node + "}}]]");
    }

    /** Shape inference failing while the graph is built ({@code ValueError}). */
    public static FrameworkException inference(String text, TfStyle.Site site, TfStyle style, List<Shape> inputs) {
        StringBuilder shapes = new StringBuilder();
        for (Shape s : inputs) {
            if (shapes.length() > 0) {
                shapes.append(", ");
            }
            shapes.append(TfText.kernel(s));
        }
        return new FrameworkException("ValueError", text + " for " + site.describe(style) + " with input shapes: "
                + shapes + ".");
    }

    /** A kernel failure in whichever mode the op runs. */
    public static FrameworkException kernel(String op, String text, TfStyle style, TfStyle.Site site, boolean named) {
        if (style.graph() && site != null) {
            return run(text, site.node());
        }
        return eager(op, text, named);
    }
}
