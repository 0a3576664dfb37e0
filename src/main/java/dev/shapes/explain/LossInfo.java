package dev.shapes.explain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Shapes knows about a loss for explaining it: its family, whether it
 * takes logits, and the order and names of its prediction and label
 * arguments ({@code (input, target)} in PyTorch, {@code (y_true, y_pred)} in
 * Keras, keyword {@code labels=}/{@code logits=} in tf.nn). Keyed by the
 * function's name; loss classes map to the same entries.
 */
record LossInfo(String function, String framework, Family family, boolean takesLogits, boolean labelFirst,
                String predictionName, String labelName) {

    enum Family {
        /** One class index per sample (cross_entropy, nll_loss, sparse categorical). */
        CLASS_INDEX,
        /** One-hot rows or probabilities with the prediction's shape (categorical). */
        CLASS_PROBABILITIES,
        /** One probability or logit per output, targets of the same shape. */
        BINARY,
        REGRESSION,
        DIVERGENCE
    }

    private static final List<LossInfo> ALL = List.of(
            new LossInfo("cross_entropy", "torch", Family.CLASS_INDEX, true, false, "input", "target"),
            new LossInfo("nll_loss", "torch", Family.CLASS_INDEX, false, false, "input", "target"),
            new LossInfo("binary_cross_entropy", "torch", Family.BINARY, false, false, "input", "target"),
            new LossInfo("binary_cross_entropy_with_logits", "torch", Family.BINARY, true, false, "input", "target"),
            new LossInfo("mse_loss", "torch", Family.REGRESSION, false, false, "input", "target"),
            new LossInfo("l1_loss", "torch", Family.REGRESSION, false, false, "input", "target"),
            new LossInfo("smooth_l1_loss", "torch", Family.REGRESSION, false, false, "input", "target"),
            new LossInfo("huber_loss", "torch", Family.REGRESSION, false, false, "input", "target"),
            new LossInfo("kl_div", "torch", Family.DIVERGENCE, false, false, "input", "target"),
            new LossInfo("sparse_categorical_crossentropy", "keras", Family.CLASS_INDEX, false, true, "y_pred", "y_true"),
            new LossInfo("categorical_crossentropy", "keras", Family.CLASS_PROBABILITIES, false, true, "y_pred", "y_true"),
            new LossInfo("binary_crossentropy", "keras", Family.BINARY, false, true, "y_pred", "y_true"),
            new LossInfo("binary_focal_crossentropy", "keras", Family.BINARY, false, true, "y_pred", "y_true"),
            new LossInfo("mean_squared_error", "keras", Family.REGRESSION, false, true, "y_pred", "y_true"),
            new LossInfo("mean_absolute_error", "keras", Family.REGRESSION, false, true, "y_pred", "y_true"),
            new LossInfo("huber", "keras", Family.REGRESSION, false, true, "y_pred", "y_true"),
            new LossInfo("kl_divergence", "keras", Family.DIVERGENCE, false, true, "y_pred", "y_true"),
            new LossInfo("sparse_softmax_cross_entropy_with_logits", "tf", Family.CLASS_INDEX, true, true, "logits", "labels"),
            new LossInfo("softmax_cross_entropy_with_logits", "tf", Family.CLASS_PROBABILITIES, true, true, "logits", "labels"),
            new LossInfo("sigmoid_cross_entropy_with_logits", "tf", Family.BINARY, true, true, "logits", "labels"),
            new LossInfo("softmax_cross_entropy_with_integer_labels", "jax", Family.CLASS_INDEX, true, false, "logits",
                    "labels"),
            new LossInfo("softmax_cross_entropy", "jax", Family.CLASS_PROBABILITIES, true, false, "logits", "labels"),
            new LossInfo("sigmoid_binary_cross_entropy", "jax", Family.BINARY, true, false, "logits", "labels"),
            new LossInfo("squared_error", "jax", Family.REGRESSION, false, false, "predictions", "targets"),
            new LossInfo("l2_loss", "jax", Family.REGRESSION, false, false, "predictions", "targets"),
            new LossInfo("huber_loss", "jax", Family.REGRESSION, false, false, "predictions", "targets"));

    /** The framework whose losses a namespace holds, for names several frameworks use ({@code huber_loss}). */
    private static final Map<String, String> NAMESPACES = Map.of("optax", "jax", "F", "torch", "torch", "torch",
            "nn", "torch");

    /** Loss classes (PyTorch modules, Keras loss objects) and aliases, to their function's name. */
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("CrossEntropyLoss", "cross_entropy"), Map.entry("NLLLoss", "nll_loss"),
            Map.entry("BCELoss", "binary_cross_entropy"), Map.entry("BCEWithLogitsLoss", "binary_cross_entropy_with_logits"),
            Map.entry("MSELoss", "mse_loss"), Map.entry("L1Loss", "l1_loss"), Map.entry("SmoothL1Loss", "smooth_l1_loss"),
            Map.entry("HuberLoss", "huber_loss"), Map.entry("KLDivLoss", "kl_div"),
            Map.entry("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy"),
            Map.entry("CategoricalCrossentropy", "categorical_crossentropy"),
            Map.entry("BinaryCrossentropy", "binary_crossentropy"),
            Map.entry("BinaryFocalCrossentropy", "binary_focal_crossentropy"),
            Map.entry("MeanSquaredError", "mean_squared_error"), Map.entry("mse", "mean_squared_error"),
            Map.entry("MeanAbsoluteError", "mean_absolute_error"), Map.entry("mae", "mean_absolute_error"),
            Map.entry("Huber", "huber"), Map.entry("KLDivergence", "kl_divergence"),
            Map.entry("sparse_softmax_cross_entropy_with_logits_v2", "sparse_softmax_cross_entropy_with_logits"),
            Map.entry("softmax_cross_entropy_with_logits_v2", "softmax_cross_entropy_with_logits"));

    /** The loss a function or class name denotes. */
    static Optional<LossInfo> of(String name) {
        String function = CLASSES.getOrDefault(name, name);
        return ALL.stream().filter(l -> l.function.equals(function)).findFirst();
    }

    /**
     * The loss a function name denotes in the namespace it was called from
     * ({@code optax.huber_loss} is optax's, {@code F.huber_loss} PyTorch's);
     * other namespaces, and bare names, get the first loss of that name.
     */
    static Optional<LossInfo> of(String name, String namespace) {
        String framework = NAMESPACES.get(namespace);
        if (framework != null) {
            String function = CLASSES.getOrDefault(name, name);
            Optional<LossInfo> own = ALL.stream().filter(l -> l.function.equals(function)
                    && l.framework.equals(framework)).findFirst();
            if (own.isPresent()) {
                return own;
            }
        }
        return of(name);
    }

    static boolean isLossClass(String name) {
        return CLASSES.containsKey(name) && Character.isUpperCase(name.charAt(0));
    }

    /** The spelling of another loss in the same style as the user's, e.g. {@code F.cross_entropy} or {@code nn.CrossEntropyLoss()}. */
    static Optional<String> className(String function) {
        return CLASSES.entrySet().stream().filter(e -> e.getValue().equals(function)
                && Character.isUpperCase(e.getKey().charAt(0))).map(Map.Entry::getKey).findFirst();
    }
}
