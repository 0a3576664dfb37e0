package dev.shapes.framework.keras.model;

import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code compile(metrics=...)}: must be a list, tuple or dict (checked by
 * compile); each entry is resolved when fit builds the metrics, with
 * {@code Could not interpret metric identifier: ...} for unknown names
 * (keras/src/metrics/__init__.py). Metric values are not modelled.
 */
public final class Metrics {

    private Metrics() {}

    static final List<String> CLASSES = List.of("MeanSquaredError", "RootMeanSquaredError", "MeanAbsoluteError",
            "MeanAbsolutePercentageError", "MeanSquaredLogarithmicError", "CosineSimilarity", "LogCoshError",
            "R2Score", "AUC", "FalseNegatives", "FalsePositives", "Precision", "PrecisionAtRecall", "Recall",
            "RecallAtPrecision", "SensitivityAtSpecificity", "SpecificityAtSensitivity", "TrueNegatives",
            "TruePositives", "Hinge", "SquaredHinge", "CategoricalHinge", "KLDivergence", "Poisson",
            "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "Accuracy",
            "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy", "TopKCategoricalAccuracy",
            "SparseTopKCategoricalAccuracy", "F1Score", "FBetaScore", "IoU", "BinaryIoU", "MeanIoU", "Mean", "Sum");

    static final List<String> FUNCTIONS = List.of("binary_accuracy", "categorical_accuracy",
            "sparse_categorical_accuracy", "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
            "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
            "mean_squared_logarithmic_error", "binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "kl_divergence", "poisson", "hinge", "squared_hinge",
            "categorical_hinge", "cosine_similarity", "log_cosh");

    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(List.of("accuracy", "acc", "crossentropy", "ce", "bce", "BCE", "mse",
                "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE"));
        for (String c : CLASSES) {
            names.add(c);
            names.add(KerasState.snakeCase(c));
        }
        names.addAll(FUNCTIONS);
        return names;
    }

    /** A metric object (an instance of a metric class). */
    public record Metric(String className, String name) implements Value.PyObject {
        @Override
        public String typeName() {
            return className;
        }

        @Override
        public String describe() {
            return "<" + className + " name=" + name + ">";
        }
    }

    public static Module module(String qualifiedName) {
        Module m = new Module(qualifiedName);
        for (String c : CLASSES) {
            m.function(c, (args, ctx) -> {
                Value n = args.keywords().get("name");
                return new Metric(c, n instanceof Value.StrValue s ? s.value() : KerasState.snakeCase(c));
            });
        }
        for (String f : FUNCTIONS) {
            m.function(f, (args, ctx) -> {
                throw new dev.shapes.eval.NotationException("UnsupportedError", "calling the metric function "
                        + f + " directly is not modelled; use the loss of the same name", null);
            });
        }
        return m;
    }

    /** compile's own check: a list, tuple or dict. */
    static List<Value> checkList(Value metrics, String param) {
        if (metrics instanceof Value.NoneValue) {
            return List.of();
        }
        List<Value> items = Python.sequenceItems(metrics);
        if (items != null) {
            return items;
        }
        if (metrics instanceof Value.DictValue d) {
            return new ArrayList<>(d.entries().values());
        }
        throw new FrameworkException("ValueError", "Expected `" + param + "` argument to be a list, tuple, or dict. "
                + "Received instead: " + param + "=" + (metrics instanceof Value.StrValue s ? s.value()
                : Python.repr(metrics)) + " of type <class '" + metrics.typeName() + "'>");
    }

    /** fit's resolution of each metric. */
    static List<String> resolve(List<Value> metrics) {
        List<String> names = new ArrayList<>();
        for (Value m : metrics) {
            List<Value> nested = Python.sequenceItems(m);
            if (nested != null) {
                names.addAll(resolve(nested));
                continue;
            }
            if (m instanceof Value.StrValue s) {
                if (!names().contains(s.value())) {
                    throw new FrameworkException("ValueError", "Could not interpret metric identifier: " + s.value());
                }
                names.add(s.value());
            } else if (m instanceof Metric metric) {
                names.add(metric.name());
            } else if (m instanceof Value.PyObject o) {
                names.add(o.describe());
            } else {
                throw new FrameworkException("ValueError", "Could not interpret metric identifier: "
                        + Python.repr(m));
            }
        }
        return names;
    }
}
