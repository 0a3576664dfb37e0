package dev.shapes.framework.tf;

import dev.shapes.eval.FrameworkException;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Shape;
import java.util.List;

/**
 * How one TensorFlow op runs: eagerly, while a graph is being built (shape
 * inference over static shapes, where {@code None} sizes pass), or inside
 * {@code sess.run} (the kernel, with the node it failed in). Ops state both
 * the kernel's text and shape inference's text; this picks the one that applies.
 */
public record TfExec(Bindings bindings, TfStyle style, Phase phase, TfStyle.Site site) {

    public enum Phase { EAGER, BUILD, RUN }

    public static TfExec eager(Bindings bindings) {
        return new TfExec(bindings, TfStyle.EAGER, Phase.EAGER, null);
    }

    public boolean building() {
        return phase == Phase.BUILD;
    }

    public TfExec at(TfStyle.Site where) {
        return new TfExec(bindings, style, phase, where);
    }

    /**
     * A shape problem. Eagerly and at run time it is the kernel's
     * {@code InvalidArgumentError}; while building, shape inference's {@code ValueError}.
     */
    public FrameworkException shapeError(String op, String kernelText, String inferenceText, List<Shape> inputs,
                                         boolean named) {
        return switch (phase) {
            case EAGER -> TfErrors.eager(op, kernelText, named);
            case RUN -> TfErrors.run(kernelText, site != null ? site.node() : op);
            case BUILD -> TfErrors.inference(inferenceText, site != null ? site
                    : new TfStyle.Site(op, op, "T=DT_FLOAT", List.of()), style, inputs);
        };
    }

    /** A failure only the kernel detects (values, or sizes shape inference cannot see). */
    public FrameworkException kernelError(String op, String text, boolean named) {
        return switch (phase) {
            case EAGER -> TfErrors.eager(op, text, named);
            case RUN, BUILD -> TfErrors.run(text, site != null ? site.node() : op);
        };
    }
}
