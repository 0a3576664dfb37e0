package dev.shapes.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NumPy-style broadcasting of shapes, shared by every framework. */
public final class Broadcast {

    private Broadcast() {}

    /**
     * Where two shapes fail to broadcast: {@code axisFromEnd} counts from the
     * last axis (0 = last); {@code axisA}/{@code axisB} are the axes in each operand.
     */
    public record Mismatch(int axisFromEnd, int axisA, int axisB, Dim sizeA, Dim sizeB, int resultAxis) {}

    /** The broadcast result shape, or the first mismatch scanning from the last axis. */
    public record Result(Optional<Shape> shape, Optional<Mismatch> mismatch) {
        public boolean ok() {
            return shape.isPresent();
        }
    }

    public static Result shapes(Shape a, Shape b, Bindings bindings) {
        int rank = Math.max(a.rank(), b.rank());
        Dim[] out = new Dim[rank];
        for (int k = 0; k < rank; k++) {
            int ia = a.rank() - 1 - k;
            int ib = b.rank() - 1 - k;
            Dim da = ia >= 0 ? a.dim(ia) : Dim.of(1);
            Dim db = ib >= 0 ? b.dim(ib) : Dim.of(1);
            Dim merged = merge(da, db, bindings);
            if (merged == null) {
                return new Result(Optional.empty(), Optional.of(new Mismatch(k, ia, ib, da, db, rank - 1 - k)));
            }
            out[rank - 1 - k] = merged;
        }
        return new Result(Optional.of(new Shape(List.of(out))), Optional.empty());
    }

    /** Broadcasts several shapes left to right; the first failing pair is reported. */
    public static Result all(List<Shape> shapes, Bindings bindings) {
        Shape acc = shapes.get(0);
        for (int i = 1; i < shapes.size(); i++) {
            Result r = shapes(acc, shapes.get(i), bindings);
            if (!r.ok()) {
                return r;
            }
            acc = r.shape().get();
        }
        return new Result(Optional.of(acc), Optional.empty());
    }

    private static Dim merge(Dim a, Dim b, Bindings bindings) {
        Dim ra = bindings.resolve(a);
        Dim rb = bindings.resolve(b);
        if (ra.is(1)) {
            return rb;
        }
        if (rb.is(1)) {
            return ra;
        }
        if (ra instanceof Dim.Unknown) {
            return rb;
        }
        if (rb instanceof Dim.Unknown) {
            return ra;
        }
        return switch (bindings.unify(ra, rb, "", "")) {
            case EQUAL -> bindings.resolve(ra);
            case DIFFERENT -> null;
            case UNDECIDED -> ra;
        };
    }

    /** True when broadcasting made a shape bigger than both operands (e.g. [N,1] with [N] to [N,N]). */
    public static boolean grewBeyondBoth(Shape a, Shape b, Shape result) {
        return grew(a, result) && grew(b, result);
    }

    private static boolean grew(Shape operand, Shape result) {
        if (operand.rank() < result.rank()) {
            // a lower-rank operand is stretched along new axes: only "grew" if those axes are not 1
            for (int i = 0; i < result.rank() - operand.rank(); i++) {
                if (!result.dim(i).is(1)) {
                    return true;
                }
            }
        }
        int offset = result.rank() - operand.rank();
        for (int i = 0; i < operand.rank(); i++) {
            if (operand.dim(i).is(1) && !result.dim(i + offset).is(1)) {
                return true;
            }
        }
        return false;
    }

    /** Index mapping for reading a broadcast operand: the strides into it, 0 on stretched axes. */
    public static long[] stridesInto(Shape operand, Shape result) {
        long[] sizes = operand.sizes();
        long[] strides = new long[result.rank()];
        long stride = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            int r = i + result.rank() - sizes.length;
            strides[r] = sizes[i] == 1 ? 0 : stride;
            stride *= sizes[i];
        }
        return strides;
    }

    static List<Dim> ones(int n) {
        List<Dim> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(Dim.of(1));
        }
        return d;
    }
}
