package dev.shapes.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * NumPy's indexing rules (basic and advanced), which PyTorch follows too.
 * The result is a shape (and values when every input has them) or a
 * structured problem each framework words in its own way.
 */
public final class Indexing {

    private Indexing() {}

    /** One item of a subscript. */
    public sealed interface Index {
        record At(long index) implements Index {}

        record Range(OptionalLong start, OptionalLong stop, long step) implements Index {}

        record NewAxis() implements Index {}

        record Rest() implements Index {}

        /** An integer index array. */
        record Array(Tensor indices) implements Index {}

        /** A boolean mask; it consumes as many axes as it has. */
        record Mask(Tensor mask) implements Index {}
    }

    /** Why indexing failed, in framework-neutral terms. */
    public sealed interface Problem {
        record TooManyIndices(int rank, int indexed) implements Problem {}

        record OutOfBounds(long index, int axis, long size) implements Problem {}

        /** The index arrays' shapes (masks appear as their nonzero() arrays). */
        record ArraysDoNotBroadcast(List<Shape> shapes) implements Problem {}

        record MaskMismatch(int axis, Dim axisSize, Dim maskSize, Shape maskShape, Shape indexedShape, int maskAxis)
                implements Problem {}

        record StepZero() implements Problem {}
    }

    /**
     * The indexed tensor or the problem; {@code indexShapes} are the shapes of the
     * advanced index arrays (masks as their nonzero() arrays) and
     * {@code advancedShape} what they broadcast to, for the silent-broadcast note.
     */
    public record Result(Tensor tensor, Problem problem, List<Shape> indexShapes, Shape advancedShape) {
        public boolean ok() {
            return problem == null;
        }

        public boolean advanced() {
            return !indexShapes.isEmpty();
        }
    }

    /** How one advanced index reads an input axis (or several, for a mask). */
    private record Advanced(int firstAxis, int axes, Tensor indices, Tensor mask) {}

    public static Result apply(Tensor input, List<Index> items, Bindings bindings) {
        Shape shape = input.shape();
        int consumed = 0;
        int ellipses = 0;
        for (Index item : items) {
            if (item instanceof Index.Mask m) {
                consumed += m.mask().rank();
            } else if (item instanceof Index.Rest) {
                ellipses++;
            } else if (!(item instanceof Index.NewAxis)) {
                consumed++;
            }
        }
        if (consumed > shape.rank()) {
            return failure(new Problem.TooManyIndices(shape.rank(), consumed));
        }
        List<Index> expanded = new ArrayList<>();
        boolean expandedRest = false;
        for (Index item : items) {
            if (item instanceof Index.Rest) {
                if (!expandedRest) {
                    for (int i = 0; i < shape.rank() - consumed; i++) {
                        expanded.add(new Index.Range(OptionalLong.empty(), OptionalLong.empty(), 1));
                    }
                    expandedRest = true;
                }
            } else {
                expanded.add(item);
            }
        }
        while (countAxes(expanded) < shape.rank()) {
            expanded.add(new Index.Range(OptionalLong.empty(), OptionalLong.empty(), 1));
        }
        boolean anyArray = expanded.stream().anyMatch(i -> i instanceof Index.Array || i instanceof Index.Mask);

        // Walk the items: basic ones give output axes, advanced ones are collected.
        List<Dim> before = new ArrayList<>();
        List<Dim> after = new ArrayList<>();
        List<Advanced> advanced = new ArrayList<>();
        int axis = 0;
        int firstAdvancedSlot = -1;
        int lastAdvancedItem = -1;
        boolean separated = false;
        int itemIndex = 0;
        for (Index item : expanded) {
            boolean isAdvanced = item instanceof Index.Array || item instanceof Index.Mask
                    || (anyArray && item instanceof Index.At);
            if (isAdvanced) {
                if (lastAdvancedItem >= 0 && lastAdvancedItem != itemIndex - 1) {
                    separated = true;
                }
                lastAdvancedItem = itemIndex;
                if (firstAdvancedSlot < 0) {
                    firstAdvancedSlot = before.size();
                }
            }
            List<Dim> target = firstAdvancedSlot < 0 ? before : after;
            if (item instanceof Index.At at) {
                Dim size = bindings.resolve(shape.dim(axis));
                if (size instanceof Dim.Known k && (at.index() >= k.size() || at.index() < -k.size())) {
                    return failure(new Problem.OutOfBounds(at.index(), axis, k.size()));
                }
                if (anyArray) {
                    advanced.add(new Advanced(axis, 1, Tensor.scalar(DType.I64, at.index()), null));
                }
                axis++;
            } else if (item instanceof Index.Range range) {
                if (range.step() == 0) {
                    return failure(new Problem.StepZero());
                }
                target.add(sliceLength(bindings.resolve(shape.dim(axis)), range));
                axis++;
            } else if (item instanceof Index.NewAxis) {
                target.add(Dim.of(1));
            } else if (item instanceof Index.Array array) {
                Dim size = bindings.resolve(shape.dim(axis));
                if (array.indices().hasValues() && size instanceof Dim.Known k) {
                    for (double v : array.indices().data()) {
                        if (v >= k.size() || v < -k.size()) {
                            return failure(new Problem.OutOfBounds((long) v, axis, k.size()));
                        }
                    }
                }
                advanced.add(new Advanced(axis, 1, array.indices(), null));
                axis++;
            } else if (item instanceof Index.Mask mask) {
                Shape maskShape = mask.mask().shape();
                for (int i = 0; i < maskShape.rank(); i++) {
                    Dim have = shape.dim(axis + i);
                    Dim want = maskShape.dim(i);
                    if (!bindings.compatible(have, want, "indexed", "mask")) {
                        return failure(new Problem.MaskMismatch(axis + i, have, want, maskShape, shape, i));
                    }
                }
                advanced.add(new Advanced(axis, maskShape.rank(), null, mask.mask()));
                axis += maskShape.rank();
            }
            itemIndex++;
        }

        Shape resultShape;
        Shape advancedShape = Shape.SCALAR;
        List<Shape> arrayShapes = new ArrayList<>();
        if (!advanced.isEmpty()) {
            for (Advanced a : advanced) {
                if (a.mask() != null) {
                    Dim count = a.mask().hasValues() ? Dim.of(countNonZero(a.mask())) : Dim.UNKNOWN;
                    // a 0-d mask indexes no axis: it adds one of length 1 (True) or 0 (False)
                    for (int i = 0; i < Math.max(a.axes(), 1); i++) {
                        arrayShapes.add(Shape.of(count));
                    }
                } else {
                    arrayShapes.add(a.indices().shape());
                }
            }
            Broadcast.Result b = Broadcast.all(arrayShapes, bindings);
            if (!b.ok()) {
                return failure(new Problem.ArraysDoNotBroadcast(arrayShapes));
            }
            advancedShape = b.shape().get();
            List<Dim> dims = new ArrayList<>();
            if (separated) {
                dims.addAll(advancedShape.dims());
                dims.addAll(before);
                dims.addAll(after);
            } else {
                dims.addAll(before);
                dims.addAll(advancedShape.dims());
                dims.addAll(after);
            }
            resultShape = new Shape(dims);
        } else {
            List<Dim> dims = new ArrayList<>(before);
            dims.addAll(after);
            resultShape = new Shape(dims);
        }

        boolean valuesKnown = input.hasValues() && advanced.stream().allMatch(a ->
                (a.indices() == null || a.indices().hasValues()) && (a.mask() == null || a.mask().hasValues()));
        if (!valuesKnown || !resultShape.isFullyKnown() || !NumericBudget.allows(resultShape)) {
            return new Result(Tensor.shapeOnly(input.dtype(), resultShape), null, arrayShapes, advancedShape);
        }
        double[] values = gather(input, expanded, advanced, advancedShape, resultShape, separated,
                before.size());
        return new Result(Tensor.of(input.dtype(), resultShape, values), null, arrayShapes, advancedShape);
    }

    private static int countAxes(List<Index> items) {
        int n = 0;
        for (Index item : items) {
            if (item instanceof Index.Mask m) {
                n += m.mask().rank();
            } else if (!(item instanceof Index.NewAxis)) {
                n++;
            }
        }
        return n;
    }

    private static long countNonZero(Tensor mask) {
        long n = 0;
        for (double v : mask.data()) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    /** Python's slice length for an axis of this size. */
    public static Dim sliceLength(Dim size, Index.Range range) {
        if (!(size instanceof Dim.Known k)) {
            boolean whole = range.start().isEmpty() && range.stop().isEmpty() && range.step() == 1;
            return whole ? size : Dim.UNKNOWN;
        }
        long[] bounds = sliceBounds(k.size(), range);
        return Dim.of(bounds[2]);
    }

    /** {start, step, length} after Python's clamping rules. */
    public static long[] sliceBounds(long n, Index.Range range) {
        long step = range.step();
        long start;
        long stop;
        if (step > 0) {
            start = range.start().isPresent() ? clamp(range.start().getAsLong(), n, 0, n) : 0;
            stop = range.stop().isPresent() ? clamp(range.stop().getAsLong(), n, 0, n) : n;
            long len = stop > start ? (stop - start + step - 1) / step : 0;
            return new long[] {start, step, len};
        }
        start = range.start().isPresent() ? clamp(range.start().getAsLong(), n, -1, n - 1) : n - 1;
        stop = range.stop().isPresent() ? clamp(range.stop().getAsLong(), n, -1, n - 1) : -1;
        long len = start > stop ? (start - stop - step - 1) / (-step) : 0;
        return new long[] {start, step, len};
    }

    private static long clamp(long i, long n, long lo, long hi) {
        if (i < 0) {
            i += n;
        }
        return Math.max(lo, Math.min(hi, i));
    }

    /** Computes the values of a successful index, with every input's values known. */
    private static double[] gather(Tensor input, List<Index> items, List<Advanced> advanced, Shape advancedShape,
                                   Shape resultShape, boolean separated, int basicBeforeAdvanced) {
        long[] inSizes = input.shape().sizes();
        long[] inStrides = Kernels.strides(inSizes);
        long[] outSizes = resultShape.sizes();
        int advRank = advancedShape.rank();
        int slot = advanced.isEmpty() ? Integer.MAX_VALUE : (separated ? 0 : basicBeforeAdvanced);

        // basic output axes in order: the input axis each reads (-1 for a new axis) and its slice
        List<long[]> basic = new ArrayList<>(); // {inputAxis, start, step}
        long constantOffset = 0;
        int inAxis = 0;
        for (Index item : items) {
            if (item instanceof Index.At at) {
                if (advanced.isEmpty()) {
                    constantOffset += wrap(at.index(), inSizes[inAxis]) * inStrides[inAxis];
                }
                inAxis++;
            } else if (item instanceof Index.Range range) {
                long[] b = sliceBounds(inSizes[inAxis], range);
                basic.add(new long[] {inAxis, b[0], b[1]});
                inAxis++;
            } else if (item instanceof Index.NewAxis) {
                basic.add(new long[] {-1, 0, 0});
            } else if (item instanceof Index.Array) {
                inAxis++;
            } else if (item instanceof Index.Mask mask) {
                inAxis += mask.mask().rank();
            }
        }

        // integer arrays for every advanced input axis, broadcast to advancedShape
        List<double[]> advIndex = new ArrayList<>();
        List<Integer> advAxis = new ArrayList<>();
        for (Advanced a : advanced) {
            if (a.mask() != null) {
                long[] maskSizes = a.mask().shape().sizes();
                long[] maskStrides = Kernels.strides(maskSizes);
                double[] m = a.mask().data();
                int count = (int) countNonZero(a.mask());
                for (int d = 0; d < a.axes(); d++) {
                    double[] coords = new double[count];
                    int c = 0;
                    for (int i = 0; i < m.length; i++) {
                        if (m[i] != 0) {
                            coords[c++] = (i / maskStrides[d]) % maskSizes[d];
                        }
                    }
                    advIndex.add(Kernels.expand(Tensor.of(DType.I64, Shape.of(count), coords), advancedShape).data());
                    advAxis.add(a.firstAxis() + d);
                }
            } else {
                advIndex.add(Kernels.expand(a.indices(), advancedShape).data());
                advAxis.add(a.firstAxis());
            }
        }
        long[] advStrides = Kernels.strides(advancedShape.sizes());

        double[] out = new double[(int) resultShape.numel().getAsLong()];
        long[] outIndex = new long[outSizes.length];
        for (int flat = 0; flat < out.length; flat++) {
            long src = constantOffset;
            for (int j = 0; j < basic.size(); j++) {
                long[] b = basic.get(j);
                if (b[0] >= 0) {
                    int outAxis = j < slot ? j : j + advRank;
                    src += (b[1] + outIndex[outAxis] * b[2]) * inStrides[(int) b[0]];
                }
            }
            if (!advanced.isEmpty()) {
                long advFlat = 0;
                for (int d = 0; d < advRank; d++) {
                    advFlat += outIndex[slot + d] * advStrides[d];
                }
                for (int k = 0; k < advIndex.size(); k++) {
                    int ax = advAxis.get(k);
                    src += wrap((long) advIndex.get(k)[(int) advFlat], inSizes[ax]) * inStrides[ax];
                }
            }
            out[flat] = input.data()[(int) src];
            for (int d = outSizes.length - 1; d >= 0; d--) {
                if (++outIndex[d] < outSizes[d]) {
                    break;
                }
                outIndex[d] = 0;
            }
        }
        return out;
    }

    private static long wrap(long i, long size) {
        return i < 0 ? i + size : i;
    }

    private static Result failure(Problem problem) {
        return new Result(null, problem, List.of(), Shape.SCALAR);
    }
}
