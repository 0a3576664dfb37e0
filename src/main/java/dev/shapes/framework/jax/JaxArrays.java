package dev.shapes.framework.jax;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Broadcast;
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
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The array operations of {@code jax.numpy} and {@code jax.lax} that the
 * profile models, with JAX's own checks and texts
 * ({@code jax/_src/numpy/lax_numpy.py}, {@code jax/_src/lax/lax.py},
 * {@code jax/_src/numpy/reductions.py}). Values are computed when every
 * operand has them; results are rounded to the result dtype.
 */
final class JaxArrays {

    private JaxArrays() {}

    /** An operand with JAX's weak-type flag (Python scalars are weakly typed). */
    record Operand(Tensor tensor, boolean weak) {
        JaxTypes.Typed typed() {
            return new JaxTypes.Typed(tensor.dtype(), weak);
        }
    }

    // ------------------------------------------------------------ operands

    /** An operand of a jnp function or operator: an array or a Python scalar. */
    static Operand operand(Value v, String function, int position) {
        if (v instanceof Value.TensorValue t) {
            return new Operand(t.tensor(), false);
        }
        if (v instanceof Value.BoolValue b) {
            return new Operand(Tensor.scalar(DType.BOOL, b.value() ? 1 : 0), false);
        }
        if (v instanceof Value.IntValue i) {
            return new Operand(Tensor.scalar(DType.I32, i.value()), true);
        }
        if (v instanceof Value.FloatValue f) {
            return new Operand(Tensor.scalar(DType.F32, f.value()), true);
        }
        throw new FrameworkException("TypeError", function + " requires ndarray or scalar arguments, got "
                + pythonType(v) + " at position " + position + ".");
    }

    /** An array argument of a function that converts its input (jnp.asarray semantics). */
    static Tensor array(Value v, String function) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        if (v instanceof Value.BoolValue || v instanceof Value.IntValue || v instanceof Value.FloatValue) {
            return operand(v, function, 0).tensor();
        }
        Optional<Python.Nested> nested = Python.nested(v);
        if (nested.isPresent() && Python.sequenceItems(v) != null) {
            Python.Nested n = nested.get();
            DType t = n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F32 : DType.I32;
            return Tensor.of(t, n.shape(), n.values().clone());
        }
        throw new FrameworkException("TypeError", function + " requires ndarray or scalar arguments, got "
                + pythonType(v) + " at position 0.");
    }

    static String pythonType(Value v) {
        return "<class '" + v.typeName() + "'>";
    }

    // ------------------------------------------------------------ broadcasting

    /**
     * The broadcast shape of a jnp binary operation. Operands of different
     * (non-zero) ranks are first rank-promoted with {@code lax.broadcast_shapes},
     * whose failure is a ValueError; same-rank operands go straight to the lax
     * primitive, whose shape rule raises a TypeError naming the primitive.
     */
    static Shape broadcast(String primitive, Shape a, Shape b, Bindings bindings) {
        if (a.equals(b)) {
            return a;
        }
        Broadcast.Result r = Broadcast.shapes(a, b, bindings);
        if (r.ok()) {
            return r.shape().get();
        }
        Shape ra = bindings.resolve(a);
        Shape rb = bindings.resolve(b);
        if (a.rank() > 0 && b.rank() > 0 && a.rank() != b.rank()) {
            throw incompatible(List.of(ra, rb));
        }
        throw new FrameworkException("TypeError", primitive + " got incompatible shapes for broadcasting: "
                + JaxText.tuple(ra) + ", " + JaxText.tuple(rb) + ".");
    }

    /** {@code lax.broadcast_shapes}'s failure. */
    static FrameworkException incompatible(List<Shape> shapes) {
        return new FrameworkException("ValueError", "Incompatible shapes for broadcasting: shapes="
                + JaxText.tupleList(shapes));
    }

    /** {@code lax.broadcast_shapes} of several shapes (numpy rules), raising its ValueError. */
    static Shape broadcastShapes(List<Shape> shapes, Bindings bindings) {
        Broadcast.Result r = Broadcast.all(shapes, bindings);
        if (!r.ok()) {
            throw incompatible(shapes.stream().map(bindings::resolve).toList());
        }
        return r.shape().get();
    }

    // ------------------------------------------------------------ elementwise

    /** The lax primitive behind a Python operator, as its shape errors name it. */
    static String primitive(dev.shapes.lang.Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "sub";
            case MUL -> "mul";
            case DIV -> "div";
            case FLOOR_DIV -> "div";
            case MOD -> "rem";
            case POW -> "pow";
            case LT -> "lt";
            case GT -> "gt";
            case EQ -> "eq";
            case NE -> "ne";
            case LE -> "le";
            case GE -> "ge";
            case MATMUL -> "dot_general";
        };
    }

    /** A jnp binary operation: broadcasting, promotion and (when known) values. */
    static Tensor binary(dev.shapes.lang.Expr.BinaryOp op, Operand a, Operand b, CallContext ctx) {
        Shape out = broadcast(primitive(op), a.tensor().shape(), b.tensor().shape(), ctx.bindings());
        DType common = JaxTypes.promote(a.typed(), b.typed());
        DType outType = switch (op) {
            case DIV -> JaxTypes.inexact(common);
            case LT, GT, EQ, NE, LE, GE -> DType.BOOL;
            default -> common;
        };
        if (op == dev.shapes.lang.Expr.BinaryOp.SUB && common == DType.BOOL) {
            throw new FrameworkException("TypeError", "sub does not accept dtype bool. Accepted dtypes are "
                    + "subtypes of integer, floating, complex.");
        }
        if (!a.tensor().hasValues() || !b.tensor().hasValues() || !out.isFullyKnown()
                || !NumericBudget.allows(out)) {
            return Tensor.shapeOnly(outType, out);
        }
        boolean integral = !common.isFloating();
        DoubleBinaryOperator f = switch (op) {
            case ADD -> Double::sum;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
            case FLOOR_DIV -> integral ? (x, y) -> y == 0 ? 0 : Math.floor(x / y) : (x, y) -> Math.floor(x / y);
            case MOD -> integral ? (x, y) -> y == 0 ? 0 : x - y * Math.floor(x / y)
                    : (x, y) -> x - y * Math.floor(x / y);
            case POW -> Math::pow;
            case LT -> (x, y) -> x < y ? 1 : 0;
            case GT -> (x, y) -> x > y ? 1 : 0;
            case EQ -> (x, y) -> x == y ? 1 : 0;
            case NE -> (x, y) -> x != y ? 1 : 0;
            case LE -> (x, y) -> x <= y ? 1 : 0;
            case GE -> (x, y) -> x >= y ? 1 : 0;
            case MATMUL -> throw new IllegalArgumentException("matmul is not elementwise");
        };
        // operands are first converted to the common type (a Python float becomes float32, ...)
        Tensor x = a.tensor().cast(common);
        Tensor y = b.tensor().cast(common);
        DType computeType = outType == DType.BOOL ? DType.F64 : outType;
        Tensor r = Kernels.binary(x, y, out, computeType, f);
        return outType == DType.BOOL ? r.cast(DType.BOOL) : r;
    }

    /** An elementwise function of one array, e.g. exp or log_sigmoid; integer input gives float32. */
    static Tensor unaryFloat(Tensor x, DoubleUnaryOperator f) {
        DType outType = JaxTypes.inexact(x.dtype());
        if (!x.hasValues()) {
            return Tensor.shapeOnly(outType, x.shape());
        }
        return Kernels.map(x, outType, f);
    }

    static Tensor negate(Tensor x) {
        if (x.dtype() == DType.BOOL) {
            throw new FrameworkException("TypeError", "neg does not accept dtype bool. Accepted dtypes are "
                    + "subtypes of integer, floating, complex.");
        }
        return x.hasValues() ? Kernels.map(x, x.dtype(), v -> -v) : x;
    }

    // ------------------------------------------------------------ axes

    /** JAX's {@code canonicalize_axis}: ValueError "axis 2 is out of bounds for array of dimension 2". */
    static int canonicalAxis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new FrameworkException("ValueError", "axis " + axis + " is out of bounds for array of dimension "
                    + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** An integer argument (axis, size); a 0-d integer array counts. */
    static long integer(Value v, String what) {
        java.util.OptionalLong index = Python.index(v);
        if (index.isPresent()) {
            return index.getAsLong();
        }
        if (v instanceof Value.TensorValue t && !t.tensor().hasValues()) {
            throw new NotationException("ValueError", what + " must be a number the checker can see; "
                    + "this array has no values", null);
        }
        throw new FrameworkException("TypeError", "'" + v.typeName() + "' object cannot be interpreted as an integer");
    }

    /** An {@code axis=} argument: None (all axes), an int, or a tuple of ints, as written. */
    static Optional<List<Long>> axes(Value v) {
        if (v == null || v instanceof Value.NoneValue) {
            return Optional.empty();
        }
        List<Value> items = Python.sequenceItems(v);
        List<Long> out = new ArrayList<>();
        if (items == null) {
            out.add(integer(v, "axis"));
        } else {
            for (Value item : items) {
                out.add(integer(item, "axis"));
            }
        }
        return Optional.of(out);
    }

    // ------------------------------------------------------------ reductions

    enum Reduction { SUM, MEAN, MAX, MIN, PROD, ARGMAX, ARGMIN, ANY, ALL }

    /**
     * A jnp reduction. {@code jnp.mean}, {@code jnp.argmax} and
     * {@code jnp.argmin} look an out-of-range axis up in the shape tuple first,
     * so theirs fails with Python's IndexError; the others canonicalize it.
     */
    static Tensor reduce(Reduction kind, Tensor x, Value axisArg, boolean keepdims) {
        int rank = x.rank();
        Optional<List<Long>> requested = axes(axisArg);
        TreeSet<Integer> axes = new TreeSet<>();
        if (requested.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                axes.add(i);
            }
        } else {
            boolean lookup = kind == Reduction.MEAN || kind == Reduction.ARGMAX || kind == Reduction.ARGMIN;
            for (long a : requested.get()) {
                if (lookup && (a < -rank || a >= rank)) {
                    throw new FrameworkException("IndexError", "tuple index out of range");
                }
                int c = canonicalAxis(a, rank);
                if (!axes.add(c)) {
                    throw new FrameworkException("ValueError", "duplicate value in 'axis': " + Python.repr(axisArg));
                }
            }
        }
        DType outType = switch (kind) {
            case MEAN -> JaxTypes.inexact(x.dtype());
            case SUM, PROD -> x.dtype().isFloating() ? x.dtype() : DType.I32;
            case ARGMAX, ARGMIN -> DType.I32;
            case ANY, ALL -> DType.BOOL;
            default -> x.dtype();
        };
        List<Dim> outDims = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!axes.contains(i)) {
                outDims.add(x.shape().dim(i));
            } else if (keepdims) {
                outDims.add(Dim.of(1));
            }
        }
        Shape out = new Shape(outDims);
        if ((kind == Reduction.ARGMAX || kind == Reduction.ARGMIN) && requested.isEmpty()) {
            out = keepdims ? out : Shape.SCALAR;
        }
        if (!x.hasValues()) {
            return Tensor.shapeOnly(outType, out);
        }
        Tensor r = x.cast(DType.F64);
        if ((kind == Reduction.ARGMAX || kind == Reduction.ARGMIN) && requested.isEmpty()) {
            Tensor flat = r.withShape(Shape.of(r.valueCount()));
            return Kernels.reduce(flat, 0, false, kernel(kind), DType.I32).withShape(out);
        }
        long count = 1;
        for (int a : axes.descendingSet()) {
            count *= x.shape().dim(a).known().orElse(1);
            r = Kernels.reduce(r, a, true, kind == Reduction.MEAN ? Kernels.Reduction.SUM : kernel(kind), DType.F64);
        }
        if (kind == Reduction.MEAN) {
            long n = count;
            r = Kernels.map(r, DType.F64, v -> v / n);
        }
        return Tensor.of(outType, out, r.data().clone());
    }

    private static Kernels.Reduction kernel(Reduction kind) {
        return Kernels.Reduction.valueOf(kind.name());
    }

    // ------------------------------------------------------------ shape functions

    /** {@code jnp.reshape(a, shape)}: JAX's TypeErrors quote the requested shape as the user wrote it. */
    static Tensor reshape(Tensor x, Value shapeArg, Bindings bindings) {
        List<Value> items = Python.sequenceItems(shapeArg);
        List<Long> sizes = new ArrayList<>();
        if (items == null) {
            sizes.add(integer(shapeArg, "shape"));
        } else {
            for (Value v : items) {
                sizes.add(integer(v, "shape"));
            }
        }
        String written = Python.repr(shapeArg);
        int inferred = -1;
        long product = 1;
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) == -1) {
                if (inferred >= 0) {
                    throw new FrameworkException("TypeError", "can only specify one unknown axis size with a `-1` "
                            + "value, got " + written);
                }
                inferred = i;
            } else {
                product *= sizes.get(i);
            }
        }
        Shape in = bindings.resolve(x.shape());
        Dim total = in.numelDim();
        List<Dim> out = new ArrayList<>();
        for (long s : sizes) {
            out.add(Dim.of(s));
        }
        if (total.isKnown()) {
            long n = total.known().getAsLong();
            if (inferred >= 0) {
                if (product == 0 || n % product != 0) {
                    throw new FrameworkException("TypeError", "cannot reshape array of shape " + JaxText.tuple(in)
                            + " (size " + n + ") into shape " + written + " because the product of specified axis "
                            + "sizes (" + product + ") does not evenly divide " + n);
                }
                out.set(inferred, Dim.of(n / product));
            } else if (n != product) {
                throw new FrameworkException("TypeError", "cannot reshape array of shape " + JaxText.tuple(in)
                        + " (size " + n + ") into shape " + written + " (size " + product + ")");
            }
        } else if (inferred >= 0) {
            out.set(inferred, total.exactDivide(Dim.of(product)).orElse(Dim.UNKNOWN));
        }
        Shape result = new Shape(out);
        return x.hasValues() ? x.withShape(result) : Tensor.shapeOnly(x.dtype(), result);
    }

    /** {@code jnp.squeeze(a, axis)} through {@code lax.squeeze}'s shape rule. */
    static Tensor squeeze(Tensor x, Value axisArg, Bindings bindings) {
        int rank = x.rank();
        Optional<List<Long>> requested = axes(axisArg);
        TreeSet<Integer> dims = new TreeSet<>();
        if (requested.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                if (bindings.resolve(x.shape().dim(i)).is(1)) {
                    dims.add(i);
                }
            }
        } else {
            for (long a : requested.get()) {
                dims.add(canonicalAxis(a, rank));
            }
            for (int d : dims) {
                if (!bindings.resolve(x.shape().dim(d)).is(1)) {
                    StringBuilder list = new StringBuilder("(");
                    int k = 0;
                    for (int e : dims) {
                        list.append(k++ == 0 ? "" : ", ").append(e);
                    }
                    list.append(dims.size() == 1 ? ",)" : ")");
                    throw new FrameworkException("ValueError", "cannot select an axis to squeeze out which has size "
                            + "not equal to one, got shape=" + JaxText.tuple(bindings.resolve(x.shape()))
                            + " and dimensions=" + list);
                }
            }
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!dims.contains(i)) {
                out.add(x.shape().dim(i));
            }
        }
        Shape result = new Shape(out);
        return x.hasValues() ? x.withShape(result) : Tensor.shapeOnly(x.dtype(), result);
    }

    /** {@code jnp.expand_dims(a, axis)}: axes are canonicalized against the result's rank. */
    static Tensor expandDims(Tensor x, Value axisArg) {
        List<Long> requested = axes(axisArg).orElseThrow(() -> new FrameworkException("TypeError",
                "'NoneType' object cannot be interpreted as an integer"));
        // lax.expand_dims checks the axes as given (a tuple), then once more after canonicalizing (a list)
        if (new java.util.HashSet<>(requested).size() != requested.size()) {
            throw new FrameworkException("ValueError", "repeated axis in lax.expand_dims: "
                    + Python.repr(new Value.TupleValue(requested.stream().map(v -> (Value) new Value.IntValue(v))
                    .toList())));
        }
        int outRank = x.rank() + requested.size();
        TreeSet<Integer> dims = new TreeSet<>();
        List<Integer> canonical = new ArrayList<>();
        for (long a : requested) {
            canonical.add(canonicalAxis(a, outRank));
        }
        for (int c : canonical) {
            if (!dims.add(c)) {
                throw new FrameworkException("ValueError", "repeated axis in lax.expand_dims: " + canonical);
            }
        }
        List<Dim> out = new ArrayList<>();
        int src = 0;
        for (int i = 0; i < outRank; i++) {
            out.add(dims.contains(i) ? Dim.of(1) : x.shape().dim(src++));
        }
        Shape result = new Shape(out);
        return x.hasValues() ? x.withShape(result) : Tensor.shapeOnly(x.dtype(), result);
    }

    /** What a gather did with out-of-range or negative indices, for the product's notes. */
    record Gathered(Tensor tensor, int negatives, int outOfRange) {}

    /**
     * {@code jnp.take_along_axis(arr, indices, axis)}: negative indices wrap
     * once; out-of-range ones read the fill value (NaN for floats) instead of
     * raising, JAX's default "fill" mode.
     */
    static Gathered takeAlongAxis(Tensor a, Tensor idx, Value axisArg, Bindings bindings) {
        if (!idx.dtype().isIntegral()) {
            throw new FrameworkException("TypeError", "take_along_axis indices must be of integer type, got "
                    + JaxText.dtype(idx.dtype()));
        }
        if (axisArg instanceof Value.NoneValue) {
            if (idx.rank() != 1) {
                throw new FrameworkException("ValueError", "take_along_axis indices must be 1D if axis=None, got "
                        + "shape " + JaxText.tuple(idx.shape()));
            }
            Tensor flat = reshape(a, new Value.IntValue(-1), bindings);
            return takeAlongAxis(flat, idx, new Value.IntValue(0), bindings);
        }
        int rank = a.rank();
        if (rank != idx.rank()) {
            throw new FrameworkException("ValueError", "indices and arr must have the same number of dimensions; "
                    + idx.rank() + " vs. " + rank);
        }
        int axis = canonicalAxis(integer(axisArg, "axis"), rank);
        Shape arrShape = a.shape().with(axis, Dim.of(1));
        Shape out = broadcastShapes(List.of(idx.shape(), arrShape), bindings);
        if (!a.hasValues() || !idx.hasValues() || !out.isFullyKnown() || !NumericBudget.allows(out)) {
            return new Gathered(Tensor.shapeOnly(a.dtype(), out), 0, 0);
        }
        long size = a.shape().dim(axis).known().getAsLong();
        int negatives = 0;
        int outOfRange = 0;
        for (double v : idx.data()) {
            long k = (long) v;
            if (k < 0) {
                negatives++;
                k += size;
            }
            if (k < 0 || k >= size) {
                outOfRange++;
            }
        }
        return new Gathered(Kernels.takeAlongAxis(a, idx, axis, out, fillValue(a.dtype())), negatives, outOfRange);
    }

    /** What an out-of-bounds gather in "fill" mode returns: NaN, the most negative integer, or True. */
    static double fillValue(DType t) {
        if (t.isFloating()) {
            return Double.NaN;
        }
        return switch (t) {
            case BOOL -> 1;
            case U8 -> 255;
            case I8 -> Byte.MIN_VALUE;
            case I16 -> Short.MIN_VALUE;
            default -> Integer.MIN_VALUE;
        };
    }

    // ------------------------------------------------------------ products

    /** {@code a @ b}, {@code jnp.matmul} and {@code jnp.dot} for vectors, matrices and stacks of matrices. */
    static Tensor matmul(Operand left, Operand right, boolean dot, CallContext ctx) {
        Tensor a = left.tensor();
        Tensor b = right.tensor();
        Bindings bindings = ctx.bindings();
        DType outType = JaxTypes.promote(left.typed(), right.typed());
        if (a.rank() == 0 || b.rank() == 0) {
            if (dot) {
                return binary(dev.shapes.lang.Expr.BinaryOp.MUL, left, right, ctx);
            }
            throw new NotationException("NotImplementedError", "jnp.matmul of a 0-d array is not modelled", null);
        }
        if (dot && (a.rank() > 2 || b.rank() > 2)) {
            throw new NotationException("NotImplementedError", "jnp.dot of arrays with more than two axes is not "
                    + "modelled; use jnp.matmul or @", null);
        }
        Dim ka = a.shape().dim(a.rank() - 1);
        Dim kb = b.shape().dim(b.rank() == 1 ? 0 : b.rank() - 2);
        if (bindings.unify(ka, kb, "contracting axis of the left operand", "contracting axis of the right operand")
                == Bindings.Verdict.DIFFERENT) {
            throw new FrameworkException("TypeError", "dot_general requires contracting dimensions to have the same "
                    + "shape, got (" + bindings.resolve(ka) + ",) and (" + bindings.resolve(kb) + ",).");
        }
        Tensor a2 = a.rank() == 1 ? a.withShape(new Shape(List.of(Dim.of(1), a.shape().dim(0)))) : a;
        Tensor b2 = b.rank() == 1 ? b.withShape(new Shape(List.of(b.shape().dim(0), Dim.of(1)))) : b;
        Shape batchA = a2.shape().subShape(0, a2.rank() - 2);
        Shape batchB = b2.shape().subShape(0, b2.rank() - 2);
        Shape batch = broadcastShapes(List.of(batchA, batchB), bindings);
        List<Dim> full = new ArrayList<>(batch.dims());
        full.add(a2.shape().dim(a2.rank() - 2));
        full.add(b2.shape().dim(b2.rank() - 1));
        Shape out2 = new Shape(full);
        List<Dim> result = new ArrayList<>(batch.dims());
        if (a.rank() > 1) {
            result.add(a2.shape().dim(a2.rank() - 2));
        }
        if (b.rank() > 1) {
            result.add(b2.shape().dim(b2.rank() - 1));
        }
        Shape out = new Shape(result);
        if (!a.hasValues() || !b.hasValues() || !out2.isFullyKnown() || !NumericBudget.allows(out2)) {
            return Tensor.shapeOnly(outType, out);
        }
        Tensor r = Kernels.matmul(a2.cast(DType.F64), b2.cast(DType.F64), out2, DType.F64);
        return Tensor.of(outType, out, r.data().clone());
    }

    // ------------------------------------------------------------ softmax family

    static Tensor logSoftmax(Tensor x, Value axisArg, boolean log) {
        int axis = canonicalAxis(integer(axisArg, "axis"), x.rank());
        DType outType = JaxTypes.inexact(x.dtype());
        if (!x.hasValues()) {
            return Tensor.shapeOnly(outType, x.shape());
        }
        return log ? Kernels.logSoftmax(x.cast(DType.F64), axis, DType.F64).cast(outType)
                : Kernels.softmax(x.cast(DType.F64), axis, DType.F64).cast(outType);
    }

    /** {@code jax.nn.logsumexp(a, axis)}: log of the sum of exponentials, computed stably. */
    static Tensor logsumexp(Tensor x, Value axisArg, boolean keepdims) {
        DType outType = JaxTypes.inexact(x.dtype());
        Tensor max = reduce(Reduction.MAX, x.cast(DType.F64), axisArg, true);
        if (!x.hasValues()) {
            return Tensor.shapeOnly(outType, reduce(Reduction.MAX, x, axisArg, keepdims).shape());
        }
        Tensor shifted = Kernels.binary(x.cast(DType.F64), max, x.shape(), DType.F64,
                (v, m) -> Double.isInfinite(m) ? Math.exp(v) : Math.exp(v - m));
        Tensor sum = reduce(Reduction.SUM, shifted, axisArg, true);
        Tensor lse = Kernels.binary(sum, max, sum.shape(), DType.F64,
                (s, m) -> Double.isInfinite(m) ? Math.log(s) : Math.log(s) + m);
        Shape out = reduce(Reduction.MAX, x.withoutValues(), axisArg, keepdims).shape();
        return Tensor.of(outType, out, lse.data().clone());
    }

    /** {@code log(sigmoid(x))} computed stably, as {@code jax.nn.log_sigmoid} does. */
    static double logSigmoid(double v) {
        return -softplus(-v);
    }

    static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    /** {@code jnp.arange(start, stop, step)}: integer arguments give int32, any float gives float32. */
    static Tensor arange(List<Value> args) {
        boolean anyFloat = args.stream().anyMatch(v -> v instanceof Value.FloatValue);
        double[] n = new double[args.size()];
        for (int i = 0; i < n.length; i++) {
            Value v = args.get(i);
            n[i] = v instanceof Value.FloatValue f ? f.value() : integer(v, "arange argument");
        }
        double start = n.length == 1 ? 0 : n[0];
        double stop = n.length == 1 ? n[0] : n[1];
        double step = n.length == 3 ? n[2] : 1;
        if (step == 0) {
            throw new FrameworkException("ZeroDivisionError", "division by zero");
        }
        long count = Math.max(0, (long) Math.ceil((stop - start) / step));
        Shape shape = Shape.of(count);
        NumericBudget.require(shape, DType.F32);
        double[] values = new double[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = start + i * step;
        }
        return Tensor.of(anyFloat ? DType.F32 : DType.I32, shape, values);
    }
}
