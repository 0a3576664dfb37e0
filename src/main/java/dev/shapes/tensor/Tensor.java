package dev.shapes.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A tensor's type (dtype and shape) and, when they are facts, its values in
 * row-major order. Shape-only tensors never allocate, whatever their size.
 * Values are stored as doubles already rounded to the dtype.
 */
public final class Tensor {

    private final DType dtype;
    private final Shape shape;
    private final double[] values;
    /** The memory layout when it is not row-major contiguous (after a transpose, say); null when it is. */
    private final long[] strides;

    private Tensor(DType dtype, Shape shape, double[] values) {
        this(dtype, shape, values, null);
    }

    private Tensor(DType dtype, Shape shape, double[] values, long[] strides) {
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
        this.strides = strides;
    }

    public static Tensor shapeOnly(DType dtype, Shape shape) {
        return new Tensor(dtype, shape, null);
    }

    /** A tensor with values; they are rounded to the dtype in place. */
    public static Tensor of(DType dtype, Shape shape, double[] values) {
        long n = shape.numel().orElseThrow(() -> new IllegalArgumentException("values need a known shape: " + shape));
        if (n != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + shape);
        }
        if (dtype != DType.F64) {
            for (int i = 0; i < values.length; i++) {
                values[i] = dtype.round(values[i]);
            }
        }
        return new Tensor(dtype, shape, values);
    }

    public static Tensor scalar(DType dtype, double value) {
        return of(dtype, Shape.SCALAR, new double[] {value});
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public int rank() {
        return shape.rank();
    }

    public boolean hasValues() {
        return values != null;
    }

    /** The values (not a copy: treat as read-only). */
    public double[] data() {
        if (values == null) {
            throw new IllegalStateException("shape-only tensor has no values");
        }
        return values;
    }

    public double item() {
        return data()[0];
    }

    /** The same values in another (row-major contiguous) shape. */
    public Tensor withShape(Shape newShape) {
        return new Tensor(dtype, newShape, values);
    }

    /**
     * The same tensor with sizes that are equal to the current ones, e.g. a
     * symbol replaced by the number it was bound to; values and layout are kept.
     */
    public Tensor withEqualShape(Shape sameSizes) {
        return new Tensor(dtype, sameSizes, values, strides);
    }

    /**
     * Records a non-contiguous layout: the strides a view of the original memory
     * would have (values stay in logical row-major order). Frameworks use it to
     * decide whether a {@code view} is possible.
     */
    public Tensor withStrides(long[] layout) {
        return new Tensor(dtype, shape, values, layout == null ? null : layout.clone());
    }

    /** The strides of a non-contiguous layout, or empty when the tensor is contiguous. */
    public java.util.Optional<long[]> strides() {
        return java.util.Optional.ofNullable(strides).map(long[]::clone);
    }

    /** The same type without values, e.g. when an operation's result is not a fact. */
    public Tensor withoutValues() {
        return values == null ? this : new Tensor(dtype, shape, null, strides);
    }

    /** The same values cast to another dtype, as {@code .to(dtype)} does. */
    public Tensor cast(DType target) {
        if (values == null) {
            return shapeOnly(target, shape);
        }
        return of(target, shape, values.clone());
    }

    /** Values as nested lists of numbers (Long for integers, Double for floats, Boolean for bool). */
    public Object nested() {
        if (values == null) {
            return null;
        }
        long[] sizes = shape.sizes();
        return nested(sizes, 0, new int[] {0});
    }

    private Object nested(long[] sizes, int axis, int[] cursor) {
        if (axis == sizes.length) {
            return element(values[cursor[0]++]);
        }
        List<Object> items = new ArrayList<>((int) sizes[axis]);
        for (long i = 0; i < sizes[axis]; i++) {
            items.add(nested(sizes, axis + 1, cursor));
        }
        return items;
    }

    private Object element(double v) {
        if (dtype.isBool()) {
            return v != 0;
        }
        if (dtype.isIntegral()) {
            return (long) v;
        }
        return v;
    }

    /** The notation's spelling of the type: {@code f32[32, 10]}. */
    public String typeString() {
        return dtype.shortName + shape;
    }

    @Override
    public String toString() {
        return typeString() + (values == null ? "" : " = " + nested());
    }
}
