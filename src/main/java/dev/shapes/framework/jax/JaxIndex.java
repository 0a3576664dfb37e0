package dev.shapes.framework.jax;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code x[index]} on a JAX array ({@code jax/_src/numpy/indexing.py}). The
 * selection rules are NumPy's (the shared {@link Indexing}); what differs is
 * that index arrays are never checked against the axis: a negative index
 * wraps once and anything still out of range is clamped to the nearest end.
 * Index arrays that do not broadcast fail in {@code lax.broadcast_shapes}.
 */
final class JaxIndex {

    private JaxIndex() {}

    /** What indexing did besides selecting, for the product's notes. */
    record Selection(Tensor tensor, List<Shape> arrayShapes, Shape broadcastShape, int negatives, int clamped,
                     List<String> clampedExamples) {}

    static Selection get(Tensor x, List<Value> index, CallContext ctx) {
        List<Indexing.Index> items = items(index);
        List<Shape> arrays = new ArrayList<>();
        for (Indexing.Index item : items) {
            if (item instanceof Indexing.Index.Array a && a.indices().rank() > 0) {
                arrays.add(a.indices().shape());
            }
        }
        Shape broadcast = null;
        if (!arrays.isEmpty()) {
            broadcast = JaxArrays.broadcastShapes(arrays, ctx.bindings());
        }
        int[] counts = new int[2];
        List<String> examples = new ArrayList<>();
        List<Indexing.Index> clamped = clamp(x.shape(), items, counts, examples);
        Indexing.Result r = Indexing.apply(x, clamped, ctx.bindings());
        if (!r.ok()) {
            throw problem(r.problem(), ctx);
        }
        return new Selection(r.tensor(), arrays, broadcast, counts[0], counts[1], examples);
    }

    private static FrameworkException problem(Indexing.Problem p, CallContext ctx) {
        if (p instanceof Indexing.Problem.TooManyIndices t) {
            return new FrameworkException("IndexError", "Too many indices: " + t.rank()
                    + "-dimensional array indexed with " + t.indexed() + " regular indices.");
        }
        if (p instanceof Indexing.Problem.OutOfBounds o) {
            return new FrameworkException("IndexError", "index " + o.index() + " is out of bounds for axis " + o.axis()
                    + " with size " + o.size());
        }
        if (p instanceof Indexing.Problem.ArraysDoNotBroadcast b) {
            return JaxArrays.incompatible(b.shapes().stream().map(ctx.bindings()::resolve).toList());
        }
        if (p instanceof Indexing.Problem.MaskMismatch m) {
            return new FrameworkException("IndexError", "boolean index did not match shape of indexed array in index "
                    + m.maskAxis() + ": got " + JaxText.tuple(m.maskShape()) + ", expected "
                    + JaxText.tuple(m.indexedShape()));
        }
        return new FrameworkException("ValueError", "slice step cannot be zero");
    }

    /**
     * Index arrays with values, wrapped and clamped to their axis as JAX's
     * gather does (mode "promise_in_bounds" after normalisation, i.e. clip).
     */
    private static List<Indexing.Index> clamp(Shape shape, List<Indexing.Index> items, int[] counts,
                                              List<String> examples) {
        int consumed = 0;
        for (Indexing.Index item : items) {
            if (item instanceof Indexing.Index.Mask m) {
                consumed += m.mask().rank();
            } else if (!(item instanceof Indexing.Index.NewAxis) && !(item instanceof Indexing.Index.Rest)) {
                consumed++;
            }
        }
        List<Indexing.Index> out = new ArrayList<>();
        int axis = 0;
        for (Indexing.Index item : items) {
            if (item instanceof Indexing.Index.Rest) {
                axis += Math.max(0, shape.rank() - consumed);
                out.add(item);
                continue;
            }
            if (item instanceof Indexing.Index.NewAxis) {
                out.add(item);
                continue;
            }
            if (item instanceof Indexing.Index.Mask m) {
                axis += m.mask().rank();
                out.add(item);
                continue;
            }
            if (item instanceof Indexing.Index.Array a && axis < shape.rank() && a.indices().hasValues()
                    && shape.dim(axis).isKnown()) {
                long size = shape.dim(axis).known().getAsLong();
                double[] v = a.indices().data().clone();
                for (int i = 0; i < v.length; i++) {
                    long k = (long) v[i];
                    long original = k;
                    if (k < 0) {
                        counts[0]++;
                        k += size;
                    }
                    if (k < 0 || k >= size) {
                        counts[1]++;
                        k = size == 0 ? 0 : Math.max(0, Math.min(size - 1, k));
                        if (examples.size() < 3) {
                            examples.add(original + " on axis " + axis + " (size " + size + ") read index " + k);
                        }
                    }
                    v[i] = k;
                }
                out.add(new Indexing.Index.Array(Tensor.of(a.indices().dtype(), a.indices().shape(), v)));
            } else {
                out.add(item);
            }
            axis++;
        }
        return out;
    }

    // ------------------------------------------------------------ index items

    private static List<Indexing.Index> items(List<Value> index) {
        List<Indexing.Index> items = new ArrayList<>();
        int ellipses = 0;
        for (Value v : index) {
            if (v instanceof Value.EllipsisValue && ++ellipses > 1) {
                throw new FrameworkException("IndexError", "Multiple ellipses (...) not supported: " + index.size()
                        + " items.");
            }
            items.add(item(v));
        }
        return items;
    }

    private static Indexing.Index item(Value v) {
        if (v instanceof Value.IntValue i) {
            return new Indexing.Index.At(i.value());
        }
        if (v instanceof Value.NoneValue) {
            return new Indexing.Index.NewAxis();
        }
        if (v instanceof Value.EllipsisValue) {
            return new Indexing.Index.Rest();
        }
        if (v instanceof Value.SliceValue s) {
            long step = s.step().filter(x -> !(x instanceof Value.NoneValue))
                    .map(x -> JaxArrays.integer(x, "slice step")).orElse(1L);
            if (step == 0) {
                throw new FrameworkException("ValueError", "slice step cannot be zero");
            }
            return new Indexing.Index.Range(bound(s.start()), bound(s.stop()), step);
        }
        if (v instanceof Value.TensorValue t) {
            Tensor idx = t.tensor();
            if (idx.dtype() == DType.BOOL) {
                if (idx.rank() == 0) {
                    throw new NotationException("NotImplementedError", "indexing with a 0-d boolean array is not "
                            + "modelled", null);
                }
                if (!idx.hasValues()) {
                    throw new FrameworkException("NonConcreteBooleanIndexError", "Array boolean indices must be "
                            + "concrete; got bool" + JaxText.tuple(idx.shape()));
                }
                return new Indexing.Index.Mask(idx);
            }
            if (idx.dtype().isFloating()) {
                throw new FrameworkException("TypeError", "Indexer must have integer or boolean type, got indexer with "
                        + "type " + JaxText.dtype(idx.dtype()) + " at position 0, indexer value " + idx);
            }
            return new Indexing.Index.Array(idx.cast(DType.I64));
        }
        List<Value> seq = Python.sequenceItems(v);
        if (seq != null) {
            throw new FrameworkException("TypeError", "Using a non-tuple sequence for multidimensional indexing is not "
                    + "allowed; use `arr[array(seq)]` instead of `arr[seq]`. See "
                    + "https://github.com/jax-ml/jax/issues/4564 for more information.");
        }
        throw new FrameworkException("TypeError", "Indexer must have integer or boolean type, got indexer with type "
                + v.typeName() + " at position 0, indexer value " + Python.repr(v));
    }

    private static OptionalLong bound(java.util.Optional<Value> v) {
        return v.filter(x -> !(x instanceof Value.NoneValue))
                .map(x -> OptionalLong.of(JaxArrays.integer(x, "slice bound"))).orElse(OptionalLong.empty());
    }

    /** Whether index arrays broadcast beyond each of them (the classic (N,) with (N, 1) to (N, N)). */
    static boolean grew(Selection s) {
        List<Shape> arrays = s.arrayShapes();
        for (int i = 0; i < arrays.size(); i++) {
            for (int j = i + 1; j < arrays.size(); j++) {
                if (Broadcast.grewBeyondBoth(arrays.get(i), arrays.get(j), s.broadcastShape())) {
                    return true;
                }
            }
        }
        return false;
    }
}
