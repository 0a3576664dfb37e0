package dev.shapes.framework.keras.loss;

import dev.shapes.tensor.Tensor;
import java.util.List;

/** What the regression losses do before their formula: convert y_true to y_pred's dtype and fix the rank. */
final class Regression {

    private Regression() {}

    /**
     * Keras 3 applies {@code squeeze_or_expand_to_same_rank} inside the
     * function; tf.keras 2.x's functions do not (their classes squeeze), so
     * {@code (N)} against {@code (N, 1)} broadcasts to {@code (N, N)} there.
     */
    static List<Tensor> prepare(Tensor yTrue, Tensor yPred, LossContext lc) {
        Tensor t = LossMath.cast(yTrue, yPred.dtype());
        if (lc.version().isLegacy()) {
            return List.of(t, yPred);
        }
        return LossMath.squeezeOrExpand(t, yPred, lc);
    }
}
