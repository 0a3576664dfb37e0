package dev.shapes.framework.ndarray;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import dev.shapes.framework.tf.TensorMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The NumPy behaviour Keras programs lean on: the arrays they feed to
 * {@code fit} and to losses are NumPy arrays, so their arithmetic, indexing,
 * reshaping and attributes follow NumPy 2 (promotion per NEP 50, the texts of
 * numpy/_core). A deliberately small subset; the NumPy profile is the full one.
 */
public final class NumpyArrays {

    private NumpyArrays() {}

    /** A NumPy array value (whichever profile is active: TF programs hold NumPy arrays too). */
    public static Value wrap(Tensor t) {
        return new Value.TensorValue(t, "numpy");
    }

    /** Whether a value is a NumPy array (made by {@code np}, a dataset or {@code to_categorical}). */
    public static boolean isArray(Value v) {
        return v instanceof Value.TensorValue t && t.framework().equals("numpy");
    }

    // ------------------------------------------------------------ text

    /** NumPy's shape text in messages: {@code (32,10)}, {@code (32,)}. */
    public static String shape(Shape s) {
        return s.format("(", ",", ")", "None", true);
    }

    /** A dtype object as Python shows it: {@code dtype('float32')}. */
    public static Value dtypeValue(DType t) {
        return new Value.DTypeValue(t, "dtype('" + t.longName + "')");
    }

    // ------------------------------------------------------------ dtypes

    /** {@code np.result_type} of two arrays. */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == DType.BOOL) {
            return b;
        }
        if (b == DType.BOOL) {
            return a;
        }
        if (a.isFloating() && b.isFloating()) {
            if ((a == DType.F16 && b == DType.BF16) || (a == DType.BF16 && b == DType.F16)) {
                return DType.F32;
            }
            return a.bits >= b.bits ? a : b;
        }
        if (a.isFloating() || b.isFloating()) {
            DType f = a.isFloating() ? a : b;
            DType i = a.isFloating() ? b : a;
            int needed = i.bits <= 8 ? 16 : i.bits == 16 ? 32 : 64;
            if (f.bits >= needed) {
                return f;
            }
            return needed == 32 ? DType.F32 : DType.F64;
        }
        boolean ua = a == DType.U8;
        boolean ub = b == DType.U8;
        if (ua != ub) {
            DType signed = ua ? b : a;
            return signed.bits > 8 ? signed : DType.I16;
        }
        return a.bits >= b.bits ? a : b;
    }

    /** The dtype of {@code array op scalar}: Python scalars are weak (NEP 50). */
    static DType withScalar(DType array, Value scalar) {
        if (scalar instanceof Value.FloatValue && !array.isFloating()) {
            return DType.F64;
        }
        if (scalar instanceof Value.IntValue && array == DType.BOOL) {
            return DType.I64;
        }
        return array;
    }

    public static Tensor asArray(Value v) {
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
        Optional<Python.Nested> nested = Python.nested(v);
        if (nested.isPresent()) {
            Python.Nested n = nested.get();
            DType t = n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F64 : DType.I64;
            return Tensor.of(t, n.shape(), n.values());
        }
        return null;
    }

    // ------------------------------------------------------------ operators

    public static Tensor binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        Tensor a = asArray(left);
        Tensor b = asArray(right);
        if (a == null || b == null) {
            throw Python.unsupported(op, left, right);
        }
        if (op == Expr.BinaryOp.MATMUL) {
            return matmul(a, b, ctx);
        }
        DType common;
        if (left instanceof Value.TensorValue && right instanceof Value.TensorValue) {
            common = promote(a.dtype(), b.dtype());
        } else if (left instanceof Value.TensorValue) {
            common = withScalar(a.dtype(), right);
        } else if (right instanceof Value.TensorValue) {
            common = withScalar(b.dtype(), left);
        } else {
            common = promote(a.dtype(), b.dtype());
        }
        if (op == Expr.BinaryOp.SUB && common == DType.BOOL) {
            throw new FrameworkException("TypeError", "numpy boolean subtract, the `-` operator, is not supported, "
                    + "use the bitwise_xor, the `^` operator, or the logical_xor function instead.");
        }
        Shape out = broadcast(List.of(a.shape(), b.shape()), ctx);
        DType result = switch (op) {
            case LT, GT, LE, GE, EQ, NE -> DType.BOOL;
            case DIV -> common.isFloating() ? common : DType.F64;
            default -> common;
        };
        if (a.rank() > 0 && b.rank() > 0) {
            dev.shapes.framework.SilentBroadcast.checkArithmetic(ctx, op.symbol, a.shape(), b.shape(), out);
        }
        boolean integral = !common.isFloating();
        return TensorMath.zip(a.cast(common), b.cast(common), out, result, (p, q) -> apply(op, p, q, integral));
    }

    private static double apply(Expr.BinaryOp op, double p, double q, boolean integral) {
        return switch (op) {
            case ADD -> p + q;
            case SUB -> p - q;
            case MUL -> p * q;
            case DIV -> p / q;
            case FLOOR_DIV -> integral && q == 0 ? 0 : Math.floor(p / q);
            case MOD -> integral ? (q == 0 ? 0 : Math.floorMod((long) p, (long) q)) : p - Math.floor(p / q) * q;
            case POW -> Math.pow(p, q);
            case LT -> p < q ? 1 : 0;
            case GT -> p > q ? 1 : 0;
            case LE -> p <= q ? 1 : 0;
            case GE -> p >= q ? 1 : 0;
            case EQ -> p == q ? 1 : 0;
            case NE -> p != q ? 1 : 0;
            case MATMUL -> throw new IllegalStateException();
        };
    }

    /** Broadcast shapes, with NumPy's text (each shape followed by a space) when they do not. */
    public static Shape broadcast(List<Shape> shapes, CallContext ctx) {
        Broadcast.Result r = Broadcast.all(shapes, ctx.bindings());
        if (r.ok()) {
            return r.shape().get();
        }
        StringBuilder text = new StringBuilder("operands could not be broadcast together with shapes ");
        for (Shape s : shapes) {
            text.append(shape(s)).append(' ');
        }
        Broadcast.Mismatch m = r.mismatch().get();
        FrameworkException e = new FrameworkException("ValueError", text.toString());
        if (shapes.size() == 2) {
            e.operand("a", "", shapes.get(0), m.axisA() >= 0 ? List.of(m.axisA()) : List.of())
                    .operand("b", "", shapes.get(1), m.axisB() >= 0 ? List.of(m.axisB()) : List.of());
        }
        throw e;
    }

    static Tensor matmul(Tensor a, Tensor b, CallContext ctx) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new FrameworkException("ValueError", "matmul: Input operand " + (a.rank() == 0 ? 0 : 1)
                    + " does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) "
                    + "requires 1)");
        }
        Tensor x = a.rank() == 1 ? TensorMath.reshape(a, Shape.of(Dim.of(1), a.shape().dim(0))) : a;
        Tensor y = b.rank() == 1 ? TensorMath.reshape(b, Shape.of(b.shape().dim(0), Dim.of(1))) : b;
        Dim k1 = x.shape().dim(x.rank() - 1);
        Dim k2 = y.shape().dim(y.rank() - 2);
        if (!ctx.bindings().compatible(k1, k2, "", "")) {
            throw new FrameworkException("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension 0, "
                    + "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size " + k2 + " is different from " + k1 + ")");
        }
        Shape batch = broadcast(List.of(x.shape().subShape(0, x.rank() - 2), y.shape().subShape(0, y.rank() - 2)), ctx);
        Shape out = batch.append(x.shape().dim(x.rank() - 2)).append(y.shape().dim(y.rank() - 1));
        DType dtype = promote(a.dtype(), b.dtype());
        Tensor r = x.hasValues() && y.hasValues() && out.isFullyKnown() && NumericBudget.allows(out)
                ? Kernels.matmul(x.cast(dtype), y.cast(dtype), out, dtype) : Tensor.shapeOnly(dtype, out);
        List<Dim> dims = new ArrayList<>(out.dims());
        if (b.rank() == 1) {
            dims.remove(dims.size() - 1);
        }
        if (a.rank() == 1) {
            dims.remove(dims.size() - (b.rank() == 1 ? 1 : 2));
        }
        return TensorMath.reshape(r, new Shape(dims));
    }

    /** {@code a op= b}: the result must fit {@code a}'s shape and cast to its dtype ('same_kind'). */
    public static Tensor binaryInPlace(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        Tensor result = binary(op, left, right, ctx);
        if (!(left instanceof Value.TensorValue target)) {
            return result;
        }
        Tensor t = target.tensor();
        if (!ctx.bindings().resolve(result.shape()).equals(ctx.bindings().resolve(t.shape()))) {
            throw new FrameworkException("ValueError", "non-broadcastable output operand with shape " + shape(t.shape())
                    + " doesn't match the broadcast shape " + shape(result.shape()));
        }
        if (result.dtype() != t.dtype() && !sameKind(result.dtype(), t.dtype())) {
            String ufunc = switch (op) {
                case ADD -> "add";
                case SUB -> "subtract";
                case MUL -> "multiply";
                case DIV -> "divide";
                case FLOOR_DIV -> "floor_divide";
                case POW -> "power";
                default -> "remainder";
            };
            throw new FrameworkException("UFuncTypeError", "Cannot cast ufunc '" + ufunc + "' output from dtype('"
                    + result.dtype().longName + "') to dtype('" + t.dtype().longName + "') with casting rule "
                    + "'same_kind'");
        }
        return result.cast(t.dtype());
    }

    private static boolean sameKind(DType from, DType to) {
        if (to.isFloating()) {
            return true;
        }
        if (to.isIntegral()) {
            return !from.isFloating();
        }
        return from == DType.BOOL;
    }

    public static Tensor unary(Expr.UnaryOp op, Tensor x) {
        return switch (op) {
            case NEGATE -> {
                if (x.dtype() == DType.BOOL) {
                    throw new FrameworkException("TypeError", "The numpy boolean negative, the `-` operator, is not "
                            + "supported, use the `~` operator or the logical_not function instead.");
                }
                yield TensorMath.map(x, v -> -v);
            }
            case PLUS -> x;
            case INVERT -> {
                if (x.dtype().isFloating()) {
                    throw new FrameworkException("TypeError", "ufunc 'invert' not supported for the input types, and "
                            + "the inputs could not be safely coerced to any supported types according to the casting "
                            + "rule ''safe''");
                }
                yield TensorMath.map(x, v -> x.dtype() == DType.BOOL ? (v == 0 ? 1 : 0) : ~(long) v);
            }
        };
    }

    // ------------------------------------------------------------ indexing

    public static Tensor index(Tensor x, List<Value> index, CallContext ctx) {
        List<Indexing.Index> items = new ArrayList<>();
        for (Value v : index) {
            items.add(indexItem(v));
        }
        Indexing.Result r = Indexing.apply(x, items, ctx.bindings());
        if (r.ok()) {
            return r.tensor();
        }
        Indexing.Problem p = r.problem();
        if (p instanceof Indexing.Problem.TooManyIndices t) {
            throw new FrameworkException("IndexError", "too many indices for array: array is " + t.rank()
                    + "-dimensional, but " + t.indexed() + " were indexed");
        }
        if (p instanceof Indexing.Problem.OutOfBounds o) {
            throw new FrameworkException("IndexError", "index " + o.index() + " is out of bounds for axis " + o.axis()
                    + " with size " + o.size());
        }
        if (p instanceof Indexing.Problem.ArraysDoNotBroadcast b) {
            StringBuilder shapes = new StringBuilder();
            for (Shape s : b.shapes()) {
                shapes.append(shape(s)).append(' ');
            }
            throw new FrameworkException("IndexError",
                    "shape mismatch: indexing arrays could not be broadcast together with shapes " + shapes);
        }
        if (p instanceof Indexing.Problem.MaskMismatch m) {
            throw new FrameworkException("IndexError", "boolean index did not match indexed array along axis "
                    + m.axis() + "; size of axis is " + m.axisSize() + " but size of corresponding boolean axis is "
                    + m.maskSize());
        }
        throw new FrameworkException("ValueError", "slice step cannot be zero");
    }

    private static Indexing.Index indexItem(Value v) {
        if (v instanceof Value.IntValue i) {
            return new Indexing.Index.At(i.value());
        }
        if (v instanceof Value.BoolValue b) {
            return new Indexing.Index.Mask(Tensor.scalar(DType.BOOL, b.value() ? 1 : 0));
        }
        if (v instanceof Value.NoneValue) {
            return new Indexing.Index.NewAxis();
        }
        if (v instanceof Value.EllipsisValue) {
            return new Indexing.Index.Rest();
        }
        if (v instanceof Value.SliceValue s) {
            long step = s.step().filter(x -> !(x instanceof Value.NoneValue)).map(NumpyArrays::sliceInt).orElse(1L);
            if (step == 0) {
                throw new FrameworkException("ValueError", "slice step cannot be zero");
            }
            return new Indexing.Index.Range(bound(s.start()), bound(s.stop()), step);
        }
        Tensor idx = v instanceof Value.TensorValue t ? t.tensor() : asArray(v);
        if (idx == null) {
            throw new FrameworkException("IndexError", "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
                    + "(`None`) and integer or boolean arrays are valid indices");
        }
        if (idx.dtype() == DType.BOOL) {
            return new Indexing.Index.Mask(idx);
        }
        if (idx.dtype().isFloating()) {
            throw new FrameworkException("IndexError", "arrays used as indices must be of integer (or boolean) type");
        }
        if (idx.rank() == 0 && idx.hasValues()) {
            return new Indexing.Index.At((long) idx.item());
        }
        return new Indexing.Index.Array(idx);
    }

    private static OptionalLong bound(Optional<Value> v) {
        return v.filter(x -> !(x instanceof Value.NoneValue)).map(x -> OptionalLong.of(sliceInt(x)))
                .orElse(OptionalLong.empty());
    }

    private static long sliceInt(Value v) {
        if (v instanceof Value.IntValue i) {
            return i.value();
        }
        if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                && !t.tensor().dtype().isFloating()) {
            return (long) t.tensor().item();
        }
        throw new FrameworkException("TypeError", "slice indices must be integers or None or have an __index__ method");
    }

    // ------------------------------------------------------------ shape functions

    /** Sizes given as ints or one tuple/list, for {@code reshape} and factories. */
    public static List<Long> sizes(List<Value> args, String function) {
        if (args.size() == 1) {
            List<Value> items = Python.sequenceItems(args.get(0));
            if (items != null) {
                args = items;
            }
        }
        List<Long> out = new ArrayList<>();
        for (Value v : args) {
            if (v instanceof Value.IntValue i) {
                out.add(i.value());
            } else if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                    && !t.tensor().dtype().isFloating()) {
                out.add((long) t.tensor().item());
            } else {
                throw new FrameworkException("TypeError", "'" + v.typeName() + "' object cannot be interpreted as an "
                        + "integer");
            }
        }
        return out;
    }

    /** {@code a.reshape(...)} / {@code np.reshape}. */
    public static Tensor reshape(Tensor x, List<Long> sizes, CallContext ctx) {
        int unknown = -1;
        long product = 1;
        for (int i = 0; i < sizes.size(); i++) {
            long s = sizes.get(i);
            if (s < 0) {
                if (unknown >= 0 || s != -1) {
                    throw new FrameworkException("ValueError", s == -1 ? "can only specify one unknown dimension"
                            : "negative dimensions not allowed");
                }
                unknown = i;
            } else {
                product *= s;
            }
        }
        Dim numel = ctx.bindings().resolve(x.shape().numelDim());
        List<Dim> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(Dim.of(s));
        }
        if (numel instanceof Dim.Known n) {
            boolean fits = unknown < 0 ? n.size() == product : product != 0 && n.size() % product == 0;
            if (!fits) {
                throw new FrameworkException("ValueError", "cannot reshape array of size " + n.size() + " into shape "
                        + requested(sizes));
            }
            if (unknown >= 0) {
                dims.set(unknown, Dim.of(n.size() / product));
            }
        } else if (unknown >= 0) {
            dims.set(unknown, numel.exactDivide(Dim.of(product)).orElse(Dim.UNKNOWN));
        }
        return TensorMath.reshape(x, new Shape(dims));
    }

    /** numpy's convert_shape_to_string: leading -1 dropped, later ones as {@code newaxis}. */
    private static String requested(List<Long> sizes) {
        int i = 0;
        while (i < sizes.size() && sizes.get(i) < 0) {
            i++;
        }
        if (i == sizes.size()) {
            return "()";
        }
        StringBuilder out = new StringBuilder("(").append(sizes.get(i++));
        for (; i < sizes.size(); i++) {
            out.append(sizes.get(i) < 0 ? ",newaxis" : "," + sizes.get(i));
        }
        return out.append(sizes.size() == 1 ? ",)" : ")").toString();
    }

    /** Normalises an axis, with NumPy's AxisError. */
    public static int axis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new FrameworkException("AxisError", "axis " + axis + " is out of bounds for array of dimension "
                    + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    public static Tensor squeeze(Tensor x, Optional<Long> axis, CallContext ctx) {
        List<Dim> out = new ArrayList<>();
        if (axis.isPresent()) {
            int a = axis(axis.get(), x.rank());
            Dim d = ctx.bindings().resolve(x.shape().dim(a));
            if (d instanceof Dim.Known k && k.size() != 1) {
                throw new FrameworkException("ValueError",
                        "cannot select an axis to squeeze out which has size not equal to one");
            }
            out.addAll(x.shape().without(a).dims());
        } else {
            for (Dim d : x.shape().dims()) {
                if (!ctx.bindings().resolve(d).is(1)) {
                    out.add(d);
                }
            }
        }
        return TensorMath.reshape(x, new Shape(out));
    }

    public static Tensor expandDims(Tensor x, long axis) {
        int a = axis(axis, x.rank() + 1);
        return TensorMath.reshape(x, x.shape().inserting(a, Dim.of(1)));
    }

    public static Tensor transpose(Tensor x, List<Long> perm) {
        int rank = x.rank();
        int[] order = new int[rank];
        if (perm.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                order[i] = rank - 1 - i;
            }
        } else {
            if (perm.size() != rank) {
                throw new FrameworkException("ValueError", "axes don't match array");
            }
            for (int i = 0; i < rank; i++) {
                order[i] = axis(perm.get(i), rank);
            }
        }
        List<Dim> dims = new ArrayList<>();
        for (int i : order) {
            dims.add(x.shape().dim(i));
        }
        Shape out = new Shape(dims);
        return x.hasValues() && out.isFullyKnown() ? Kernels.permute(x, order, out) : Tensor.shapeOnly(x.dtype(), out);
    }

    /** {@code np.sum/mean/max/min/argmax/argmin} over one axis or all. */
    public static Tensor reduce(Tensor x, Optional<Long> axis, boolean keepdims, Kernels.Reduction kind) {
        DType out = switch (kind) {
            case ARGMAX, ARGMIN -> DType.I64;
            case MEAN -> x.dtype().isFloating() ? x.dtype() : DType.F64;
            case SUM, PROD -> x.dtype() == DType.BOOL || (x.dtype().isIntegral() && x.dtype().bits < 64) ? DType.I64
                    : x.dtype();
            case ANY, ALL -> DType.BOOL;
            default -> x.dtype();
        };
        if (axis.isEmpty()) {
            if ((kind == Kernels.Reduction.MAX || kind == Kernels.Reduction.MIN || kind == Kernels.Reduction.ARGMAX
                    || kind == Kernels.Reduction.ARGMIN) && x.shape().numel().orElse(1) == 0) {
                throw new FrameworkException("ValueError", "zero-size array to reduction operation "
                        + (kind == Kernels.Reduction.MIN || kind == Kernels.Reduction.ARGMIN ? "minimum" : "maximum")
                        + " which has no identity");
            }
            Tensor all = TensorMath.reduceAll(x, kind, out);
            if (keepdims) {
                List<Dim> ones = new ArrayList<>();
                for (int i = 0; i < x.rank(); i++) {
                    ones.add(Dim.of(1));
                }
                return TensorMath.reshape(all, new Shape(ones));
            }
            return all;
        }
        int a = axis(axis.get(), x.rank());
        return TensorMath.reduce(x, a, keepdims, kind, out);
    }

    /** {@code np.concatenate(arrays, axis)}. */
    public static Tensor concatenate(List<Tensor> parts, long axis, CallContext ctx) {
        if (parts.isEmpty()) {
            throw new FrameworkException("ValueError", "need at least one array to concatenate");
        }
        Tensor first = parts.get(0);
        int rank = first.rank();
        if (rank == 0) {
            throw new FrameworkException("ValueError", "zero-dimensional arrays cannot be concatenated");
        }
        int a = axis(axis, rank);
        DType dtype = first.dtype();
        Dim total = Dim.of(0);
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            if (t.rank() != rank) {
                throw new FrameworkException("ValueError", "all the input array dimensions except for the "
                        + "concatenation axis must match exactly, but along dimension 0, the array at index 0 has "
                        + rank + " dimension(s) and the array at index " + p + " has " + t.rank() + " dimension(s)");
            }
            for (int d = 0; d < rank; d++) {
                if (d != a && !ctx.bindings().compatible(first.shape().dim(d), t.shape().dim(d), "", "")) {
                    throw new FrameworkException("ValueError", "all the input array dimensions except for the "
                            + "concatenation axis must match exactly, but along dimension " + d + ", the array at "
                            + "index 0 has size " + first.shape().dim(d) + " and the array at index " + p
                            + " has size " + t.shape().dim(d));
                }
            }
            dtype = promote(dtype, t.dtype());
            total = total.plus(t.shape().dim(a));
        }
        Shape out = first.shape().with(a, total);
        DType common = dtype;
        List<Tensor> cast = parts.stream().map(t -> t.cast(common)).toList();
        if (cast.stream().allMatch(Tensor::hasValues) && out.isFullyKnown() && NumericBudget.allows(out)) {
            return Kernels.concat(cast, a, out, common);
        }
        return Tensor.shapeOnly(common, out);
    }

    // ------------------------------------------------------------ attributes

    /** {@code a.shape}, {@code a.reshape(...)}, ... of a NumPy array. */
    public static Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        Tensor self = target.tensor();
        switch (name) {
            case "shape":
                return Optional.of(shapeTuple(self.shape()));
            case "ndim":
                return Optional.of(new Value.IntValue(self.rank()));
            case "dtype":
                return Optional.of(dtypeValue(self.dtype()));
            case "size":
                Dim n = ctx.bindings().resolve(self.shape().numelDim());
                return Optional.of(n instanceof Dim.Known k ? new Value.IntValue(k.size())
                        : new Value.StrValue(n.toString()));
            case "T":
                return Optional.of(wrap(transpose(self, List.of())));
            default:
                break;
        }
        Function.Body body = method(self, name);
        return body == null ? Optional.empty() : Optional.of(new Function("ndarray." + name, body));
    }

    public static final List<String> ATTRIBUTES = List.of("shape", "ndim", "dtype", "size", "T", "reshape", "astype",
            "flatten", "ravel", "squeeze", "transpose", "argmax", "argmin", "sum", "mean", "max", "min", "copy",
            "tolist", "item");

    /** A tensor's shape as the Python tuple NumPy returns (symbolic sizes stay symbolic tuples of names). */
    public static Value shapeTuple(Shape shape) {
        List<Value> items = new ArrayList<>();
        for (Dim d : shape.dims()) {
            items.add(d instanceof Dim.Known k ? new Value.IntValue(k.size())
                    : d instanceof Dim.Unknown ? Value.NONE : new Value.StrValue(d.toString()));
        }
        return new Value.TupleValue(items);
    }

    private static Function.Body method(Tensor self, String name) {
        return switch (name) {
            case "reshape" -> (args, ctx) -> {
                Value order = args.keywords().get("order");
                if (order != null && !(order instanceof Value.StrValue)) {
                    throw new FrameworkException("TypeError", "order must be str, not " + order.typeName());
                }
                return wrap(reshape(self, sizes(args.positional(), "reshape"), ctx));
            };
            case "astype" -> (args, ctx) -> {
                Bound b = Signature.of("astype", "dtype", "order", "casting", "subok", "copy")
                        .noneDefaults("order", "casting", "subok", "copy").bind(args);
                return wrap(self.cast(dtype(b.get("dtype"))));
            };
            case "flatten", "ravel" -> (args, ctx) -> wrap(TensorMath.reshape(self,
                    new Shape(List.of(self.shape().numelDim()))));
            case "squeeze" -> (args, ctx) -> {
                Bound b = Signature.of("squeeze", "axis").noneDefaults("axis").bind(args);
                return wrap(squeeze(self, b.isNone("axis") ? Optional.empty() : Optional.of(b.integer("axis")),
                        ctx));
            };
            case "transpose" -> (args, ctx) -> wrap(transpose(self, args.positional().isEmpty() ? List.of()
                    : sizes(args.positional(), "transpose")));
            case "argmax", "argmin", "sum", "mean", "max", "min" -> (args, ctx) -> {
                Bound b = Signature.of(name, "axis", "out", "keepdims").noneDefaults("axis", "out")
                        .def("keepdims", false).bind(args);
                return wrap(reduce(self, b.isNone("axis") ? Optional.empty() : Optional.of(b.integer("axis")),
                        b.bool("keepdims"), reduction(name)));
            };
            case "copy" -> (args, ctx) -> wrap(self);
            case "item" -> (args, ctx) -> {
                if (self.shape().numel().orElse(0) != 1) {
                    throw new FrameworkException("ValueError", "can only convert an array of size 1 to a Python "
                            + "scalar");
                }
                if (!self.hasValues()) {
                    throw new dev.shapes.eval.NotationException("ValueError", "the array's value is not known "
                            + "(declare it with a value)", null);
                }
                return self.dtype().isFloating() ? new Value.FloatValue(self.item())
                        : new Value.IntValue((long) self.item());
            };
            default -> null;
        };
    }

    static Kernels.Reduction reduction(String name) {
        return switch (name) {
            case "argmax" -> Kernels.Reduction.ARGMAX;
            case "argmin" -> Kernels.Reduction.ARGMIN;
            case "sum" -> Kernels.Reduction.SUM;
            case "mean" -> Kernels.Reduction.MEAN;
            case "max", "amax" -> Kernels.Reduction.MAX;
            case "min", "amin" -> Kernels.Reduction.MIN;
            case "prod" -> Kernels.Reduction.PROD;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A dtype argument: {@code np.float32}, {@code 'float32'}, {@code float}, {@code int}. */
    public static DType dtype(Value v) {
        if (v instanceof Value.DTypeValue d) {
            return d.dtype();
        }
        if (v instanceof Value.StrValue s) {
            String name = s.value();
            Optional<DType> t = DType.parse(name.equals("float") ? "float64" : name.equals("int") ? "int64" : name);
            return t.orElseThrow(() -> new FrameworkException("TypeError", "data type '" + name + "' not understood"));
        }
        if (v instanceof Function f) {
            return switch (f.qualifiedName()) {
                case "float" -> DType.F64;
                case "int" -> DType.I64;
                case "bool" -> DType.BOOL;
                default -> throw new FrameworkException("TypeError", "Cannot interpret '" + f.describe()
                        + "' as a data type");
            };
        }
        throw new FrameworkException("TypeError", "Cannot interpret '" + Python.repr(v) + "' as a data type");
    }

    static Arguments tail(Arguments args) {
        return new Arguments(args.positional().subList(1, args.positional().size()), args.keywords(),
                args.positionalSpans().subList(1, args.positionalSpans().size()), args.keywordSpans(),
                args.positionalSources().subList(1, args.positionalSources().size()), args.keywordSources(),
                args.callSpan());
    }
}
