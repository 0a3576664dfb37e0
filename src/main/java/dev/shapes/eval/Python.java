package dev.shapes.eval;

import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Python's own semantics for builtin values: arithmetic on numbers, repr, truthiness, nested literals. */
public final class Python {

    private Python() {}

    /**
     * What {@code operator.index} makes of a value: an int, a bool, or a 0-d
     * integer tensor whose value is known; empty for anything else.
     */
    public static java.util.OptionalLong index(Value v) {
        if (v instanceof Value.IntValue i) {
            return java.util.OptionalLong.of(i.value());
        }
        if (v instanceof Value.BoolValue b) {
            return java.util.OptionalLong.of(b.value() ? 1 : 0);
        }
        if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                && !t.tensor().dtype().isFloating()) {
            return java.util.OptionalLong.of((long) t.tensor().item());
        }
        return java.util.OptionalLong.empty();
    }

    public static boolean isNumber(Value v) {
        return v instanceof Value.IntValue || v instanceof Value.FloatValue || v instanceof Value.BoolValue;
    }

    public static double toDouble(Value v) {
        if (v instanceof Value.IntValue i) {
            return i.value();
        }
        if (v instanceof Value.FloatValue f) {
            return f.value();
        }
        if (v instanceof Value.BoolValue b) {
            return b.value() ? 1 : 0;
        }
        throw new IllegalArgumentException("not a number: " + v);
    }

    /** Arithmetic between Python numbers (and list/tuple/str concatenation and repetition). */
    public static Value binary(Expr.BinaryOp op, Value a, Value b) {
        if (isNumber(a) && isNumber(b)) {
            boolean ints = !(a instanceof Value.FloatValue) && !(b instanceof Value.FloatValue);
            double x = toDouble(a);
            double y = toDouble(b);
            if (op.isComparison()) {
                boolean r = switch (op) {
                    case LT -> x < y;
                    case GT -> x > y;
                    case LE -> x <= y;
                    case GE -> x >= y;
                    case EQ -> x == y;
                    default -> x != y;
                };
                return new Value.BoolValue(r);
            }
            if ((op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.FLOOR_DIV || op == Expr.BinaryOp.MOD) && y == 0) {
                String what = op == Expr.BinaryOp.MOD ? "integer modulo by zero"
                        : ints ? (op == Expr.BinaryOp.DIV ? "division by zero" : "integer division or modulo by zero")
                        : "float division by zero";
                throw new FrameworkException("ZeroDivisionError", what);
            }
            if (ints) {
                long p = (long) x;
                long q = (long) y;
                return switch (op) {
                    case ADD -> new Value.IntValue(p + q);
                    case SUB -> new Value.IntValue(p - q);
                    case MUL -> new Value.IntValue(p * q);
                    case DIV -> new Value.FloatValue(x / y);
                    case FLOOR_DIV -> new Value.IntValue(Math.floorDiv(p, q));
                    case MOD -> new Value.IntValue(Math.floorMod(p, q));
                    case POW -> q >= 0 ? new Value.IntValue(pow(p, q)) : new Value.FloatValue(Math.pow(x, y));
                    default -> throw unsupported(op, a, b);
                };
            }
            return switch (op) {
                case ADD -> new Value.FloatValue(x + y);
                case SUB -> new Value.FloatValue(x - y);
                case MUL -> new Value.FloatValue(x * y);
                case DIV -> new Value.FloatValue(x / y);
                case FLOOR_DIV -> new Value.FloatValue(Math.floor(x / y));
                case MOD -> new Value.FloatValue(x - Math.floor(x / y) * y);
                case POW -> new Value.FloatValue(Math.pow(x, y));
                default -> throw unsupported(op, a, b);
            };
        }
        if (op == Expr.BinaryOp.ADD && a instanceof Value.ListValue l && b instanceof Value.ListValue r) {
            List<Value> items = new ArrayList<>(l.items());
            items.addAll(r.items());
            return new Value.ListValue(items);
        }
        if (op == Expr.BinaryOp.ADD && a instanceof Value.TupleValue l && b instanceof Value.TupleValue r) {
            List<Value> items = new ArrayList<>(l.items());
            items.addAll(r.items());
            return new Value.TupleValue(items);
        }
        if (op == Expr.BinaryOp.ADD && a instanceof Value.StrValue l && b instanceof Value.StrValue r) {
            return new Value.StrValue(l.value() + r.value());
        }
        if (op == Expr.BinaryOp.MUL && a instanceof Value.ListValue l && b instanceof Value.IntValue n) {
            List<Value> items = new ArrayList<>();
            for (long i = 0; i < n.value(); i++) {
                items.addAll(l.items());
            }
            return new Value.ListValue(items);
        }
        if (op == Expr.BinaryOp.EQ) {
            return new Value.BoolValue(a.equals(b));
        }
        if (op == Expr.BinaryOp.NE) {
            return new Value.BoolValue(!a.equals(b));
        }
        throw unsupported(op, a, b);
    }

    /** Square-and-multiply, so {@code 1 ** 10**12} does not loop a trillion times (overflow wraps as before). */
    private static long pow(long base, long exp) {
        long r = 1;
        long b = base;
        for (long e = exp; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                r *= b;
            }
            b *= b;
        }
        return r;
    }

    public static FrameworkException unsupported(Expr.BinaryOp op, Value a, Value b) {
        if (op.isComparison() && op != Expr.BinaryOp.EQ && op != Expr.BinaryOp.NE) {
            return new FrameworkException("TypeError", "'" + op.symbol + "' not supported between instances of '"
                    + a.typeName() + "' and '" + b.typeName() + "'");
        }
        return new FrameworkException("TypeError", "unsupported operand type(s) for " + op.symbol + ": '"
                + a.typeName() + "' and '" + b.typeName() + "'");
    }

    public static Value unary(Expr.UnaryOp op, Value v) {
        if (v instanceof Value.IntValue i) {
            return switch (op) {
                case NEGATE -> new Value.IntValue(-i.value());
                case PLUS -> i;
                case INVERT -> new Value.IntValue(~i.value());
            };
        }
        if (v instanceof Value.BoolValue b) {
            return unary(op, new Value.IntValue(b.value() ? 1 : 0));
        }
        if (v instanceof Value.FloatValue f && op != Expr.UnaryOp.INVERT) {
            return op == Expr.UnaryOp.NEGATE ? new Value.FloatValue(-f.value()) : f;
        }
        throw new FrameworkException("TypeError", "bad operand type for unary " + op.symbol + ": '" + v.typeName() + "'");
    }

    public static boolean truthy(Value v) {
        if (v instanceof Value.NoneValue) {
            return false;
        }
        if (v instanceof Value.BoolValue b) {
            return b.value();
        }
        if (v instanceof Value.IntValue i) {
            return i.value() != 0;
        }
        if (v instanceof Value.FloatValue f) {
            return f.value() != 0;
        }
        if (v instanceof Value.StrValue s) {
            return !s.value().isEmpty();
        }
        if (v instanceof Value.ListValue l) {
            return !l.items().isEmpty();
        }
        if (v instanceof Value.TupleValue t) {
            return !t.items().isEmpty();
        }
        if (v instanceof Value.DictValue d) {
            return !d.entries().isEmpty();
        }
        if (v instanceof Value.TensorValue t) {
            Tensor x = t.tensor();
            if (x.shape().numel().orElse(2) != 1) {
                if (t.typeName().equals("numpy.ndarray")) {
                    throw new FrameworkException("ValueError", "The truth value of an array with more than one "
                            + "element is ambiguous. Use a.any() or a.all()");
                }
                throw new FrameworkException("RuntimeError",
                        "Boolean value of Tensor with more than one value is ambiguous");
            }
            if (!x.hasValues()) {
                throw new NotationException("ValueError",
                        "the truth value of a shape-only tensor is not known; give it values", null);
            }
            return x.item() != 0;
        }
        return true;
    }

    /** Python's repr of a builtin value (tensors print their type). */
    public static String repr(Value v) {
        if (v instanceof Value.NoneValue) {
            return "None";
        }
        if (v instanceof Value.BoolValue b) {
            return b.value() ? "True" : "False";
        }
        if (v instanceof Value.IntValue i) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.FloatValue f) {
            return formatFloat(f.value());
        }
        if (v instanceof Value.StrValue s) {
            return "'" + s.value().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Value.ListValue l) {
            return "[" + join(l.items()) + "]";
        }
        if (v instanceof Value.TupleValue t) {
            return "(" + join(t.items()) + (t.items().size() == 1 ? ",)" : ")");
        }
        if (v instanceof Value.DictValue d) {
            StringBuilder out = new StringBuilder("{");
            d.entries().forEach((k, val) -> {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(repr(k)).append(": ").append(repr(val));
            });
            return out.append('}').toString();
        }
        if (v instanceof Value.SliceValue s) {
            return "slice(" + s.start().map(Python::repr).orElse("None") + ", "
                    + s.stop().map(Python::repr).orElse("None") + ", " + s.step().map(Python::repr).orElse("None") + ")";
        }
        if (v instanceof Value.EllipsisValue) {
            return "Ellipsis";
        }
        if (v instanceof Value.DTypeValue d) {
            return d.spelling();
        }
        if (v instanceof Value.TensorValue t) {
            return t.tensor().typeString();
        }
        return ((Value.PyObject) v).describe();
    }

    private static String join(List<Value> items) {
        StringBuilder out = new StringBuilder();
        for (Value item : items) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(repr(item));
        }
        return out.toString();
    }

    /** Python's float repr: shortest round-trip digits, "1.0" not "1". */
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return String.format("%.1f", d);
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            String[] parts = s.split("E");
            int exp = Integer.parseInt(parts[1]);
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            if (exp >= -4 && exp < 16) {
                return new java.math.BigDecimal(s).toPlainString();
            }
            return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return s;
    }

    /** A literal's nesting as a shape and its numbers flattened, e.g. [[1, 2], [3, 4]] is [2, 2]. */
    public record Nested(Shape shape, double[] values, boolean anyFloat, boolean allBool) {}

    /** Reads nested lists/tuples of numbers (or 0-d tensors with values); empty when ragged or non-numeric. */
    public static Optional<Nested> nested(Value v) {
        List<Long> sizes = new ArrayList<>();
        List<Double> flat = new ArrayList<>();
        boolean[] flags = {false, true};
        if (!collect(v, 0, sizes, flat, flags)) {
            return Optional.empty();
        }
        double[] values = new double[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = flat.get(i);
        }
        List<Dim> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(Dim.of(s));
        }
        return Optional.of(new Nested(new Shape(dims), values, flags[0], flags[1] && values.length > 0));
    }

    private static boolean collect(Value v, int depth, List<Long> sizes, List<Double> flat, boolean[] flags) {
        List<Value> items = sequenceItems(v);
        if (items == null) {
            if (depth < sizes.size()) {
                return false;
            }
            if (v instanceof Value.TensorValue t && t.tensor().hasValues()) {
                Tensor x = t.tensor();
                if (x.rank() == 0) {
                    flags[0] |= x.dtype().isFloating();
                    flags[1] &= x.dtype().isBool();
                    flat.add(x.item());
                    return true;
                }
                return false;
            }
            if (!isNumber(v)) {
                return false;
            }
            flags[0] |= v instanceof Value.FloatValue;
            flags[1] &= v instanceof Value.BoolValue;
            flat.add(toDouble(v));
            return true;
        }
        if (depth == sizes.size()) {
            if (!flat.isEmpty()) {
                return false; // a list where a number was seen before at this depth
            }
            sizes.add((long) items.size());
        } else if (sizes.get(depth) != items.size()) {
            return false;
        }
        for (Value item : items) {
            if (!collect(item, depth + 1, sizes, flat, flags)) {
                return false;
            }
        }
        return true;
    }

    /** The items of a list or tuple, or null for anything else. */
    public static List<Value> sequenceItems(Value v) {
        if (v instanceof Value.ListValue l) {
            return l.items();
        }
        if (v instanceof Value.TupleValue t) {
            return t.items();
        }
        return null;
    }

    /** The dtype Python literals get by default in frameworks: bool, int64 or float32. */
    public static DType literalDType(Nested n) {
        return n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F32 : DType.I64;
    }

    /** A list/tuple of ints (a shape or size argument), or empty. */
    public static Optional<long[]> intSequence(Value v) {
        List<Value> items = sequenceItems(v);
        if (items == null) {
            return Optional.empty();
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            Value item = items.get(i);
            if (item instanceof Value.IntValue n) {
                out[i] = n.value();
            } else if (item instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                    && t.tensor().dtype().isIntegral()) {
                out[i] = (long) t.tensor().item();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }
}
