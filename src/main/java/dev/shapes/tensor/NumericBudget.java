package dev.shapes.tensor;

/**
 * The limit on values the interpreter will compute. Shape checks never count
 * against it; numeric results that would exceed it are refused with a clear
 * message instead of an OutOfMemoryError.
 */
public final class NumericBudget {

    /** Default: 32M elements (256 MB of doubles). */
    public static final long DEFAULT_MAX_ELEMENTS = 1L << 25;

    private static volatile long maxElements = DEFAULT_MAX_ELEMENTS;

    private NumericBudget() {}

    public static long maxElements() {
        return maxElements;
    }

    public static void setMaxElements(long elements) {
        maxElements = elements;
    }

    /** Whether a tensor of this shape may carry values. */
    public static boolean allows(Shape shape) {
        return shape.numel().isPresent() && shape.numel().getAsLong() <= maxElements;
    }

    /** Throws when computing values of this shape would exceed the budget. */
    public static void require(Shape shape, DType dtype) {
        if (!allows(shape)) {
            throw new Exceeded(shape, dtype);
        }
    }

    public static double[] allocate(long n) {
        if (n > maxElements) {
            throw new Exceeded(Shape.of(n), DType.F64);
        }
        return new double[(int) n];
    }

    /** Raised when values would exceed the budget. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded(Shape shape, DType dtype) {
            this("the values of " + dtype.shortName + shape, shape);
        }

        /** {@code what} names the values, e.g. "torch.ones(100000, 100000)". */
        public Exceeded(String what, Shape shape) {
            super(what + " would hold " + count(shape) + " values (" + describeBytes(shape)
                    + "), over the numeric budget of " + String.format("%,d", maxElements) + " values; declare the "
                    + "tensor without values (e.g. x: f32" + shape + ") to check shapes only", null, false, false);
        }

        private static String count(Shape shape) {
            return shape.numel().isPresent() ? String.format("%,d", shape.numel().getAsLong()) : "an unknown number of";
        }

        private static String describeBytes(Shape shape) {
            if (shape.numel().isEmpty()) {
                return "an unknown amount of memory";
            }
            double bytes = shape.numel().getAsLong() * 8.0;
            if (bytes >= 1L << 30) {
                return String.format("%.1f GB", bytes / (1L << 30));
            }
            return String.format("%.1f MB", bytes / (1L << 20));
        }
    }
}
