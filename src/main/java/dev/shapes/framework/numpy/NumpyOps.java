package dev.shapes.framework.numpy;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.SilentBroadcast;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * NumPy's array operations over the tensor model: ufunc broadcasting and
 * promotion, reductions, shape functions, joining, matmul/dot, with NumPy's
 * exact error texts. Shared by the {@code np.*} functions, the ndarray
 * methods and the operators.
 */
final class NumpyOps {

    private final NumpyVersion version;

    NumpyOps(NumpyVersion version) {
        this.version = version;
    }

    NumpyVersion version() {
        return version;
    }

    // ------------------------------------------------------------ conversion

    /** {@code np.asarray(v)}: arrays as they are, Python numbers and nested lists with NumPy's default dtypes. */
    Tensor array(Value v, String function) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        if (v instanceof Value.BoolValue b) {
            return Tensor.scalar(DType.BOOL, b.value() ? 1 : 0);
        }
        if (v instanceof Value.IntValue i) {
            return Tensor.scalar(DType.I64, i.value());
        }
        if (v instanceof Value.FloatValue f) {
            return Tensor.scalar(DType.F64, f.value());
        }
        if (v instanceof SymbolicInt s) {
            return Tensor.shapeOnly(DType.I64, Shape.SCALAR);
        }
        if (Python.sequenceItems(v) != null) {
            return fromNested(v, Optional.empty());
        }
        throw new NotationException("TypeError", function + "() was given a " + v.typeName()
                + "; Shapes models NumPy functions on arrays, numbers and nested lists of numbers", null);
    }

    /** A nested list/tuple as {@code np.array} reads it. */
    Tensor fromNested(Value v, Optional<DType> dtype) {
        Optional<Python.Nested> nested = Python.nested(v);
        if (nested.isEmpty()) {
            List<Value> items = Python.sequenceItems(v);
            if (items != null && ragged(items)) {
                throw new FrameworkException("ValueError", "setting an array element with a sequence. The requested "
                        + "array has an inhomogeneous shape after 1 dimensions. The detected shape was ("
                        + items.size() + ",) + inhomogeneous part.");
            }
            if (items != null) {
                List<Tensor> parts = new ArrayList<>();
                for (Value item : items) {
                    if (!(item instanceof Value.TensorValue t)) {
                        throw new NotationException("TypeError", "np.array() of this list is not modelled; use "
                                + "numbers, nested lists of numbers, or a list of arrays of one shape", null);
                    }
                    parts.add(t.tensor());
                }
                return stackArrays(parts, 0, "stack");
            }
            throw new NotationException("TypeError", "np.array() of a " + v.typeName() + " is not modelled", null);
        }
        Python.Nested n = nested.get();
        DType natural = n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F64 : DType.I64;
        if (n.values().length == 0 && !n.allBool()) {
            natural = DType.F64;
        }
        return Tensor.of(dtype.orElse(natural), n.shape(), n.values().clone());
    }

    private static boolean ragged(List<Value> items) {
        int size = -1;
        for (Value item : items) {
            List<Value> inner = Python.sequenceItems(item);
            int s = inner == null ? -1 : inner.size();
            if (size != -2 && size != s && size != -1) {
                return true;
            }
            size = s;
        }
        return false;
    }

    /** {@code astype}: a cast with NumPy's warning for NaN or infinity cast to an integer. */
    Tensor cast(Tensor x, DType target, CallContext ctx) {
        if (x.hasValues() && !target.isFloating() && !target.isBool() && x.dtype().isFloating()) {
            boolean invalid = false;
            double[] v = x.data().clone();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i]) || Double.isInfinite(v[i]) || Math.abs(v[i]) >= 0x1p63) {
                    invalid |= Double.isNaN(v[i]) || Double.isInfinite(v[i]);
                    // what the x86 conversion gives for a value no integer holds
                    v[i] = target == DType.I64 ? Long.MIN_VALUE : target == DType.I32 ? Integer.MIN_VALUE : 0;
                }
            }
            if (invalid) {
                ctx.warn("invalid value encountered in cast");
            }
            return Tensor.of(target, x.shape(), v);
        }
        return x.cast(target);
    }

    // ------------------------------------------------------------ axes

    /** A possibly negative axis of an array of this rank, with NumPy's AxisError. */
    static int axis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new FrameworkException("AxisError", "axis " + axis + " is out of bounds for array of dimension " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** An integer argument as {@code operator.index} reads it. */
    static long index(Value v) {
        java.util.OptionalLong index = Python.index(v);
        if (index.isPresent()) {
            return index.getAsLong();
        }
        throw new FrameworkException("TypeError", "'" + v.typeName() + "' object cannot be interpreted as an integer");
    }

    /** The axes an {@code axis=} argument names: None is every axis; an int or a tuple of ints. */
    static List<Integer> axes(Value axis, int rank) {
        List<Integer> out = new ArrayList<>();
        if (axis instanceof Value.NoneValue) {
            for (int i = 0; i < rank; i++) {
                out.add(i);
            }
            return out;
        }
        if (axis instanceof Value.TupleValue t) {
            Set<Integer> seen = new LinkedHashSet<>();
            for (Value item : t.items()) {
                int a = axis(index(item), rank);
                if (!seen.add(a)) {
                    throw new FrameworkException("ValueError", "duplicate value in 'axis'");
                }
            }
            out.addAll(seen);
            return out;
        }
        out.add(axis(index(axis), rank));
        return out;
    }

    // ------------------------------------------------------------ ufuncs

    /** The binary ufuncs, by operator and by name. */
    enum Ufunc {
        ADD("add"), SUBTRACT("subtract"), MULTIPLY("multiply"), DIVIDE("divide"), FLOOR_DIVIDE("floor_divide"),
        REMAINDER("remainder"), POWER("power"), MAXIMUM("maximum"), MINIMUM("minimum"),
        LESS("less"), GREATER("greater"), LESS_EQUAL("less_equal"), GREATER_EQUAL("greater_equal"),
        EQUAL("equal"), NOT_EQUAL("not_equal"), LOGICAL_AND("logical_and"), LOGICAL_OR("logical_or");

        final String name;

        Ufunc(String name) {
            this.name = name;
        }

        boolean isComparison() {
            return ordinal() >= LESS.ordinal();
        }

        static Optional<Ufunc> of(Expr.BinaryOp op) {
            return Optional.ofNullable(switch (op) {
                case ADD -> ADD;
                case SUB -> SUBTRACT;
                case MUL -> MULTIPLY;
                case DIV -> DIVIDE;
                case FLOOR_DIV -> FLOOR_DIVIDE;
                case MOD -> REMAINDER;
                case POW -> POWER;
                case LT -> LESS;
                case GT -> GREATER;
                case LE -> LESS_EQUAL;
                case GE -> GREATER_EQUAL;
                case EQ -> EQUAL;
                case NE -> NOT_EQUAL;
                case MATMUL -> null;
            });
        }
    }

    /** An operand of a ufunc, converted to an array, remembering how it takes part in promotion. */
    private record Input(Tensor tensor, NumpyTypes.Operand operand) {}

    private Input input(Value v, Ufunc u) {
        Optional<NumpyTypes.Operand> operand = NumpyTypes.operand(v);
        if (operand.isPresent()) {
            return new Input(array(v, u.name), operand.get());
        }
        if (Python.sequenceItems(v) != null) {
            Tensor t = fromNested(v, Optional.empty());
            return new Input(t, NumpyTypes.operand(new Value.TensorValue(t, "numpy")).orElseThrow());
        }
        throw new NotationException("TypeError", "Shapes models NumPy's '" + u.name + "' on arrays, numbers and "
                + "nested lists of numbers, not on a " + v.typeName(), null);
    }

    /** {@code a op b}: the operator's ufunc; unsupported operands get Python's TypeError. */
    Tensor operator(Expr.BinaryOp op, Value a, Value b, CallContext ctx) {
        Ufunc u = Ufunc.of(op).orElseThrow();
        if (!isOperand(a) || !isOperand(b)) {
            throw unsupportedOperand(op, u, a, b);
        }
        Tensor r = binary(u, a, b, Optional.empty(), ctx);
        Tensor x = array(a, u.name);
        Tensor y = array(b, u.name);
        if (x.rank() > 0 && y.rank() > 0) {
            SilentBroadcast.checkArithmetic(ctx, op.symbol, x.shape(), y.shape(), r.shape());
        }
        return r;
    }

    /**
     * NumPy 1.x answers {@code ==} / {@code !=} between arrays that do not
     * broadcast with a Python bool and a DeprecationWarning instead of raising.
     */
    Optional<Boolean> legacyFailedComparison(Expr.BinaryOp op, Value a, Value b, CallContext ctx) {
        if (!version.isLegacy() || (op != Expr.BinaryOp.EQ && op != Expr.BinaryOp.NE) || !isOperand(a)
                || !isOperand(b)) {
            return Optional.empty();
        }
        Shape sa = array(a, "equal").shape();
        Shape sb = array(b, "equal").shape();
        if (Broadcast.shapes(sa, sb, ctx.bindings()).ok()) {
            return Optional.empty();
        }
        ctx.warn("elementwise comparison failed; this will raise an error in the future.");
        return Optional.of(op == Expr.BinaryOp.NE);
    }

    /**
     * NumPy makes an object array of None and applies the operator to each
     * element (Python's TypeError names the element's type); a str has no loop.
     */
    private static RuntimeException unsupportedOperand(Expr.BinaryOp op, Ufunc u, Value a, Value b) {
        if ((a instanceof Value.NoneValue || b instanceof Value.NoneValue) && !op.isComparison()) {
            return new FrameworkException("TypeError", "unsupported operand type(s) for " + op.symbol + ": '"
                    + elementType(a) + "' and '" + elementType(b) + "'");
        }
        if ((a instanceof Value.StrValue || b instanceof Value.StrValue) && !op.isComparison()) {
            return new FrameworkException("UFuncTypeError", "ufunc '" + u.name + "' did not contain a loop with "
                    + "signature matching types (" + loopType(a) + ", " + loopType(b) + ") -> None");
        }
        return Python.unsupported(op, a, b);
    }

    private static String elementType(Value v) {
        if (v instanceof Value.TensorValue t) {
            DType d = t.tensor().dtype();
            return d.isBool() ? "bool" : d.isFloating() ? "float" : "int";
        }
        return v.typeName();
    }

    private static String loopType(Value v) {
        if (v instanceof Value.StrValue s) {
            return "dtype('<U" + s.value().length() + "')";
        }
        return v instanceof Value.TensorValue t ? NumpyTypes.dtypeRepr(t.tensor().dtype()) : v.typeName();
    }

    private static boolean isOperand(Value v) {
        return v instanceof Value.TensorValue || Python.isNumber(v) || Python.sequenceItems(v) != null;
    }

    /**
     * A binary ufunc with broadcasting and promotion. With {@code out} (in-place
     * operators) the output takes part in broadcasting and must hold the result.
     */
    Tensor binary(Ufunc u, Value a, Value b, Optional<Tensor> out, CallContext ctx) {
        Input x = input(a, u);
        Input y = input(b, u);
        NumpyTypes.NpType common = NumpyTypes.resultType(List.of(x.operand(), y.operand()), version,
                !u.isComparison());
        DType type = common.dtype();
        if (u == Ufunc.SUBTRACT && type == DType.BOOL) {
            throw new FrameworkException("TypeError", "numpy boolean subtract, the `-` operator, is not supported, "
                    + "use the bitwise_xor, the `^` operator, or the logical_xor function instead.");
        }
        Shape shape = broadcastOperands(x.tensor().shape(), y.tensor().shape(), out, ctx);
        DType result = u.isComparison() ? DType.BOOL
                : u == Ufunc.DIVIDE && !type.isFloating() ? DType.F64
                : u == Ufunc.POWER && type == DType.BOOL ? DType.I8
                : type;
        if (out.isPresent()) {
            DType target = out.get().dtype();
            if (!sameKindCast(result, target)) {
                throw new FrameworkException("UFuncTypeError", "Cannot cast ufunc '" + u.name + "' output from "
                        + NumpyTypes.dtypeRepr(result) + " to " + NumpyTypes.dtypeRepr(target)
                        + " with casting rule 'same_kind'");
            }
        }
        Tensor p = x.tensor();
        Tensor q = y.tensor();
        if (!p.hasValues() || !q.hasValues() || !shape.isFullyKnown()) {
            return Tensor.shapeOnly(result, shape);
        }
        DType compute = result.isFloating() ? result : type;
        if (u.isComparison() && !type.isFloating()) {
            // integers compare by value: NumPy 2 compares a Python int out of the array's range correctly
            compute = DType.F64;
        }
        boolean integral = !compute.isFloating();
        if (integral && u == Ufunc.POWER) {
            for (double v : q.data()) {
                if (v < 0) {
                    throw new FrameworkException("ValueError", "Integers to negative integer powers are not allowed.");
                }
            }
        }
        boolean scalars = p.rank() == 0 && q.rank() == 0;
        FloatFlags flags = new FloatFlags();
        Tensor r = Kernels.binary(p.cast(compute), q.cast(compute), shape, result,
                (m, n) -> flags.watch(m, n, result.round(apply(u, m, n, integral, flags)), integral));
        flags.report(ctx, (scalars ? "scalar " : "") + u.name);
        return r;
    }

    /** Broadcasts two operands (and an output), with the nditer texts NumPy gives when they do not fit. */
    private Shape broadcastOperands(Shape a, Shape b, Optional<Tensor> out, CallContext ctx) {
        Broadcast.Result r = Broadcast.shapes(a, b, ctx.bindings());
        if (!r.ok()) {
            // the message shows the sizes NumPy would see: symbols already bound print as their numbers
            List<Shape> shapes = new ArrayList<>(List.of(ctx.bindings().resolve(a), ctx.bindings().resolve(b)));
            out.ifPresent(o -> shapes.add(ctx.bindings().resolve(o.shape())));
            throw broadcastError(shapes, r.mismatch().get());
        }
        Shape shape = r.shape().get();
        if (out.isPresent()) {
            Shape target = out.get().shape();
            Broadcast.Result fit = Broadcast.shapes(target, shape, ctx.bindings());
            if (!fit.ok()) {
                throw broadcastError(List.of(ctx.bindings().resolve(a), ctx.bindings().resolve(b),
                        ctx.bindings().resolve(target)), fit.mismatch().get());
            }
            if (!sameShape(fit.shape().get(), target, ctx)) {
                throw new FrameworkException("ValueError", "non-broadcastable output operand with shape "
                        + NumpyText.compact(target) + " doesn't match the broadcast shape "
                        + NumpyText.compact(fit.shape().get()));
            }
            return target;
        }
        return shape;
    }

    static FrameworkException broadcastError(List<Shape> shapes, Broadcast.Mismatch m) {
        FrameworkException e = new FrameworkException("ValueError",
                "operands could not be broadcast together with shapes " + NumpyText.operandList(shapes));
        if (shapes.size() == 2) {
            e.operand("a", "", shapes.get(0), m.axisA() >= 0 ? List.of(m.axisA()) : List.of())
                    .operand("b", "", shapes.get(1), m.axisB() >= 0 ? List.of(m.axisB()) : List.of());
        }
        return e;
    }

    /** Broadcasts any number of operands (np.where, np.clip), listing every shape when they do not fit. */
    Shape broadcastAll(List<Shape> shapes, CallContext ctx) {
        Broadcast.Result r = Broadcast.all(shapes, ctx.bindings());
        if (!r.ok()) {
            throw new FrameworkException("ValueError", "operands could not be broadcast together with shapes "
                    + NumpyText.operandList(shapes.stream().map(ctx.bindings()::resolve).toList()));
        }
        return r.shape().get();
    }

    private static boolean sameShape(Shape a, Shape b, CallContext ctx) {
        return a.equals(b) || ctx.bindings().resolve(a).equals(ctx.bindings().resolve(b));
    }

    /** NumPy's 'same_kind' casting: within a kind or to a higher one (bool < integers < floats). */
    private static boolean sameKindCast(DType from, DType to) {
        int kf = from.isBool() ? 0 : from.isFloating() ? 2 : 1;
        int kt = to.isBool() ? 0 : to.isFloating() ? 2 : 1;
        if (kf != kt) {
            return kf < kt;
        }
        return kf != 1 || from == DType.U8 || to != DType.U8;
    }

    private static double apply(Ufunc u, double p, double q, boolean integral, FloatFlags flags) {
        switch (u) {
            case ADD:
                return p + q;
            case SUBTRACT:
                return p - q;
            case MULTIPLY:
                return p * q;
            case DIVIDE:
                return p / q;
            case FLOOR_DIVIDE:
                if (integral && q == 0) {
                    flags.divideByZero = true;
                    return 0;
                }
                return integral ? Math.floorDiv((long) p, (long) q) : Math.floor(p / q);
            case REMAINDER:
                if (integral && q == 0) {
                    flags.divideByZero = true;
                    return 0;
                }
                if (integral) {
                    return Math.floorMod((long) p, (long) q);
                }
                double m = p % q;
                return m != 0 && (m < 0) != (q < 0) ? m + q : m;
            case POWER:
                return Math.pow(p, q);
            case MAXIMUM:
                return Double.isNaN(p) || Double.isNaN(q) ? Double.NaN : Math.max(p, q);
            case MINIMUM:
                return Double.isNaN(p) || Double.isNaN(q) ? Double.NaN : Math.min(p, q);
            case LESS:
                return p < q ? 1 : 0;
            case GREATER:
                return p > q ? 1 : 0;
            case LESS_EQUAL:
                return p <= q ? 1 : 0;
            case GREATER_EQUAL:
                return p >= q ? 1 : 0;
            case EQUAL:
                return p == q ? 1 : 0;
            case NOT_EQUAL:
                return p != q ? 1 : 0;
            case LOGICAL_AND:
                return p != 0 && q != 0 ? 1 : 0;
            default:
                return p != 0 || q != 0 ? 1 : 0;
        }
    }

    /** The floating-point conditions NumPy reports as RuntimeWarnings ("divide by zero encountered in log"). */
    private static final class FloatFlags {
        boolean divideByZero;
        boolean invalid;
        boolean overflow;

        double watch(double p, double q, double r, boolean integral) {
            if (integral) {
                return r;
            }
            if (Double.isNaN(r) && !Double.isNaN(p) && !Double.isNaN(q)) {
                invalid = true;
            } else if (Double.isInfinite(r) && Double.isFinite(p) && Double.isFinite(q)) {
                if (q == 0) {
                    divideByZero = true;
                } else {
                    overflow = true;
                }
            }
            return r;
        }

        double watch(double p, double r, boolean logLike) {
            if (Double.isNaN(r) && !Double.isNaN(p)) {
                invalid = true;
            } else if (Double.isInfinite(r) && Double.isFinite(p)) {
                if (logLike) {
                    divideByZero = true;
                } else {
                    overflow = true;
                }
            }
            return r;
        }

        void report(CallContext ctx, String name) {
            if (divideByZero) {
                ctx.warn("divide by zero encountered in " + name);
            }
            if (overflow) {
                ctx.warn("overflow encountered in " + name);
            }
            if (invalid) {
                ctx.warn("invalid value encountered in " + name);
            }
        }
    }

    /** A math ufunc of one operand (exp, log, sqrt, ...): integers compute in the smallest float that holds them. */
    Tensor math(String name, Value operand, DoubleUnaryOperator f, boolean logLike, CallContext ctx) {
        Tensor x = array(operand, name);
        DType out = NumpyTypes.floatLoop(x.dtype());
        if (!x.hasValues()) {
            return Tensor.shapeOnly(out, x.shape());
        }
        FloatFlags flags = new FloatFlags();
        Tensor r = Kernels.map(x, out, v -> flags.watch(v, out.round(f.applyAsDouble(v)), logLike));
        flags.report(ctx, name);
        return r;
    }

    /** An elementwise function that keeps the dtype (abs, square, sign, negative). */
    Tensor sameType(String name, Value operand, DoubleUnaryOperator f, CallContext ctx) {
        Tensor x = array(operand, name);
        if (!x.hasValues()) {
            return x.withoutValues();
        }
        FloatFlags flags = new FloatFlags();
        Tensor r = Kernels.map(x, x.dtype(), v -> x.dtype().isFloating()
                ? flags.watch(v, x.dtype().round(f.applyAsDouble(v)), false) : f.applyAsDouble(v));
        flags.report(ctx, name);
        return r;
    }

    Tensor negative(Value operand, CallContext ctx) {
        Tensor x = array(operand, "negative");
        if (x.dtype() == DType.BOOL) {
            throw new FrameworkException("TypeError", "The numpy boolean negative, the `-` operator, is not supported, "
                    + "use the `~` operator or the logical_not function instead.");
        }
        return x.hasValues() ? Kernels.map(x, x.dtype(), v -> -v) : x.withoutValues();
    }

    Tensor invert(Value operand) {
        Tensor x = array(operand, "invert");
        if (x.dtype().isFloating()) {
            throw new FrameworkException("TypeError", "ufunc 'invert' not supported for the input types, and the "
                    + "inputs could not be safely coerced to any supported types according to the casting rule "
                    + "''safe''");
        }
        if (!x.hasValues()) {
            return x.withoutValues();
        }
        return Kernels.map(x, x.dtype(), v -> x.dtype() == DType.BOOL ? (v == 0 ? 1 : 0) : ~(long) v);
    }

    // ------------------------------------------------------------ shape functions

    /** A size argument: an int, or a symbolic size read from {@code x.shape}. */
    static Dim size(Value v) {
        if (v instanceof SymbolicInt s) {
            return s.dim();
        }
        return Dim.of(index(v));
    }

    /**
     * A shape argument of np.zeros / np.ones / random functions: an int or a
     * sequence of ints, none negative.
     */
    static Shape shapeArgument(Value v) {
        List<Value> items = Python.sequenceItems(v);
        List<Dim> dims = new ArrayList<>();
        if (items == null) {
            if (v instanceof Value.BoolValue b) {
                throw new FrameworkException("TypeError", "expected a sequence of integers or a single integer, got '"
                        + Python.repr(b) + "'");
            }
            if (v instanceof Value.FloatValue f) {
                throw new FrameworkException("TypeError", "expected a sequence of integers or a single integer, got '"
                        + Python.repr(f) + "'");
            }
            dims.add(size(v));
        } else {
            for (Value item : items) {
                dims.add(size(item));
            }
        }
        for (Dim d : dims) {
            if (d instanceof Dim.Known k && k.size() < 0) {
                throw new FrameworkException("ValueError", "negative dimensions are not allowed");
            }
        }
        return new Shape(dims);
    }

    /** Sizes given either as one sequence or as separate ints ({@code reshape(2, 3)} or {@code reshape((2, 3))}). */
    static List<Value> sizeItems(List<Value> args) {
        if (args.size() == 1 && Python.sequenceItems(args.get(0)) != null) {
            return Python.sequenceItems(args.get(0));
        }
        if (args.size() == 1 && args.get(0) instanceof Value.FloatValue f) {
            throw new FrameworkException("TypeError", "expected a sequence of integers or a single integer, got '"
                    + Python.repr(f) + "'");
        }
        return args;
    }

    /** Axes given as separate ints, one sequence, None, or nothing ({@code transpose()}). */
    static List<Value> sizeItemsOrEmpty(List<Value> args) {
        if (args.size() == 1 && args.get(0) instanceof Value.NoneValue) {
            return List.of();
        }
        if (args.size() == 1 && Python.sequenceItems(args.get(0)) != null) {
            return Python.sequenceItems(args.get(0));
        }
        return args;
    }

    /** {@code reshape}: one -1 is inferred; the element count must match. */
    Tensor reshape(Tensor x, List<Value> sizeValues, CallContext ctx) {
        List<Dim> dims = new ArrayList<>();
        List<Long> printed = new ArrayList<>();
        int inferred = -1;
        Dim product = Dim.of(1);
        for (int i = 0; i < sizeValues.size(); i++) {
            Dim d = size(sizeValues.get(i));
            if (d instanceof Dim.Known k && k.size() < 0) {
                if (inferred >= 0) {
                    throw new FrameworkException("ValueError", "can only specify one unknown dimension");
                }
                inferred = i;
                dims.add(Dim.UNKNOWN);
            } else {
                product = product.times(d);
                dims.add(d);
            }
        }
        Dim numel = x.shape().numelDim();
        if (inferred >= 0) {
            Optional<Dim> rest = product.is(0) ? Optional.empty() : ctx.bindings().resolve(numel)
                    .exactDivide(ctx.bindings().resolve(product));
            if (rest.isPresent()) {
                dims.set(inferred, rest.get());
            } else if (ctx.bindings().resolve(numel).isKnown() && ctx.bindings().resolve(product).isKnown()) {
                throw reshapeError(numel, dims, inferred);
            }
        } else if (ctx.bindings().unify(numel, product, "array", "reshape") == dev.shapes.tensor.Bindings.Verdict.DIFFERENT) {
            throw reshapeError(numel, dims, inferred);
        }
        Shape shape = new Shape(dims);
        // sizes given as symbols make the values' layout unknowable
        return shape.isFullyKnown() ? x.withShape(shape) : Tensor.shapeOnly(x.dtype(), shape);
    }

    private static FrameworkException reshapeError(Dim numel, List<Dim> dims, int inferred) {
        return new FrameworkException("ValueError", "cannot reshape array of size " + numel + " into shape "
                + NumpyText.requested(dims, inferred));
    }

    Tensor squeeze(Tensor x, Value axisArg, CallContext ctx) {
        Shape s = x.shape();
        List<Dim> out = new ArrayList<>();
        if (axisArg instanceof Value.NoneValue) {
            for (Dim d : s.dims()) {
                if (!ctx.bindings().resolve(d).is(1)) {
                    out.add(d);
                }
            }
            return x.withShape(new Shape(out));
        }
        List<Integer> axes = axes(axisArg, s.rank());
        for (int a : axes) {
            if (!ctx.bindings().resolve(s.dim(a)).is(1)) {
                if (ctx.bindings().resolve(s.dim(a)) instanceof Dim.Unknown) {
                    continue;
                }
                throw new FrameworkException("ValueError",
                        "cannot select an axis to squeeze out which has size not equal to one");
            }
        }
        for (int i = 0; i < s.rank(); i++) {
            if (!axes.contains(i)) {
                out.add(s.dim(i));
            }
        }
        return x.withShape(new Shape(out));
    }

    Tensor expandDims(Tensor x, Value axisArg) {
        List<Value> items = axisArg instanceof Value.TupleValue t ? t.items() : List.of(axisArg);
        int rank = x.rank() + items.size();
        Set<Integer> axes = new TreeSet<>();
        for (Value item : items) {
            if (!axes.add(axis(index(item), rank))) {
                throw new FrameworkException("ValueError", "repeated axis");
            }
        }
        List<Dim> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < rank; i++) {
            out.add(axes.contains(i) ? Dim.of(1) : x.shape().dim(next++));
        }
        return x.withShape(new Shape(out));
    }

    /** {@code transpose}: axes reversed by default, or the permutation given. */
    Tensor transpose(Tensor x, List<Value> axesArg) {
        int rank = x.rank();
        int[] perm = new int[rank];
        if (axesArg.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        } else {
            if (axesArg.size() != rank) {
                throw new FrameworkException("ValueError", "axes don't match array");
            }
            boolean[] seen = new boolean[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = axis(index(axesArg.get(i)), rank);
                if (seen[perm[i]]) {
                    throw new FrameworkException("ValueError", "repeated axis in transpose");
                }
                seen[perm[i]] = true;
            }
        }
        List<Dim> dims = new ArrayList<>();
        for (int p : perm) {
            dims.add(x.shape().dim(p));
        }
        Shape shape = new Shape(dims);
        if (!x.hasValues() || rank < 2) {
            return x.hasValues() ? x.withShape(shape) : Tensor.shapeOnly(x.dtype(), shape);
        }
        return Kernels.permute(x, perm, shape);
    }

    Tensor swapaxes(Tensor x, long a, long b) {
        int rank = x.rank();
        int i = axis(a, rank);
        int j = axis(b, rank);
        List<Value> perm = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            perm.add(new Value.IntValue(k == i ? j : k == j ? i : k));
        }
        return transpose(x, perm);
    }

    static Tensor flatten(Tensor x) {
        return x.withShape(Shape.of(x.shape().numelDim()));
    }

    // ------------------------------------------------------------ joining

    Tensor concatenate(List<Tensor> parts, Value axisArg, CallContext ctx) {
        if (parts.isEmpty()) {
            throw new FrameworkException("ValueError", "need at least one array to concatenate");
        }
        if (axisArg instanceof Value.NoneValue) {
            List<Tensor> flat = new ArrayList<>();
            for (Tensor t : parts) {
                flat.add(flatten(t));
            }
            parts = flat;
        }
        Tensor first = parts.get(0);
        int rank = first.rank();
        if (rank == 0) {
            throw new FrameworkException("ValueError", "zero-dimensional arrays cannot be concatenated");
        }
        int axis = axisArg instanceof Value.NoneValue ? 0 : axis(index(axisArg), rank);
        DType dtype = first.dtype();
        for (int i = 1; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            if (t.rank() != rank) {
                throw new FrameworkException("ValueError", "all the input arrays must have same number of dimensions, "
                        + "but the array at index 0 has " + rank + " dimension(s) and the array at index " + i + " has "
                        + t.rank() + " dimension(s)");
            }
            dtype = NumpyTypes.promote(dtype, t.dtype());
        }
        for (int i = 1; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            for (int j = 0; j < rank; j++) {
                if (j != axis && !ctx.bindings().compatible(first.shape().dim(j), t.shape().dim(j), "array 0",
                        "array " + i)) {
                    throw new FrameworkException("ValueError", "all the input array dimensions except for the "
                            + "concatenation axis must match exactly, but along dimension " + j + ", the array at "
                            + "index 0 has size " + first.shape().dim(j) + " and the array at index " + i
                            + " has size " + t.shape().dim(j));
                }
            }
        }
        Dim total = Dim.of(0);
        boolean values = true;
        for (Tensor t : parts) {
            total = total.plus(t.shape().dim(axis));
            values &= t.hasValues();
        }
        Shape out = first.shape().with(axis, total);
        if (!values || !out.isFullyKnown() || !NumericBudget.allows(out)) {
            return Tensor.shapeOnly(dtype, out);
        }
        List<Tensor> cast = new ArrayList<>();
        for (Tensor t : parts) {
            cast.add(t.cast(dtype));
        }
        return Kernels.concat(cast, axis, out, dtype);
    }

    Tensor stack(List<Tensor> parts, Value axisArg, CallContext ctx) {
        if (parts.isEmpty()) {
            throw new FrameworkException("ValueError", "need at least one array to stack");
        }
        Shape first = parts.get(0).shape();
        for (int i = 1; i < parts.size(); i++) {
            Shape s = parts.get(i).shape();
            boolean same = s.rank() == first.rank();
            for (int j = 0; same && j < s.rank(); j++) {
                same = ctx.bindings().compatible(first.dim(j), s.dim(j), "array 0", "array " + i);
            }
            if (!same) {
                throw new FrameworkException("ValueError", "all input arrays must have the same shape");
            }
        }
        int axis = axis(index(axisArg), first.rank() + 1);
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : parts) {
            expanded.add(t.withShape(t.shape().inserting(axis, Dim.of(1))));
        }
        return concatenate(expanded, new Value.IntValue(axis), ctx);
    }

    /** Used by np.array over a list of arrays: stacked along a new first axis. */
    private Tensor stackArrays(List<Tensor> parts, int axis, String name) {
        Shape first = parts.get(0).shape();
        for (Tensor t : parts) {
            if (!t.shape().equals(first)) {
                throw new FrameworkException("ValueError", "setting an array element with a sequence. The requested "
                        + "array has an inhomogeneous shape after 1 dimensions. The detected shape was ("
                        + parts.size() + ",) + inhomogeneous part.");
            }
        }
        DType dtype = parts.get(0).dtype();
        boolean values = true;
        for (Tensor t : parts) {
            dtype = NumpyTypes.promote(dtype, t.dtype());
            values &= t.hasValues();
        }
        Shape out = first.inserting(0, Dim.of(parts.size()));
        if (!values || !out.isFullyKnown()) {
            return Tensor.shapeOnly(dtype, out);
        }
        List<Tensor> cast = new ArrayList<>();
        for (Tensor t : parts) {
            cast.add(t.cast(dtype).withShape(first.inserting(0, Dim.of(1))));
        }
        return Kernels.concat(cast, 0, out, dtype);
    }

    // ------------------------------------------------------------ matmul and dot

    private static final String MATMUL_SIGNATURE = "(n?,k),(k,m?)->(n?,m?)";

    /** {@code a @ b} / {@code np.matmul}: the gufunc's shape rules and texts. */
    Tensor matmul(Value left, Value right, CallContext ctx) {
        Input x = input(left, Ufunc.MULTIPLY);
        Input y = input(right, Ufunc.MULTIPLY);
        Tensor a = x.tensor();
        Tensor b = y.tensor();
        for (int i = 0; i < 2; i++) {
            Tensor t = i == 0 ? a : b;
            if (t.rank() == 0) {
                throw new FrameworkException("ValueError", "matmul: Input operand " + i + " does not have enough "
                        + "dimensions (has 0, gufunc core with signature " + MATMUL_SIGNATURE + " requires 1)");
            }
        }
        DType dtype = NumpyTypes.promote(a.dtype(), b.dtype());
        Shape sa = a.shape();
        Shape sb = b.shape();
        int ra = sa.rank();
        int rb = sb.rank();
        Dim n = ra == 1 ? null : sa.dim(ra - 2);
        Dim k = sa.dim(ra - 1);
        Dim k2 = rb == 1 ? sb.dim(0) : sb.dim(rb - 2);
        Dim m = rb == 1 ? null : sb.dim(rb - 1);
        Shape batchA = ra <= 2 ? Shape.SCALAR : sa.subShape(0, ra - 2);
        Shape batchB = rb <= 2 ? Shape.SCALAR : sb.subShape(0, rb - 2);
        Broadcast.Result batch = Broadcast.shapes(batchA, batchB, ctx.bindings());
        if (!batch.ok()) {
            List<Dim> core = new ArrayList<>();
            if (n != null) {
                core.add(n);
            }
            if (m != null) {
                core.add(m);
            }
            throw new FrameworkException("ValueError", "operands could not be broadcast together with remapped "
                    + "shapes [original->remapped]: " + NumpyText.compact(sa) + "->" + remapped(batchA, ra)
                    + " " + NumpyText.compact(sb) + "->" + remapped(batchB, rb) + "  and requested shape "
                    + NumpyText.compact(new Shape(core)));
        }
        if (!ctx.bindings().compatible(k, k2, "a", "b")) {
            throw new FrameworkException("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension "
                    + "0, with gufunc signature " + MATMUL_SIGNATURE + " (size " + k2 + " is different from " + k + ")")
                    .operand("a", "", sa, List.of(ra - 1)).operand("b", "", sb, List.of(rb == 1 ? 0 : rb - 2));
        }
        List<Dim> dims = new ArrayList<>(batch.shape().get().dims());
        if (n != null) {
            dims.add(n);
        }
        if (m != null) {
            dims.add(m);
        }
        Shape out = new Shape(dims);
        if (!a.hasValues() || !b.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(dtype, out);
        }
        Tensor ma = ra == 1 ? a.withShape(Shape.of(Dim.of(1), k)) : a;
        Tensor mb = rb == 1 ? b.withShape(Shape.of(k2, Dim.of(1))) : b;
        List<Dim> full = new ArrayList<>(batch.shape().get().dims());
        full.add(ma.shape().dim(ma.rank() - 2));
        full.add(mb.shape().dim(mb.rank() - 1));
        return Kernels.matmul(ma.cast(dtype), mb.cast(dtype), new Shape(full), dtype).withShape(out);
    }

    /** How the matmul error prints an operand's loop dimensions: its batch axes, then a newaxis per core axis. */
    private static String remapped(Shape batch, int rank) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < batch.rank(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(batch.dim(i));
        }
        int core = Math.min(rank, 2);
        for (int i = 0; i < core; i++) {
            out.append(out.length() > 1 ? ",newaxis" : "newaxis");
        }
        return out.append(')').toString();
    }

    /** {@code np.dot}: scalars multiply, vectors take the inner product, else the last axis of a with the second-to-last of b. */
    Tensor dot(Value left, Value right, CallContext ctx) {
        Tensor a = array(left, "dot");
        Tensor b = array(right, "dot");
        if (a.rank() == 0 || b.rank() == 0) {
            return binary(Ufunc.MULTIPLY, left, right, Optional.empty(), ctx);
        }
        int ra = a.rank();
        int rb = b.rank();
        int axisA = ra - 1;
        int axisB = rb == 1 ? 0 : rb - 2;
        Dim k = a.shape().dim(axisA);
        Dim k2 = b.shape().dim(axisB);
        if (!ctx.bindings().compatible(k, k2, "a", "b")) {
            throw new FrameworkException("ValueError", "shapes " + NumpyText.compact(a.shape()) + " and "
                    + NumpyText.compact(b.shape()) + " not aligned: " + k + " (dim " + axisA + ") != " + k2 + " (dim "
                    + axisB + ")").operand("a", "", a.shape(), List.of(axisA)).operand("b", "", b.shape(), List.of(axisB));
        }
        if (ra <= 2 && rb <= 2) {
            return matmul(left, right, ctx);
        }
        DType dtype = NumpyTypes.promote(a.dtype(), b.dtype());
        List<Dim> dims = new ArrayList<>(a.shape().dims().subList(0, ra - 1));
        dims.addAll(b.shape().dims().subList(0, rb - 2));
        dims.add(b.shape().dim(rb - 1));
        return Tensor.shapeOnly(dtype, new Shape(dims));
    }

    // ------------------------------------------------------------ selection

    /** {@code np.where(condition, x, y)}. */
    Tensor where(Value condition, Value xv, Value yv, CallContext ctx) {
        Tensor c = array(condition, "where");
        Input x = input(xv, Ufunc.ADD);
        Input y = input(yv, Ufunc.ADD);
        DType dtype = NumpyTypes.resultType(List.of(x.operand(), y.operand()), version, false).dtype();
        Shape shape = broadcastAll(List.of(c.shape(), x.tensor().shape(), y.tensor().shape()), ctx);
        if (!c.hasValues() || !x.tensor().hasValues() || !y.tensor().hasValues() || !shape.isFullyKnown()) {
            return Tensor.shapeOnly(dtype, shape);
        }
        Tensor cond = Kernels.expand(c.cast(DType.BOOL), shape);
        Tensor tx = Kernels.expand(x.tensor().cast(dtype), shape);
        Tensor ty = Kernels.expand(y.tensor().cast(dtype), shape);
        double[] r = new double[cond.data().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = cond.data()[i] != 0 ? tx.data()[i] : ty.data()[i];
        }
        return Tensor.of(dtype, shape, r);
    }

    /** {@code np.clip(a, a_min, a_max)}: broadcasting over the three operands. */
    Tensor clip(Value av, Value lo, Value hi, CallContext ctx) {
        Tensor a = array(av, "clip");
        boolean noLo = lo instanceof Value.NoneValue;
        boolean noHi = hi instanceof Value.NoneValue;
        if (noLo && noHi) {
            if (version.isLegacy()) {
                throw new FrameworkException("ValueError", "One of max or min must be given");
            }
            return a;
        }
        Input l = noLo ? null : input(lo, Ufunc.MAXIMUM);
        Input h = noHi ? null : input(hi, Ufunc.MINIMUM);
        List<NumpyTypes.Operand> operands = new ArrayList<>();
        operands.add(NumpyTypes.operand(new Value.TensorValue(a, "numpy")).orElseThrow());
        List<Shape> shapes = new ArrayList<>(List.of(a.shape()));
        if (l != null) {
            operands.add(l.operand());
            shapes.add(l.tensor().shape());
        }
        if (h != null) {
            operands.add(h.operand());
            shapes.add(h.tensor().shape());
        }
        DType dtype = NumpyTypes.resultType(operands, version, true).dtype();
        Shape shape = broadcastAll(shapes, ctx);
        boolean values = a.hasValues() && (l == null || l.tensor().hasValues()) && (h == null || h.tensor().hasValues());
        if (!values || !shape.isFullyKnown()) {
            return Tensor.shapeOnly(dtype, shape);
        }
        Tensor r = Kernels.expand(a.cast(dtype), shape);
        if (l != null) {
            r = Kernels.binary(r, l.tensor().cast(dtype), shape, dtype, Math::max);
        }
        if (h != null) {
            r = Kernels.binary(r, h.tensor().cast(dtype), shape, dtype, Math::min);
        }
        return r;
    }

    /** {@code np.take_along_axis(arr, indices, axis)}. */
    Tensor takeAlongAxis(Tensor a, Tensor idx, Value axisArg, CallContext ctx) {
        if (idx.dtype().isFloating() || idx.dtype().isBool()) {
            throw new FrameworkException("IndexError", "`indices` must be an integer array");
        }
        if (axisArg instanceof Value.NoneValue) {
            a = flatten(a);
            if (idx.rank() != 1 && !version.isLegacy()) {
                throw new FrameworkException("ValueError", "when axis=None, `indices` must have a single dimension.");
            }
        }
        int rank = a.rank();
        int axis = axisArg instanceof Value.NoneValue ? 0 : axis(index(axisArg), rank);
        if (idx.rank() != rank) {
            throw new FrameworkException("ValueError", "`indices` and `arr` must have the same number of dimensions");
        }
        // NumPy builds a fancy index: arange-like arrays broadcast against indices on the other axes
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (i == axis) {
                shapes.add(idx.shape());
            } else {
                List<Dim> fit = new ArrayList<>(java.util.Collections.nCopies(rank, (Dim) Dim.of(1)));
                fit.set(i, a.shape().dim(i));
                shapes.add(new Shape(fit));
            }
        }
        Broadcast.Result r = Broadcast.all(shapes, ctx.bindings());
        if (!r.ok()) {
            throw new FrameworkException("IndexError", "shape mismatch: indexing arrays could not be broadcast "
                    + "together with shapes " + NumpyText.operandList(shapes));
        }
        Shape out = r.shape().get();
        Dim size = ctx.bindings().resolve(a.shape().dim(axis));
        if (idx.hasValues() && size instanceof Dim.Known k) {
            for (double v : idx.data()) {
                if (v >= k.size() || v < -k.size()) {
                    throw new FrameworkException("IndexError", "index " + (long) v + " is out of bounds for axis "
                            + axis + " with size " + k.size());
                }
            }
        }
        if (!a.hasValues() || !idx.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(a.dtype(), out);
        }
        return Kernels.takeAlongAxis(a, idx, axis, out);
    }
}
