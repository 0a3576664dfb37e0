package dev.shapes.framework.keras;

import dev.shapes.eval.Bound;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The one scikit-learn function Keras programs use around their data:
 * {@code sklearn.model_selection.train_test_split(*arrays, test_size=0.25)}, which
 * splits every array's first axis the same way (shuffled; values are then unknown).
 */
final class Sklearn {

    private Sklearn() {}

    static Module module() {
        Module sklearn = new Module("sklearn");
        Module selection = new Module("sklearn.model_selection");
        selection.function("train_test_split", (args, ctx) -> {
            Bound b = Signature.of("train_test_split", "*args", "test_size", "train_size", "random_state", "shuffle",
                    "stratify").noneDefaults("test_size", "train_size", "random_state", "stratify")
                    .def("shuffle", true).bind(args);
            List<Value> arrays = b.extraPositional();
            if (arrays.isEmpty()) {
                throw new FrameworkException("ValueError", "At least one array required as input");
            }
            List<Tensor> tensors = new ArrayList<>();
            for (Value v : arrays) {
                Tensor t = Arrays.asArray(v);
                if (t == null || t.rank() == 0) {
                    throw new FrameworkException("TypeError", "Expected sequence or array-like, got "
                            + v.typeName());
                }
                tensors.add(t);
            }
            List<Long> lengths = new ArrayList<>();
            for (Tensor t : tensors) {
                lengths.add(ctx.bindings().resolve(t.shape().dim(0)).known().orElse(-1));
            }
            if (lengths.stream().distinct().count() > 1) {
                throw new FrameworkException("ValueError", "Found input variables with inconsistent numbers of "
                        + "samples: " + lengths);
            }
            long n = lengths.get(0);
            if (n < 0) {
                throw new dev.shapes.eval.NotationException("ValueError", "train_test_split needs the number of "
                        + "samples as a number", null);
            }
            long test;
            if (!b.isNone("test_size")) {
                Value ts = b.get("test_size");
                test = ts instanceof Value.FloatValue f ? (long) Math.ceil(f.value() * n) : (long) Python.toDouble(ts);
            } else if (!b.isNone("train_size")) {
                Value tr = b.get("train_size");
                long train = tr instanceof Value.FloatValue f ? (long) Math.floor(f.value() * n)
                        : (long) Python.toDouble(tr);
                test = n - train;
            } else {
                test = (long) Math.ceil(0.25 * n);
            }
            long train = n - test;
            List<Value> out = new ArrayList<>();
            boolean shuffle = b.bool("shuffle");
            for (Tensor t : tensors) {
                out.add(ctx.wrap(part(t, 0, train, shuffle, ctx)));
                out.add(ctx.wrap(part(t, train, n, shuffle, ctx)));
            }
            return new Value.ListValue(out);
        });
        sklearn.put("model_selection", selection);
        return sklearn;
    }

    private static Tensor part(Tensor t, long start, long stop, boolean shuffle, dev.shapes.eval.CallContext ctx) {
        if (shuffle) {
            return Tensor.shapeOnly(t.dtype(), t.shape().with(0, Dim.of(stop - start)));
        }
        Indexing.Result r = Indexing.apply(t, List.of(new Indexing.Index.Range(OptionalLong.of(start),
                OptionalLong.of(stop), 1)), ctx.bindings());
        return r.tensor();
    }
}
