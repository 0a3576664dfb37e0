package dev.shapes.framework.numpy;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.SilentBroadcast;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code a[index]} and {@code a[index] = value} with NumPy's texts for each way
 * they fail ({@code numpy/_core/src/multiarray/mapping.c}). The rules
 * themselves are the shared {@link Indexing}.
 */
final class NumpyIndex {

    private final NumpyVersion version;

    NumpyIndex(NumpyVersion version) {
        this.version = version;
    }

    /** The selection {@code x[index]}; notes an index whose arrays broadcast to more elements than any of them. */
    Tensor get(Tensor x, List<Value> index, CallContext ctx) {
        List<Indexing.Index> items = items(index);
        Tensor result = apply(x, items, ctx);
        noteSilentBroadcast(items, result, ctx);
        return result;
    }

    private Tensor apply(Tensor x, List<Indexing.Index> items, CallContext ctx) {
        // NumPy broadcasts the index arrays before it checks their values against the axes
        Indexing.Result shapes = Indexing.apply(x.withoutValues(), withoutValues(items), ctx.bindings());
        if (!shapes.ok() && shapes.problem() instanceof Indexing.Problem.ArraysDoNotBroadcast) {
            throw problem(shapes.problem(), ctx);
        }
        Indexing.Result r = Indexing.apply(x, items, ctx.bindings());
        if (!r.ok()) {
            throw problem(r.problem(), ctx);
        }
        return r.tensor();
    }

    private static List<Indexing.Index> withoutValues(List<Indexing.Index> items) {
        List<Indexing.Index> out = new ArrayList<>();
        for (Indexing.Index item : items) {
            out.add(item instanceof Indexing.Index.Array a ? new Indexing.Index.Array(a.indices().withoutValues()) : item);
        }
        return out;
    }

    private FrameworkException problem(Indexing.Problem p, CallContext ctx) {
        if (p instanceof Indexing.Problem.TooManyIndices t) {
            return new FrameworkException("IndexError", "too many indices for array: array is " + t.rank()
                    + "-dimensional, but " + t.indexed() + " were indexed");
        }
        if (p instanceof Indexing.Problem.OutOfBounds o) {
            return new FrameworkException("IndexError", "index " + o.index() + " is out of bounds for axis " + o.axis()
                    + " with size " + o.size());
        }
        if (p instanceof Indexing.Problem.ArraysDoNotBroadcast b) {
            // integer scalars take part as 0-d arrays but NumPy lists only the arrays
            List<Shape> listed = b.shapes().stream().filter(s -> s.rank() > 0).map(ctx.bindings()::resolve).toList();
            return new FrameworkException("IndexError", "shape mismatch: indexing arrays could not be broadcast "
                    + "together with shapes " + NumpyText.operandList(listed));
        }
        if (p instanceof Indexing.Problem.MaskMismatch m) {
            // the wording changed in NumPy 2.0 (mapping.c::prepare_index_noarray)
            return new FrameworkException("IndexError", version.isLegacy()
                    ? "boolean index did not match indexed array along dimension " + m.axis() + "; dimension is "
                    + m.axisSize() + " but corresponding boolean dimension is " + m.maskSize()
                    : "boolean index did not match indexed array along axis " + m.axis() + "; size of axis is "
                    + m.axisSize() + " but size of corresponding boolean axis is " + m.maskSize());
        }
        return new FrameworkException("ValueError", "slice step cannot be zero");
    }

    private static void noteSilentBroadcast(List<Indexing.Index> items, Tensor result, CallContext ctx) {
        List<Shape> arrays = new ArrayList<>();
        for (Indexing.Index item : items) {
            if (item instanceof Indexing.Index.Array a && a.indices().rank() > 0) {
                arrays.add(a.indices().shape());
            }
        }
        if (arrays.size() >= 2) {
            Broadcast.Result b = Broadcast.all(arrays, ctx.bindings());
            b.shape().ifPresent(shape -> SilentBroadcast.checkIndex(ctx, arrays, shape));
        }
    }

    // ------------------------------------------------------------ index items

    private List<Indexing.Index> items(List<Value> index) {
        List<Indexing.Index> items = new ArrayList<>();
        int ellipses = 0;
        for (Value v : index) {
            if (v instanceof Value.EllipsisValue && ++ellipses > 1) {
                throw new FrameworkException("IndexError", "an index can only have a single ellipsis ('...')");
            }
            items.add(item(v));
        }
        return items;
    }

    private static final String VALID_INDICES = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
            + "(`None`) and integer or boolean arrays are valid indices";

    private static Indexing.Index item(Value v) {
        if (v instanceof Value.IntValue i) {
            return new Indexing.Index.At(i.value());
        }
        if (v instanceof Value.BoolValue b) {
            if (!b.value()) {
                throw new NotationException("NotImplementedError",
                        "indexing with a plain False (an empty selection) is not modelled", null);
            }
            return new Indexing.Index.NewAxis();
        }
        if (v instanceof Value.NoneValue) {
            return new Indexing.Index.NewAxis();
        }
        if (v instanceof Value.EllipsisValue) {
            return new Indexing.Index.Rest();
        }
        if (v instanceof Value.SliceValue s) {
            long step = s.step().filter(x -> !(x instanceof Value.NoneValue)).map(NumpyIndex::sliceInt).orElse(1L);
            if (step == 0) {
                throw new FrameworkException("ValueError", "slice step cannot be zero");
            }
            return new Indexing.Index.Range(bound(s.start()), bound(s.stop()), step);
        }
        if (v instanceof SymbolicInt) {
            throw new NotationException("ValueError", "an index that is a symbolic size (" + v + ") is not modelled;"
                    + " index with a number", null);
        }
        if (v instanceof Value.TensorValue t) {
            Tensor idx = t.tensor();
            if (idx.dtype() == DType.BOOL) {
                return idx.rank() == 0 ? item(new Value.BoolValue(!idx.hasValues() || idx.item() != 0))
                        : new Indexing.Index.Mask(idx);
            }
            if (idx.dtype().isFloating()) {
                // a 0-d value is a NumPy scalar here, which NumPy rejects as it does a Python float
                throw new FrameworkException("IndexError", idx.rank() == 0 ? VALID_INDICES
                        : "arrays used as indices must be of integer (or boolean) type");
            }
            if (idx.rank() == 0 && idx.hasValues()) {
                return new Indexing.Index.At((long) idx.item());
            }
            return new Indexing.Index.Array(idx.cast(DType.I64));
        }
        List<Value> items = Python.sequenceItems(v);
        if (items == null && v instanceof Value.PyObject o && o.iterate(null).isPresent()) {
            items = new ArrayList<>();
            for (Value item : o.iterate(null).get()) {
                items.add(item);
            }
            v = new Value.ListValue(items);
        }
        if (items != null) {
            if (items.isEmpty()) {
                return new Indexing.Index.Array(Tensor.of(DType.I64, Shape.of(0), new double[0]));
            }
            Python.Nested nested = Python.nested(v).orElseThrow(() -> new FrameworkException("IndexError", VALID_INDICES));
            if (nested.anyFloat()) {
                throw new FrameworkException("IndexError", VALID_INDICES);
            }
            Tensor idx = Tensor.of(nested.allBool() ? DType.BOOL : DType.I64, nested.shape(), nested.values());
            return nested.allBool() ? new Indexing.Index.Mask(idx) : new Indexing.Index.Array(idx);
        }
        throw new FrameworkException("IndexError", VALID_INDICES);
    }

    private static OptionalLong bound(java.util.Optional<Value> v) {
        return v.filter(x -> !(x instanceof Value.NoneValue)).map(x -> OptionalLong.of(sliceInt(x)))
                .orElse(OptionalLong.empty());
    }

    private static long sliceInt(Value v) {
        java.util.OptionalLong index = Python.index(v);
        if (index.isPresent()) {
            return index.getAsLong();
        }
        if (v instanceof SymbolicInt s) {
            throw new NotationException("ValueError", "a slice bound that is a symbolic size (" + s.dim()
                    + ") is not modelled; slice with numbers", null);
        }
        throw new FrameworkException("TypeError", "slice indices must be integers or None or have an __index__ method");
    }

    // ------------------------------------------------------------ assignment

    /** {@code x[index] = value}: the selection must hold the value's broadcast; returns the updated array. */
    Tensor set(Tensor x, List<Value> index, Tensor value, CallContext ctx) {
        List<Indexing.Index> items = items(index);
        Tensor selection = apply(x.withoutValues(), items, ctx);
        Shape target = selection.shape();
        boolean masked = items.stream().anyMatch(i -> i instanceof Indexing.Index.Mask);
        Shape source = value.shape();
        // leading axes of size one in the value are dropped before broadcasting
        while (source.rank() > target.rank() && source.dim(0).is(1)) {
            source = source.subShape(1, source.rank());
        }
        if (!fits(source, target, ctx)) {
            throw assignmentMismatch(items, x.rank(), value.shape(), target);
        }
        if (!x.hasValues() || !value.hasValues() || !target.isFullyKnown() || !allValues(items)
                || !NumericBudget.allows(x.shape())) {
            return x.withoutValues();
        }
        // which elements of x the selection reads: index a tensor of positions the same way
        double[] positions = new double[x.data().length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        Tensor where = Indexing.apply(Tensor.of(DType.F64, x.shape(), positions), items, ctx.bindings()).tensor();
        Tensor spread = Kernels.expand(value.cast(x.dtype()).withShape(source), target);
        double[] out = x.data().clone();
        for (int i = 0; i < where.data().length; i++) {
            out[(int) where.data()[i]] = spread.data()[i];
        }
        return Tensor.of(x.dtype(), x.shape(), out);
    }

    /** NumPy words a value that does not fit its selection by the kind of index (mapping.c, ctors.c). */
    private static FrameworkException assignmentMismatch(List<Indexing.Index> items, int rank, Shape value,
                                                         Shape target) {
        boolean advanced = items.stream().anyMatch(i -> i instanceof Indexing.Index.Array
                || i instanceof Indexing.Index.Mask);
        if (target.rank() == 0) {
            return new FrameworkException("ValueError", "setting an array element with a sequence.");
        }
        if (items.size() == 1 && items.get(0) instanceof Indexing.Index.Mask m && m.mask().rank() == rank
                && value.rank() <= 1) {
            return new FrameworkException("ValueError", "NumPy boolean array indexing assignment cannot assign "
                    + value.numelDim() + " input values to the " + target.dim(0) + " output values where the mask is true");
        }
        if (advanced) {
            return new FrameworkException("ValueError", "shape mismatch: value array of shape "
                    + NumpyText.compact(value) + " could not be broadcast to indexing result of shape "
                    + NumpyText.compact(target));
        }
        return new FrameworkException("ValueError", "could not broadcast input array from shape "
                + NumpyText.compact(value) + " into shape " + NumpyText.compact(target));
    }

    private static boolean fits(Shape source, Shape target, CallContext ctx) {
        if (source.rank() > target.rank()) {
            return false;
        }
        for (int i = 1; i <= source.rank(); i++) {
            Dim s = ctx.bindings().resolve(source.fromEnd(-i));
            Dim t = ctx.bindings().resolve(target.fromEnd(-i));
            if (!s.is(1) && !ctx.bindings().compatible(s, t, "value", "selection")) {
                return false;
            }
        }
        return true;
    }

    private static boolean allValues(List<Indexing.Index> items) {
        for (Indexing.Index item : items) {
            if (item instanceof Indexing.Index.Array a && !a.indices().hasValues()) {
                return false;
            }
            if (item instanceof Indexing.Index.Mask m && !m.mask().hasValues()) {
                return false;
            }
        }
        return true;
    }
}
