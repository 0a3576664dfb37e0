package dev.shapes.explain;

/**
 * How a fix is written in the cell's framework: PyTorch tensor methods,
 * NumPy array methods (Keras programs feed NumPy arrays), {@code tf.}
 * functions, or JAX array methods and {@code jnp.} functions (JAX's 32-bit
 * dtypes: {@code jnp.int32}, {@code jnp.float32}). Each returns the new text
 * of the operand.
 */
final class Spelling {

    private Spelling() {}

    /** Drop a trailing axis of size 1. */
    static String squeezeLast(String framework, Operand o) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".squeeze(" + Math.max(0, o.rank() - 1) + ")";
            case "tf" -> "tf.squeeze(" + o.source() + ", axis=-1)";
            case "jax" -> o.chainable() + ".squeeze(-1)";
            default -> o.chainable() + ".squeeze(-1)";
        };
    }

    /** Add a trailing axis of size 1. */
    static String expandLast(String framework, Operand o) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".unsqueeze(" + Math.max(0, o.rank()) + ")";
            case "tf" -> "tf.expand_dims(" + o.source() + ", -1)";
            case "jax" -> o.rank() == 1 ? o.chainable() + "[:, None]" : "jnp.expand_dims(" + o.source() + ", -1)";
            default -> "np.expand_dims(" + o.source() + ", -1)";
        };
    }

    /** One axis. */
    static String flatten(String framework, Operand o) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".view(-1)";
            case "tf" -> "tf.reshape(" + o.source() + ", [-1])";
            default -> o.chainable() + ".reshape(-1)";
        };
    }

    /** A column [N, 1]. */
    static String column(String framework, Operand o) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".view(-1, 1)";
            case "tf" -> "tf.reshape(" + o.source() + ", [-1, 1])";
            default -> o.chainable() + ".reshape(-1, 1)";
        };
    }

    static String toInt64(String framework, Operand o) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".long()";
            case "tf" -> "tf.cast(" + o.source() + ", tf.int64)";
            case "jax" -> o.chainable() + ".astype(jnp.int32)";
            default -> o.chainable() + ".astype(\"int64\")";
        };
    }

    static String toFloat32(String framework, Operand o) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".float()";
            case "tf" -> "tf.cast(" + o.source() + ", tf.float32)";
            case "jax" -> o.chainable() + ".astype(jnp.float32)";
            default -> o.chainable() + ".astype(\"float32\")";
        };
    }

    /** One-hot rows to class indices, along the class axis. */
    static String argmax(String framework, Operand o, int classAxis) {
        return switch (framework) {
            case "torch" -> o.chainable() + ".argmax(dim=" + classAxis + ")";
            case "tf" -> "tf.argmax(" + o.source() + ", axis=-1)";
            case "jax" -> o.chainable() + ".argmax(-1)";
            default -> "np.argmax(" + o.source() + ", axis=-1)";
        };
    }

    /** Class indices to one-hot rows of {@code classes} columns. */
    static String oneHot(String framework, Operand o, long classes) {
        return switch (framework) {
            case "torch" -> "F.one_hot(" + o.chainable() + ".long(), num_classes=" + classes + ").float()";
            case "tf" -> "tf.one_hot(" + o.source() + ", " + classes + ")";
            case "jax" -> "jax.nn.one_hot(" + o.source() + ", " + classes + ")";
            default -> "keras.utils.to_categorical(" + o.source() + ", num_classes=" + classes + ")";
        };
    }
}
