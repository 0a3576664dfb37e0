package dev.shapes.framework.torch;

import dev.shapes.tensor.Shape;

/** How PyTorch prints shapes in its messages. */
public final class TorchText {

    private TorchText() {}

    /** Python's {@code torch.Size([32, 10])}. */
    public static String size(Shape shape) {
        return "torch.Size(" + shape.format("[", ", ", "]", "None", false) + ")";
    }

    /** C++ {@code IntArrayRef}: {@code [32, 10]}. */
    public static String sizes(Shape shape) {
        return shape.format("[", ", ", "]", "None", false);
    }
}
