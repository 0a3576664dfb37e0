package dev.shapes.explain;

import java.util.ArrayList;
import java.util.List;

/** The framework conventions a diagnosis names, by loss: what the loss takes and in which order. */
final class Conventions {

    static final String TORCH_ORDER = "PyTorch losses take (input, target): the prediction first, then the labels";
    static final String KERAS_ORDER = "Keras losses take (y_true, y_pred): the labels first, unlike PyTorch's "
            + "(input, target)";
    static final String KERAS_SPARSE = "Keras: SparseCategoricalCrossentropy takes integer class ids [N] (or [N, 1]); "
            + "CategoricalCrossentropy takes one-hot rows [N, C] (keras.utils.to_categorical(y, C))";
    static final String FROM_LOGITS = "Keras: from_logits=True when the last layer has no activation (raw logits); "
            + "the default from_logits=False expects softmax/sigmoid probabilities";
    static final String CLASS_INDICES = "class indices vs class probabilities: cross_entropy takes class indices "
            + "(int64, shape [N], values in [0, C)) or class probabilities (float, exactly the logits' shape [N, C]); "
            + "the classes are on dim 1 of the logits";

    static final String OPTAX_ORDER = "optax losses take (logits, labels) or (predictions, targets): the prediction "
            + "first, then the labels";
    static final String OPTAX_INTEGER_LABELS = "optax.softmax_cross_entropy_with_integer_labels takes float logits "
            + "[..., C] (classes on the last axis, axis=-1) and integer class indices [...] with one axis less: "
            + "[N] for [N, C], no trailing axis of size 1";
    static final String OPTAX_ONE_HOT = "optax.softmax_cross_entropy takes float logits [..., C] and one-hot or "
            + "probability labels of exactly that shape; integer class indices [N] go to "
            + "softmax_cross_entropy_with_integer_labels, or through jax.nn.one_hot(labels, C)";

    private Conventions() {}

    static List<String> of(LossInfo loss) {
        if (loss.framework().equals("jax")) {
            return optax(loss);
        }
        List<String> out = new ArrayList<>();
        switch (loss.function()) {
            case "cross_entropy" -> out.add(CLASS_INDICES);
            case "nll_loss" -> out.add("nll_loss takes log-probabilities [N, C] (F.log_softmax(logits, dim=1)) and class "
                    + "indices (int64, shape [N], values in [0, C)); it has no class-probability form");
            case "binary_cross_entropy" -> out.add("binary_cross_entropy takes probabilities in [0, 1] (after "
                    + "torch.sigmoid) and float targets of exactly the same shape");
            case "binary_cross_entropy_with_logits" -> out.add("binary_cross_entropy_with_logits takes raw logits "
                    + "(the sigmoid is applied inside) and float targets of exactly the same shape: [N] with [N], "
                    + "[N, 1] with [N, 1], multi-hot [N, C] with [N, C]");
            case "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss" -> out.add(loss.function() + " compares input "
                    + "and target element by element; different shapes broadcast (with a UserWarning), so [N, 1] "
                    + "against [N] silently becomes [N, N]");
            case "kl_div" -> out.add("kl_div takes log-probabilities as input and probabilities as target; different "
                    + "shapes broadcast silently");
            case "sparse_categorical_crossentropy", "categorical_crossentropy" -> out.add(KERAS_SPARSE);
            case "binary_crossentropy" -> out.add("Keras binary_crossentropy takes targets of the prediction's shape; "
                    + "a trailing axis of size 1 is squeezed or added for you");
            case "sparse_softmax_cross_entropy_with_logits" -> out.add("tf.nn.sparse_softmax_cross_entropy_with_logits "
                    + "takes integer labels [N] and logits [N, C] (labels have one axis less)");
            case "softmax_cross_entropy_with_logits" -> out.add("tf.nn.softmax_cross_entropy_with_logits takes one-hot "
                    + "or probability labels of the logits' shape [N, C]");
            case "sigmoid_cross_entropy_with_logits" -> out.add("tf.nn.sigmoid_cross_entropy_with_logits takes labels "
                    + "and logits of exactly the same shape");
            default -> { }
        }
        if (loss.framework().equals("keras")) {
            out.add(KERAS_ORDER);
            if (loss.family() != LossInfo.Family.REGRESSION) {
                out.add(FROM_LOGITS);
            }
        } else if (loss.framework().equals("torch")) {
            out.add(TORCH_ORDER);
        }
        return out;
    }

    private static List<String> optax(LossInfo loss) {
        List<String> out = new ArrayList<>();
        switch (loss.function()) {
            case "softmax_cross_entropy_with_integer_labels" -> out.add(OPTAX_INTEGER_LABELS);
            case "softmax_cross_entropy" -> out.add(OPTAX_ONE_HOT);
            case "sigmoid_binary_cross_entropy" -> out.add("optax.sigmoid_binary_cross_entropy takes float logits "
                    + "(the sigmoid is applied inside) and 0/1 or probability labels of the same shape; JAX broadcasts "
                    + "other shapes without a word, so [N, 1] against [N] silently becomes [N, N]");
            case "squared_error", "l2_loss" -> out.add("optax." + loss.function() + " takes float predictions and "
                    + "targets of exactly the same shape (it checks: no broadcasting)");
            case "huber_loss" -> out.add("optax.huber_loss takes float predictions and targets of the same shape; it "
                    + "does not check them, so [N, 1] against [N] silently becomes [N, N]");
            default -> { }
        }
        out.add(OPTAX_ORDER);
        return out;
    }
}
