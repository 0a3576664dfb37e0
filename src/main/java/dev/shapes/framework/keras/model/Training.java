package dev.shapes.framework.keras.model;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.Arrays;
import dev.shapes.framework.keras.loss.LossContext;
import dev.shapes.framework.keras.loss.LossObject;
import dev.shapes.framework.keras.loss.Losses;
import dev.shapes.framework.keras.loss.SparseCategoricalCrossentropy;
import dev.shapes.framework.tf.TfExec;
import dev.shapes.framework.tf.TfNn;
import dev.shapes.framework.tf.TfStyle;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code fit}, {@code evaluate}, {@code predict} and {@code train_on_batch}
 * (keras/src/backend/tensorflow/trainer.py, keras/src/trainers/trainer.py),
 * as far as shapes go: the data adapter's cardinality check, the symbolic
 * build on the first batch (so messages show the real batch size, e.g.
 * {@code (4, 6)}), the loss traced in a graph ({@code Dimensions must be
 * equal ...} for mismatched regression targets), the kernel's label-range
 * check, validation data, and every distinct batch size: a last, partial
 * batch that fails is reported as such, with what would avoid it.
 */
final class Training {

    private Training() {}

    /** Inputs, targets and weights of one call, as tensors. */
    private record Data(List<Tensor> x, Optional<Tensor> y, Optional<Tensor> weight) {
        Data slice(long start, long stop, CallContext ctx) {
            List<Tensor> xs = new ArrayList<>();
            for (Tensor t : x) {
                xs.add(rows(t, start, stop, ctx));
            }
            return new Data(xs, y.map(t -> rows(t, start, stop, ctx)), weight.map(t -> rows(t, start, stop, ctx)));
        }
    }

    private static Tensor rows(Tensor t, long start, long stop, CallContext ctx) {
        Indexing.Result r = Indexing.apply(t, List.of(new Indexing.Index.Range(OptionalLong.of(start),
                OptionalLong.of(stop), 1)), ctx.bindings());
        return r.ok() ? r.tensor() : t;
    }

    private static Tensor batchOf(Tensor t, long size) {
        return batchOf(t, Dim.of(size));
    }

    private static Tensor batchOf(Tensor t, Dim size) {
        if (t.rank() == 0) {
            return t;
        }
        return Tensor.shapeOnly(t.dtype(), t.shape().with(0, size));
    }

    // ------------------------------------------------------------ fit

    static Value fit(Model model, Arguments args, CallContext ctx) {
        boolean legacy = model.keras().legacy();
        List<String> params = new ArrayList<>(List.of("x", "y", "batch_size", "epochs", "verbose", "callbacks",
                "validation_split", "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch",
                "steps_per_epoch", "validation_steps", "validation_batch_size", "validation_freq"));
        if (legacy) {
            params.addAll(List.of("max_queue_size", "workers", "use_multiprocessing", "**kwargs"));
        }
        Bound b;
        Signature fitSignature = Signature.of(legacy ? "fit" : "TensorFlowTrainer.fit", params.toArray(String[]::new))
                .noneDefaults("x", "y", "batch_size", "callbacks", "validation_data", "class_weight", "sample_weight",
                        "steps_per_epoch", "validation_steps", "validation_batch_size")
                .def("epochs", 1).def("verbose", "auto").def("validation_split", 0.0).def("shuffle", true)
                .def("initial_epoch", 0).def("validation_freq", 1);
        if (legacy) {
            fitSignature.def("max_queue_size", 10).def("workers", 1).def("use_multiprocessing", false);
        }
        b = fitSignature.bind(args);
        requireCompiled(model);
        if (legacy && b.extraKeywords().containsKey("nb_epoch")) {
            ctx.warn("The `nb_epoch` argument in `fit` has been renamed `epochs`.");
        }
        Data data = data(model, b.get("x"), b.get("y"), b.get("sample_weight"), ctx);
        Optional<Data> validation = Optional.empty();
        double split = b.number("validation_split");
        if (split != 0 && b.isNone("validation_data")) {
            long n = samples(data.x().get(0), ctx);
            long at = (long) Math.floor(n * (1.0 - split));
            if (at == 0 || at == n) {
                throw new FrameworkException("ValueError", "Training data contains " + n + " samples, which is not "
                        + "sufficient to split it into a validation and training set as specified by "
                        + "`validation_split=" + Python.repr(b.get("validation_split")) + "`. Either provide more "
                        + "data, or a different value for the `validation_split` argument.");
            }
            validation = Optional.of(data.slice(at, n, ctx));
            data = data.slice(0, at, ctx);
        } else if (!b.isNone("validation_data")) {
            validation = Optional.of(validationData(model, b.get("validation_data"), ctx));
        }
        long batchSize = b.isNone("batch_size") ? 32 : b.integer("batch_size");
        String[] names = {b.source("x"), b.source("y")};
        List<String> metricNames = step(model, data, batchSize, true, ctx, names);
        if (validation.isPresent()) {
            long vbs = b.isNone("validation_batch_size") ? batchSize : b.integer("validation_batch_size");
            step(model, validation.get(), vbs, false, ctx, new String[] {"x_val", "y_val"});
        }
        long epochs = b.integer("epochs");
        return new History(epochs, metricNames, validation.isPresent());
    }

    // ------------------------------------------------------------ evaluate / predict

    static Value evaluate(Model model, Arguments args, CallContext ctx) {
        Bound b = Signature.of(model.keras().legacy() ? "evaluate" : "TensorFlowTrainer.evaluate", "x", "y",
                        "batch_size", "verbose", "sample_weight", "steps", "callbacks", "return_dict", "**kwargs")
                .noneDefaults("x", "y", "batch_size", "sample_weight", "steps", "callbacks").def("verbose", "auto")
                .def("return_dict", false).bind(args);
        requireCompiled(model);
        Data data = data(model, b.get("x"), b.get("y"), b.get("sample_weight"), ctx);
        long batchSize = b.isNone("batch_size") ? 32 : b.integer("batch_size");
        List<String> metrics = step(model, data, batchSize, false, ctx, new String[] {b.source("x"), b.source("y")});
        Value loss = ctx.wrap(Tensor.shapeOnly(DType.F32, Shape.SCALAR));
        if (b.bool("return_dict")) {
            Map<Value, Value> out = new LinkedHashMap<>();
            out.put(new Value.StrValue("loss"), loss);
            for (String m : metrics) {
                out.put(new Value.StrValue(m), ctx.wrap(Tensor.shapeOnly(DType.F32, Shape.SCALAR)));
            }
            return new Value.DictValue(out);
        }
        if (metrics.isEmpty()) {
            return loss;
        }
        List<Value> out = new ArrayList<>();
        out.add(loss);
        for (int i = 0; i < metrics.size(); i++) {
            out.add(ctx.wrap(Tensor.shapeOnly(DType.F32, Shape.SCALAR)));
        }
        return new Value.ListValue(out);
    }

    static Value predict(Model model, Arguments args, CallContext ctx) {
        Bound b = Signature.of(model.keras().legacy() ? "predict" : "TensorFlowTrainer.predict", "x", "batch_size",
                        "verbose", "steps", "callbacks")
                .noneDefaults("batch_size", "steps", "callbacks").def("verbose", "auto").bind(args);
        Data data = data(model, b.get("x"), Value.NONE, Value.NONE, ctx);
        long batchSize = b.isNone("batch_size") ? 32 : b.integer("batch_size");
        long n = cardinality(data, ctx);
        List<Tensor> outputs = null;
        for (long size : batchSizes(n, batchSize)) {
            List<Tensor> xs = data.x().stream().map(t -> batchOf(t, size)).toList();
            outputs = withBatchNote(() -> model.forward(xs, ctx), size, n, batchSize, ctx,
                    new String[] {b.source("x")});
        }
        if (outputs == null) {
            throw new FrameworkException("ValueError", "Expected input data to be non-empty.");
        }
        List<Value> results = new ArrayList<>();
        for (Tensor out : outputs) {
            results.add(ctx.wrap(Tensor.shapeOnly(out.dtype(), out.shape().with(0, Dim.of(n)))));
        }
        return results.size() == 1 ? results.get(0) : new Value.ListValue(results);
    }

    static Value trainOnBatch(Model model, Arguments args, CallContext ctx) {
        Bound b = Signature.of("train_on_batch", "x", "y", "sample_weight", "class_weight", "return_dict")
                .noneDefaults("y", "sample_weight", "class_weight").def("return_dict", false).bind(args);
        requireCompiled(model);
        Data data = data(model, b.get("x"), b.get("y"), b.get("sample_weight"), ctx);
        long n = cardinality(data, ctx);
        step(model, data, Math.max(n, 1), true, ctx, new String[] {b.source("x"), b.source("y")});
        return ctx.wrap(Tensor.shapeOnly(DType.F32, Shape.SCALAR));
    }

    // ------------------------------------------------------------ one pass over the data

    /**
     * What one pass over the data checks: cardinality, then the model and the
     * loss on each distinct batch size (the first batch builds the model), then
     * the labels' range. Returns the metric names.
     */
    private static List<String> step(Model model, Data data, long batchSize, boolean training, CallContext ctx,
                                     String[] names) {
        long n = cardinality(data, ctx);
        if (data.y().isEmpty()) {
            throw new FrameworkException("ValueError", "No loss to compute. Provide a `loss` argument in "
                    + "`compile()`.");
        }
        Model.Compiled compiled = model.compiled();
        List<String> metrics = null;
        List<Long> sizes = batchSizes(n, batchSize);
        for (long size : sizes) {
            boolean first = metrics == null;
            // tf.keras 2.x traces the train step once with an unknown batch size, so its texts say None
            Dim batch = first && model.keras().legacy() ? Dim.UNKNOWN : Dim.of(size);
            List<Tensor> xs = data.x().stream().map(t -> batchOf(t, batch)).toList();
            Tensor y = batchOf(data.y().get(), batch);
            Optional<Tensor> w = data.weight().map(t -> batchOf(t, batch));
            List<String> resolved = withBatchNote(() -> {
                Tensor yPred = model.forward(xs, ctx).get(0);
                List<String> m = Metrics.resolve(compiled.metrics());
                Optional<LossObject> loss = Losses.resolve(compiled.loss(), "loss", model.lossModule(),
                        model.keras().version());
                if (loss.isEmpty()) {
                    throw new FrameworkException("ValueError", "No loss to compute. Provide a `loss` argument in "
                            + "`compile()`.");
                }
                LossContext lc = new LossContext(ctx, model.keras().version(),
                        new TfExec(ctx.bindings(), TfStyle.GRAPH, TfExec.Phase.BUILD, null), "",
                        List.of("data_1", model.outputNodeName()), model.outputActivationOp());
                loss.get().compute(y, yPred, w, lc);
                return m;
            }, first ? -1 : size, n, batchSize, ctx, names);
            if (first) {
                metrics = resolved;
            }
        }
        checkLabels(model, data, batchSize, ctx);
        return metrics == null ? List.of() : metrics;
    }

    /** SparseCategoricalCrossentropy's kernel check on the labels' values, as fit's graph reports it. */
    private static void checkLabels(Model model, Data data, long batchSize, CallContext ctx) {
        Tensor y = data.y().get();
        if (!y.hasValues()) {
            return;
        }
        Optional<LossObject> loss = Losses.resolve(model.compiled().loss(), "loss", model.lossModule(),
                model.keras().version());
        if (loss.isEmpty() || !(loss.get().loss() instanceof SparseCategoricalCrossentropy)) {
            return;
        }
        List<Tensor> xs = data.x().stream().map(t -> batchOf(t, 1)).toList();
        Tensor out = model.forward(xs, ctx).get(0);
        OptionalLong classes = ctx.bindings().resolve(out.shape().dim(out.rank() - 1)).known();
        if (classes.isEmpty()) {
            return;
        }
        double[] v = y.data();
        long c = classes.getAsLong();
        long perRow = y.shape().numel().getAsLong() / Math.max(1, y.shape().dim(0).known().orElse(1));
        long rows = v.length / Math.max(1, perRow);
        for (long start = 0; start < rows; start += batchSize) {
            long stop = Math.min(rows, start + batchSize);
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            StringBuilder values = new StringBuilder();
            for (long i = start * perRow; i < stop * perRow; i++) {
                long label = (long) v[(int) i];
                min = Math.min(min, label);
                max = Math.max(max, label);
                values.append(values.length() > 0 ? " " : "").append(label);
            }
            if (min < 0 || max >= c) {
                long bad = (long) (min < 0 ? min : max);
                String node = "compile_loss/" + loss.get().name()
                        + "/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits";
                throw new FrameworkException("InvalidArgumentError", "Graph execution error:\n\nDetected at node "
                        + node + " defined at (most recent call last):\n<stack frames of fit>\n\n"
                        + TfNn.labelRangeText(bad, c) + "  Label values: " + values + "\n\t [[{{node " + node
                        + "}}]] [Op:__inference_multi_step_on_iterator]");
            }
        }
    }

    // ------------------------------------------------------------ batching

    /** The distinct batch sizes of a pass: full batches, then the remainder. */
    static List<Long> batchSizes(long n, long batchSize) {
        if (batchSize <= 0) {
            throw new FrameworkException("ValueError", "Expected `batch_size` to be a positive integer. Received: "
                    + "batch_size=" + batchSize);
        }
        List<Long> sizes = new ArrayList<>();
        if (n <= 0) {
            return sizes;
        }
        sizes.add(Math.min(batchSize, n));
        long rest = n % batchSize;
        if (n > batchSize && rest != 0) {
            sizes.add(rest);
        }
        return sizes;
    }

    /**
     * Runs a batch's checks; when a last, partial batch fails where full
     * batches pass, notes which batch it is and what avoids it. {@code size}
     * is -1 for the first batch (whose failures are about every batch).
     */
    private static <T> T withBatchNote(java.util.function.Supplier<T> body, long size, long n, long batchSize,
                                       CallContext ctx, String[] names) {
        try {
            return body.get();
        } catch (FrameworkException e) {
            if (size > 0 && size < batchSize && n > batchSize) {
                long batches = (n + batchSize - 1) / batchSize;
                ctx.note("batching", "batch " + batches + " of " + batches + " has " + size + " samples; the first "
                        + (batches - 1) + " have " + batchSize + " (" + n + " = " + (batches - 1) + " × " + batchSize
                        + " + " + size + "), and this one does not fit a shape fixed at " + batchSize + ". "
                        + fix(n, batchSize, names));
            }
            throw e;
        }
    }

    private static String fix(long n, long batchSize, String[] names) {
        long whole = n - n % batchSize;
        List<Long> divisors = new ArrayList<>();
        for (long d = 2 * batchSize; d >= Math.max(2, batchSize / 2) && divisors.size() < 2; d--) {
            if (n % d == 0 && d != batchSize) {
                divisors.add(d);
            }
        }
        String other = divisors.isEmpty() ? "" : " A batch_size that divides " + n + " (e.g. "
                + divisors.stream().map(String::valueOf).reduce((a, b) -> a + " or " + b).orElse("")
                + ") helps only where nothing in the model fixes the batch at " + batchSize + ".";
        return "fit has no drop_remainder for arrays: training on the first " + whole + " samples (a multiple of "
                + batchSize + ", e.g. " + names[0] + "[:" + whole + "]" + (names.length > 1 ? ", " + names[1] + "[:" + whole
                + "]" : "") + ") gives every batch " + batchSize
                + " samples." + other;
    }

    // ------------------------------------------------------------ data

    private static void requireCompiled(Model model) {
        if (!model.isCompiled()) {
            throw new FrameworkException("ValueError", "You must call `compile()` before using the model.");
        }
    }

    private static Data data(Model model, Value x, Value y, Value weight, CallContext ctx) {
        if (x instanceof Value.NoneValue) {
            throw new FrameworkException("ValueError", "Unrecognized data type: x=None (of type <class 'NoneType'>)");
        }
        List<Tensor> xs = new ArrayList<>();
        List<Value> items = Python.sequenceItems(x);
        if (items != null && model.inputCount() > 1) {
            for (Value v : items) {
                xs.add(array(v, "x"));
            }
        } else if (x instanceof Value.DictValue d) {
            for (Value v : d.entries().values()) {
                xs.add(array(v, "x"));
            }
        } else {
            xs.add(array(x, "x"));
        }
        Optional<Tensor> ys = y instanceof Value.NoneValue ? Optional.empty() : Optional.of(array(y, "y"));
        Optional<Tensor> ws = weight instanceof Value.NoneValue ? Optional.empty()
                : Optional.of(array(weight, "sample_weight"));
        return new Data(xs, ys, ws);
    }

    private static Data validationData(Model model, Value v, CallContext ctx) {
        List<Value> items = Python.sequenceItems(v);
        if (items == null || items.size() < 2 || items.size() > 3) {
            throw new FrameworkException("ValueError", "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
                    + "`(x, y, sample_weight)`, found: " + Python.repr(v));
        }
        return data(model, items.get(0), items.get(1), items.size() == 3 ? items.get(2) : Value.NONE, ctx);
    }

    private static Tensor array(Value v, String what) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        Tensor t = Arrays.asArray(v);
        if (t == null) {
            throw new FrameworkException("ValueError", "Unrecognized data type: " + what + "=" + Python.repr(v)
                    + " (of type <class '" + v.typeName() + "'>)");
        }
        return t;
    }

    private static long samples(Tensor t, CallContext ctx) {
        if (t.rank() == 0) {
            throw new FrameworkException("ValueError", "Expected all elements of `x` to be arrays with a batch "
                    + "dimension; received a scalar.");
        }
        Dim d = ctx.bindings().resolve(t.shape().dim(0));
        return d.known().orElseThrow(() -> new dev.shapes.eval.NotationException("ValueError",
                "the number of samples (" + d + ") must be a number to check fit's batches; declare the data with "
                        + "a size, or bind the symbol", null));
    }

    /** {@code check_data_cardinality}: every array must have the same number of samples. */
    private static long cardinality(Data data, CallContext ctx) {
        List<Long> xs = new ArrayList<>();
        for (Tensor t : data.x()) {
            xs.add(samples(t, ctx));
        }
        List<List<Long>> groups = new ArrayList<>();
        groups.add(xs);
        data.y().ifPresent(t -> groups.add(List.of(samples(t, ctx))));
        data.weight().ifPresent(t -> groups.add(List.of(samples(t, ctx))));
        java.util.Set<Long> distinct = new java.util.LinkedHashSet<>();
        groups.forEach(distinct::addAll);
        if (distinct.size() > 1) {
            StringBuilder msg = new StringBuilder("Data cardinality is ambiguous. Make sure all arrays contain the "
                    + "same number of samples.");
            String[] labels = {"x", "y", "sample_weight"};
            for (int i = 0; i < groups.size(); i++) {
                msg.append('\'').append(labels[i]).append("' sizes: ");
                List<Long> g = groups.get(i);
                for (int j = 0; j < g.size(); j++) {
                    msg.append(j > 0 ? ", " : "").append(g.get(j));
                }
                msg.append('\n');
            }
            throw new FrameworkException("ValueError", msg.toString());
        }
        return xs.get(0);
    }

    /** The {@code History} fit returns: per-epoch values are not facts, so they are shape-only scalars. */
    record History(long epochs, List<String> metrics, boolean validation) implements Value.PyObject {
        @Override
        public Optional<Value> attribute(String name, CallContext ctx) {
            if (name.equals("history")) {
                Map<Value, Value> out = new LinkedHashMap<>();
                List<String> keys = new ArrayList<>();
                keys.add("loss");
                keys.addAll(metrics);
                if (validation) {
                    List<String> val = keys.stream().map(k -> "val_" + k).toList();
                    keys.addAll(val);
                }
                for (String k : keys) {
                    List<Value> values = new ArrayList<>();
                    for (long e = 0; e < epochs; e++) {
                        values.add(ctx.wrap(Tensor.shapeOnly(DType.F32, Shape.SCALAR)));
                    }
                    out.put(new Value.StrValue(k), new Value.ListValue(values));
                }
                return Optional.of(new Value.DictValue(out));
            }
            if (name.equals("epoch")) {
                List<Value> es = new ArrayList<>();
                for (long e = 0; e < epochs; e++) {
                    es.add(new Value.IntValue(e));
                }
                return Optional.of(new Value.ListValue(es));
            }
            return Optional.empty();
        }

        @Override
        public List<String> attributeNames() {
            return List.of("history", "epoch");
        }

        @Override
        public String typeName() {
            return "History";
        }

        @Override
        public String describe() {
            return "<keras.src.callbacks.history.History object>";
        }
    }

}
