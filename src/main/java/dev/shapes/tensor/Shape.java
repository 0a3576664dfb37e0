package dev.shapes.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/** The sizes of a tensor's axes, outermost first. */
public record Shape(List<Dim> dims) {

    public static final Shape SCALAR = new Shape(List.of());

    public Shape {
        dims = List.copyOf(dims);
    }

    public static Shape of(long... sizes) {
        List<Dim> dims = new ArrayList<>(sizes.length);
        for (long s : sizes) {
            dims.add(Dim.of(s));
        }
        return new Shape(dims);
    }

    public static Shape of(Dim... dims) {
        return new Shape(Arrays.asList(dims));
    }

    public int rank() {
        return dims.size();
    }

    public Dim dim(int axis) {
        return dims.get(axis);
    }

    /** The axis counted from the end when negative, as Python does; -1 is the last. */
    public Dim fromEnd(int negativeAxis) {
        return dims.get(dims.size() + negativeAxis);
    }

    public boolean isFullyKnown() {
        return dims.stream().allMatch(Dim::isKnown);
    }

    public long[] sizes() {
        long[] sizes = new long[dims.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = dims.get(i).known().orElseThrow(() -> new IllegalStateException("shape is not fully known: " + this));
        }
        return sizes;
    }

    /** The number of elements, when every axis is known. */
    public OptionalLong numel() {
        long n = 1;
        for (Dim d : dims) {
            if (!(d instanceof Dim.Known k)) {
                return OptionalLong.empty();
            }
            n = multiplySaturated(n, k.size());
        }
        return OptionalLong.of(n);
    }

    /** The element count as a Dim (symbolic when some axes are). */
    public Dim numelDim() {
        Dim n = Dim.of(1);
        for (Dim d : dims) {
            n = n.times(d);
        }
        return n;
    }

    public Shape with(int axis, Dim dim) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.set(axis, dim);
        return new Shape(copy);
    }

    public Shape without(int axis) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.remove(axis);
        return new Shape(copy);
    }

    public Shape inserting(int axis, Dim dim) {
        List<Dim> copy = new ArrayList<>(dims);
        copy.add(axis, dim);
        return new Shape(copy);
    }

    public Shape append(Dim dim) {
        return inserting(dims.size(), dim);
    }

    public Shape subShape(int from, int to) {
        return new Shape(dims.subList(from, to));
    }

    /**
     * Formats with the given brackets and separator, e.g. {@code format("[", ", ", "]", "None", false)}
     * gives {@code [32, 10]}; with {@code tupleComma} a rank-1 shape gets Python's trailing comma.
     */
    public String format(String open, String separator, String close, String unknown, boolean tupleComma) {
        StringBuilder out = new StringBuilder(open);
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            Dim d = dims.get(i);
            out.append(d instanceof Dim.Unknown ? unknown : d.toString());
        }
        if (tupleComma && dims.size() == 1) {
            out.append(',');
        }
        return out.append(close).toString();
    }

    /** The notation's own spelling: {@code [32, 10]}. */
    @Override
    public String toString() {
        return format("[", ", ", "]", "None", false);
    }

    static long multiplySaturated(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo;
        }
        return Long.MAX_VALUE;
    }
}
