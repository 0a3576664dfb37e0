package dev.shapes.framework.compare;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit mapping between each framework's nearest equivalent of a loss,
 * shown to the user beside a side-by-side verdict. Each row names the
 * operands by role ({@code {logits}}, {@code {labels}}, ...) and spells the
 * loss per framework; how a source call is recognised is part of the row.
 */
public final class Equivalents {

    /**
     * One loss across frameworks. {@code recognisers} map a framework to the
     * callee spellings that identify this row there and the role of each
     * positional argument, in order.
     */
    public record Row(String concept, List<String> roles, Map<String, String> spellings,
                      Map<String, Recogniser> recognisers, String note) {

        public Optional<String> spelling(String framework) {
            return Optional.ofNullable(spellings.get(framework));
        }
    }

    /** Callee names (as written, e.g. {@code F.cross_entropy} or {@code SparseCategoricalCrossentropy}) and argument roles. */
    public record Recogniser(List<String> callees, List<String> positionalRoles, Map<String, String> keywordRoles) {}

    private static final String NUMPY_LOG_SOFTMAX = "({logits} - np.log(np.sum(np.exp({logits}), axis=-1, keepdims=True)))";

    public static final List<Row> ROWS = List.of(
            new Row("softmax cross-entropy, class-index labels", List.of("logits", "labels"),
                    Map.of("torch", "F.cross_entropy({logits}, {labels})",
                            "keras", "keras.losses.SparseCategoricalCrossentropy(from_logits=True)({labels}, {logits})",
                            "tf", "tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels={labels}, "
                                    + "logits={logits}))",
                            "numpy", "-np.mean(" + NUMPY_LOG_SOFTMAX + "[np.arange({logits}.shape[0]), {labels}])",
                            "jax", "jnp.mean(optax.softmax_cross_entropy_with_integer_labels({logits}, {labels}))"),
                    Map.of("torch", new Recogniser(List.of("F.cross_entropy", "torch.nn.functional.cross_entropy",
                                    "nn.CrossEntropyLoss"), List.of("logits", "labels"),
                                    Map.of("input", "logits", "target", "labels")),
                            "keras", new Recogniser(List.of("SparseCategoricalCrossentropy",
                                    "sparse_categorical_crossentropy"), List.of("labels", "logits"),
                                    Map.of("y_true", "labels", "y_pred", "logits")),
                            "tf", new Recogniser(List.of("tf.nn.sparse_softmax_cross_entropy_with_logits"),
                                    List.of(), Map.of("labels", "labels", "logits", "logits")),
                            "jax", new Recogniser(List.of("softmax_cross_entropy_with_integer_labels"),
                                    List.of("logits", "labels"), Map.of("logits", "logits", "labels", "labels"))),
                    "PyTorch and optax take (logits, labels); Keras takes (y_true, y_pred) and needs from_logits=True "
                            + "for unnormalised scores; optax returns one loss per example (hence jnp.mean); the NumPy "
                            + "spelling is the textbook log-softmax formula"),
            new Row("softmax cross-entropy, one-hot / probability labels", List.of("logits", "probs"),
                    Map.of("torch", "F.cross_entropy({logits}, {probs})",
                            "keras", "keras.losses.CategoricalCrossentropy(from_logits=True)({probs}, {logits})",
                            "tf", "tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels={probs}, "
                                    + "logits={logits}))",
                            "numpy", "-np.mean(np.sum({probs} * " + NUMPY_LOG_SOFTMAX + ", axis=-1))",
                            "jax", "jnp.mean(optax.softmax_cross_entropy({logits}, {probs}))"),
                    Map.of("keras", new Recogniser(List.of("CategoricalCrossentropy", "categorical_crossentropy"),
                                    List.of("probs", "logits"), Map.of("y_true", "probs", "y_pred", "logits")),
                            "tf", new Recogniser(List.of("tf.nn.softmax_cross_entropy_with_logits"), List.of(),
                                    Map.of("labels", "probs", "logits", "logits")),
                            "jax", new Recogniser(List.of("optax.softmax_cross_entropy",
                                    "optax.losses.softmax_cross_entropy"), List.of("logits", "probs"),
                                    Map.of("logits", "logits", "labels", "probs"))),
                    "PyTorch reads probability targets only when they have exactly the logits' shape; optax "
                            + "multiplies labels into log_softmax(logits), so any broadcastable labels pass"),
            new Row("binary cross-entropy on logits", List.of("logits", "targets"),
                    Map.of("torch", "F.binary_cross_entropy_with_logits({logits}, {targets})",
                            "keras", "keras.losses.BinaryCrossentropy(from_logits=True)({targets}, {logits})",
                            "tf", "tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels={targets}, "
                                    + "logits={logits}))",
                            "numpy", "np.mean(np.maximum({logits}, 0) - {logits} * {targets} + "
                                    + "np.log(1 + np.exp(-np.abs({logits}))))",
                            "jax", "jnp.mean(optax.sigmoid_binary_cross_entropy({logits}, {targets}))"),
                    Map.of("torch", new Recogniser(List.of("F.binary_cross_entropy_with_logits",
                                    "nn.BCEWithLogitsLoss"), List.of("logits", "targets"),
                                    Map.of("input", "logits", "target", "targets")),
                            "keras", new Recogniser(List.of("BinaryCrossentropy", "binary_crossentropy"),
                                    List.of("targets", "logits"), Map.of("y_true", "targets", "y_pred", "logits")),
                            "tf", new Recogniser(List.of("tf.nn.sigmoid_cross_entropy_with_logits"), List.of(),
                                    Map.of("labels", "targets", "logits", "logits")),
                            "jax", new Recogniser(List.of("sigmoid_binary_cross_entropy"),
                                    List.of("logits", "targets"), Map.of("logits", "logits", "labels", "targets"))),
                    "PyTorch and TensorFlow require equal shapes; Keras squeezes or expands a trailing axis of 1; "
                            + "optax broadcasts, so [N, 1] against [N] silently becomes [N, N]"),
            new Row("binary cross-entropy on probabilities", List.of("probs", "targets"),
                    Map.of("torch", "F.binary_cross_entropy({probs}, {targets})",
                            "keras", "keras.losses.BinaryCrossentropy()({targets}, {probs})",
                            "numpy", "-np.mean({targets} * np.log({probs}) + (1 - {targets}) * np.log(1 - {probs}))",
                            "jax", "-jnp.mean({targets} * jnp.log({probs}) + (1 - {targets}) * jnp.log(1 - {probs}))"),
                    Map.of("torch", new Recogniser(List.of("F.binary_cross_entropy", "nn.BCELoss"),
                            List.of("probs", "targets"), Map.of("input", "probs", "target", "targets"))),
                    ""),
            new Row("mean squared error", List.of("pred", "target"),
                    Map.of("torch", "F.mse_loss({pred}, {target})",
                            "keras", "keras.losses.MeanSquaredError()({target}, {pred})",
                            "tf", "tf.reduce_mean(tf.square({pred} - {target}))",
                            "numpy", "np.mean(({pred} - {target}) ** 2)",
                            "jax", "jnp.mean(optax.squared_error({pred}, {target}))"),
                    Map.of("torch", new Recogniser(List.of("F.mse_loss", "nn.MSELoss"), List.of("pred", "target"),
                                    Map.of("input", "pred", "target", "target")),
                            "keras", new Recogniser(List.of("MeanSquaredError", "mean_squared_error"),
                                    List.of("target", "pred"), Map.of("y_true", "target", "y_pred", "pred")),
                            "jax", new Recogniser(List.of("squared_error", "l2_loss"), List.of("pred", "target"),
                                    Map.of("predictions", "pred", "targets", "target"))),
                    "[N, 1] against [N]: PyTorch warns and broadcasts to [N, N], Keras squeezes, NumPy broadcasts "
                            + "silently, optax.squared_error demands equal shapes"),
            new Row("mean absolute error", List.of("pred", "target"),
                    Map.of("torch", "F.l1_loss({pred}, {target})",
                            "keras", "keras.losses.MeanAbsoluteError()({target}, {pred})",
                            "numpy", "np.mean(np.abs({pred} - {target}))",
                            "jax", "jnp.mean(jnp.abs({pred} - {target}))"),
                    Map.of("torch", new Recogniser(List.of("F.l1_loss", "nn.L1Loss"), List.of("pred", "target"),
                                    Map.of("input", "pred", "target", "target")),
                            "keras", new Recogniser(List.of("MeanAbsoluteError", "mean_absolute_error"),
                                    List.of("target", "pred"), Map.of("y_true", "target", "y_pred", "pred"))),
                    ""));

    private Equivalents() {}

    /** The row and framework a callee spelling belongs to. */
    public record Match(Row row, String framework, Recogniser recogniser) {}

    public static Optional<Match> recognise(String callee) {
        for (Row row : ROWS) {
            for (Map.Entry<String, Recogniser> r : row.recognisers().entrySet()) {
                for (String name : r.getValue().callees()) {
                    if (callee.equals(name) || callee.endsWith("." + name)) {
                        return Optional.of(new Match(row, r.getKey(), r.getValue()));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
