package dev.shapes.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A tensor's type (dtype and shape) and, when they are facts, its values in
 * row-major order. Shape-only tensors never allocate, whatever their size.
 *
 * <p>Values are rounded to the dtype. f32 values are kept as {@code float[]} (half the memory,
 * and what {@link FloatKernels} work on); every other dtype keeps doubles. {@link #data()} gives
 * doubles for any dtype: for f32 it widens once and keeps the copy, so code written against
 * doubles works unchanged.
 */
public final class Tensor {

    private final DType dtype;
    private final Shape shape;
    /** The values as doubles: the storage for dtypes other than f32, a cached widening for f32. */
    private volatile double[] values;
    /** The storage of f32 values; null for other dtypes and for shape-only tensors. */
    private final float[] floats;
    /** The memory layout when it is not row-major contiguous (after a transpose, say); null when it is. */
    private final long[] strides;

    private Tensor(DType dtype, Shape shape, double[] values, float[] floats) {
        this(dtype, shape, values, floats, null);
    }

    private Tensor(DType dtype, Shape shape, double[] values, float[] floats, long[] strides) {
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
        this.floats = floats;
        this.strides = strides;
    }

    public static Tensor shapeOnly(DType dtype, Shape shape) {
        return new Tensor(dtype, shape, null, null);
    }

    /** A tensor with values, rounded to the dtype (in place, except f32 whose values are copied to floats). */
    public static Tensor of(DType dtype, Shape shape, double[] values) {
        checkCount(shape, values.length);
        if (dtype == DType.F32) {
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            return new Tensor(dtype, shape, null, floats);
        }
        if (dtype != DType.F64) {
            for (int i = 0; i < values.length; i++) {
                values[i] = dtype.round(values[i]);
            }
        }
        return new Tensor(dtype, shape, values, null);
    }

    /** An f32 tensor over these values (not copied: the caller hands them over). */
    public static Tensor ofFloats(Shape shape, float[] values) {
        checkCount(shape, values.length);
        return new Tensor(DType.F32, shape, null, values);
    }

    private static void checkCount(Shape shape, int count) {
        long n = shape.numel().orElseThrow(() -> new IllegalArgumentException("values need a known shape: " + shape));
        if (n != count) {
            throw new IllegalArgumentException(count + " values for shape " + shape);
        }
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
        return floats != null || values != null;
    }

    /** The values as doubles (not a copy: treat as read-only). */
    public double[] data() {
        double[] doubles = values;
        if (doubles != null) {
            return doubles;
        }
        if (floats == null) {
            throw new IllegalStateException("shape-only tensor has no values");
        }
        doubles = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            doubles[i] = floats[i];
        }
        values = doubles;
        return doubles;
    }

    /** Whether the values are f32 kept as floats, for {@link #floatData()}. */
    public boolean hasFloats() {
        return floats != null;
    }

    /** The f32 values (not a copy: treat as read-only). */
    public float[] floatData() {
        if (floats == null) {
            throw new IllegalStateException(hasValues() ? typeString() + " values are not kept as floats"
                    : "shape-only tensor has no values");
        }
        return floats;
    }

    /** The number of values this tensor holds (0 for shape-only tensors). */
    public int valueCount() {
        return floats != null ? floats.length : values != null ? values.length : 0;
    }

    /** One value, by its row-major index, without widening f32 storage. */
    public double value(int index) {
        if (floats != null) {
            return floats[index];
        }
        return data()[index];
    }

    public double item() {
        return value(0);
    }

    /** The same values in another (row-major contiguous) shape. */
    public Tensor withShape(Shape newShape) {
        return new Tensor(dtype, newShape, values, floats);
    }

    /**
     * The same tensor with sizes that are equal to the current ones, e.g. a
     * symbol replaced by the number it was bound to; values and layout are kept.
     */
    public Tensor withEqualShape(Shape sameSizes) {
        return new Tensor(dtype, sameSizes, values, floats, strides);
    }

    /**
     * Records a non-contiguous layout: the strides a view of the original memory
     * would have (values stay in logical row-major order). Frameworks use it to
     * decide whether a {@code view} is possible.
     */
    public Tensor withStrides(long[] layout) {
        return new Tensor(dtype, shape, values, floats, layout == null ? null : layout.clone());
    }

    /** The strides of a non-contiguous layout, or empty when the tensor is contiguous. */
    public java.util.Optional<long[]> strides() {
        return java.util.Optional.ofNullable(strides).map(long[]::clone);
    }

    /** The same type without values, e.g. when an operation's result is not a fact. */
    public Tensor withoutValues() {
        return hasValues() ? new Tensor(dtype, shape, null, null, strides) : this;
    }

    /** The same values cast to another dtype, as {@code .to(dtype)} does. */
    public Tensor cast(DType target) {
        if (!hasValues()) {
            return shapeOnly(target, shape);
        }
        if (target == DType.F32 && floats != null) {
            return new Tensor(target, shape, null, floats.clone());
        }
        return of(target, shape, data().clone());
    }

    /** Values as nested lists of numbers (Long for integers, Double for floats, Boolean for bool). */
    public Object nested() {
        if (!hasValues()) {
            return null;
        }
        long[] sizes = shape.sizes();
        return nested(sizes, 0, new int[] {0});
    }

    private Object nested(long[] sizes, int axis, int[] cursor) {
        if (axis == sizes.length) {
            return element(value(cursor[0]++));
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
        return typeString() + (hasValues() ? " = " + nested() : "");
    }
}
