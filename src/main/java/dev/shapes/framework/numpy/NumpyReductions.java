package dev.shapes.framework.numpy;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * NumPy's reductions ({@code sum}, {@code mean}, {@code max}, {@code argmax}, ...):
 * the dtype each gives, the axes it takes, keepdims, and the texts for empty
 * input. Shared by the {@code np.} functions and the ndarray methods.
 */
final class NumpyReductions {

    private NumpyReductions() {}

    enum Kind {
        SUM("sum", "add"), PROD("prod", "multiply"), MEAN("mean", null), MAX("max", "maximum"),
        MIN("min", "minimum"), ARGMAX("argmax", null), ARGMIN("argmin", null), ANY("any", "logical_or"),
        ALL("all", "logical_and"), STD("std", null), VAR("var", null);

        final String name;
        final String ufunc;

        Kind(String name, String ufunc) {
            this.name = name;
            this.ufunc = ufunc;
        }
    }

    /** The dtype a reduction gives for this input (and an explicit {@code dtype=}). */
    static DType reducedType(Kind kind, DType in, Optional<DType> requested) {
        if (requested.isPresent()) {
            return requested.get();
        }
        return switch (kind) {
            case SUM, PROD -> in.isFloating() ? in : in == DType.U8 ? NumpyTypes.NpType.U64.dtype() : DType.I64;
            case MEAN, STD, VAR -> in.isFloating() ? in : DType.F64;
            case ARGMAX, ARGMIN -> DType.I64;
            case ANY, ALL -> DType.BOOL;
            default -> in;
        };
    }

    /**
     * A reduction over {@code axes} (every axis for None). {@code argLike}
     * reductions take one axis or None and flatten for None.
     */
    static Tensor reduce(Tensor x, Value axisArg, boolean keepdims, Kind kind, Optional<DType> dtype, CallContext ctx) {
        DType out = reducedType(kind, x.dtype(), dtype);
        boolean arg = kind == Kind.ARGMAX || kind == Kind.ARGMIN;
        int rank = x.rank();
        List<Integer> axes;
        if (arg) {
            if (axisArg instanceof Value.NoneValue) {
                axes = null;
            } else {
                axes = List.of(NumpyOps.axis(NumpyOps.index(axisArg), Math.max(rank, 1)));
            }
        } else {
            axes = NumpyOps.axes(axisArg, rank);
        }
        List<Dim> shape = new ArrayList<>(x.shape().dims());
        Dim reducedCount = Dim.of(1);
        if (axes == null) {
            reducedCount = x.shape().numelDim();
            shape.replaceAll(d -> Dim.of(1));
            if (!keepdims) {
                shape.clear();
            }
        } else {
            for (int a : new TreeSet<>(axes).descendingSet()) {
                if (rank == 0) {
                    break;
                }
                reducedCount = reducedCount.times(shape.get(a));
                if (keepdims) {
                    shape.set(a, Dim.of(1));
                } else {
                    shape.remove(a);
                }
            }
        }
        Shape resultShape = new Shape(shape);
        if (reducedCount.is(0) && x.shape().numel().orElse(1) == 0) {
            emptyReduction(kind, ctx);
        }
        if (!x.hasValues()) {
            return Tensor.shapeOnly(out, resultShape);
        }
        if (x.data().length == 0) {
            return emptyResult(kind, out, resultShape);
        }
        if (kind == Kind.STD || kind == Kind.VAR) {
            return variance(x, axes == null ? allAxes(rank) : axes, kind == Kind.STD, out, resultShape);
        }
        Kernels.Reduction k = Kernels.Reduction.valueOf(kind.name());
        DType work = kind == Kind.MEAN || kind == Kind.SUM || kind == Kind.PROD ? DType.F64 : x.dtype();
        if (axes == null || rank == 0 || axes.size() == rank && !arg) {
            Tensor all = Kernels.reduceAll(x, k, kind == Kind.MEAN || kind == Kind.SUM
                    || kind == Kind.PROD ? work : out);
            return all.cast(out).withShape(resultShape);
        }
        Tensor r = x;
        for (int a : new TreeSet<>(axes).descendingSet()) {
            r = Kernels.reduce(r, a, true, k, work == DType.F64 ? DType.F64 : out);
        }
        return r.cast(out).withShape(resultShape);
    }

    private static List<Integer> allAxes(int rank) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            out.add(i);
        }
        return out;
    }

    private static void emptyReduction(Kind kind, CallContext ctx) {
        switch (kind) {
            case MAX, MIN -> throw new FrameworkException("ValueError", "zero-size array to reduction operation "
                    + kind.ufunc + " which has no identity");
            case ARGMAX, ARGMIN -> throw new FrameworkException("ValueError", "attempt to get " + kind.name
                    + " of an empty sequence");
            default -> {
            }
        }
    }

    private static Tensor emptyResult(Kind kind, DType out, Shape shape) {
        double fill = switch (kind) {
            case PROD, ALL -> 1;
            case MEAN, STD, VAR -> Double.NaN;
            default -> 0;
        };
        if (!NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(out, shape);
        }
        double[] v = new double[(int) shape.numel().getAsLong()];
        java.util.Arrays.fill(v, fill);
        return Tensor.of(out, shape, v);
    }

    private static Tensor variance(Tensor x, List<Integer> axes, boolean sqrt, DType out, Shape resultShape) {
        Tensor mean = x.cast(DType.F64);
        for (int a : new TreeSet<>(axes).descendingSet()) {
            mean = Kernels.reduce(mean, a, true, Kernels.Reduction.MEAN, DType.F64);
        }
        Tensor squares = Kernels.binary(x.cast(DType.F64), mean, x.shape(), DType.F64, (v, m) -> (v - m) * (v - m));
        for (int a : new TreeSet<>(axes).descendingSet()) {
            squares = Kernels.reduce(squares, a, true, Kernels.Reduction.MEAN, DType.F64);
        }
        Tensor r = sqrt ? Kernels.map(squares, DType.F64, Math::sqrt) : squares;
        return r.cast(out).withShape(resultShape);
    }
}
