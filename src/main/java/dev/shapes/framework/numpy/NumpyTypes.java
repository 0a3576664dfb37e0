package dev.shapes.framework.numpy;

import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * NumPy's dtypes and its type promotion: {@code np.promote_types} over a
 * lattice that includes the unsigned types Shapes does not store, and
 * {@code np.result_type} for operands mixing arrays, NumPy scalars and Python
 * numbers, under NEP 50 (NumPy 2) or value-based casting (NumPy 1.x).
 */
public final class NumpyTypes {

    private NumpyTypes() {}

    /** NumPy's numeric types as promotion sees them; only some are {@link DType}s Shapes can hold. */
    enum NpType {
        BOOL(0, 8, false), U8(1, 8, false), U16(1, 16, false), U32(1, 32, false), U64(1, 64, false),
        I8(1, 8, true), I16(1, 16, true), I32(1, 32, true), I64(1, 64, true),
        F16(2, 16, true), F32(2, 32, true), F64(2, 64, true);

        /** 0 bool, 1 integer, 2 floating: the categories value-based casting compares. */
        final int kind;
        final int bits;
        final boolean signed;

        NpType(int kind, int bits, boolean signed) {
            this.kind = kind;
            this.bits = bits;
            this.signed = signed;
        }

        static NpType of(DType t) {
            return switch (t) {
                case BOOL -> BOOL;
                case U8 -> U8;
                case I8 -> I8;
                case I16 -> I16;
                case I32 -> I32;
                case I64 -> I64;
                case F16 -> F16;
                case F32 -> F32;
                case F64 -> F64;
                case BF16 -> throw new NotationException("TypeError", "NumPy has no bfloat16 dtype", null);
            };
        }

        static NpType integer(int bits, boolean signed) {
            for (NpType t : values()) {
                if (t.kind == 1 && t.bits == bits && t.signed == signed) {
                    return t;
                }
            }
            throw new IllegalArgumentException(bits + " bits");
        }

        static NpType floating(int bits) {
            return bits <= 16 ? F16 : bits <= 32 ? F32 : F64;
        }

        String numpyName() {
            return switch (this) {
                case BOOL -> "bool";
                case U8 -> "uint8";
                case U16 -> "uint16";
                case U32 -> "uint32";
                case U64 -> "uint64";
                default -> dtype().longName;
            };
        }

        /** The stored dtype; the wider unsigned types are not modelled. */
        DType dtype() {
            return switch (this) {
                case BOOL -> DType.BOOL;
                case U8 -> DType.U8;
                case I8 -> DType.I8;
                case I16 -> DType.I16;
                case I32 -> DType.I32;
                case I64 -> DType.I64;
                case F16 -> DType.F16;
                case F32 -> DType.F32;
                case F64 -> DType.F64;
                default -> throw new NotationException("NotImplementedError", "NumPy's result here has dtype "
                        + numpyName() + ", which Shapes does not model (it models bool, uint8, int8 to int64 and "
                        + "float16 to float64)", null);
            };
        }
    }

    /** {@code np.promote_types}. */
    static NpType promote(NpType a, NpType b) {
        if (a == b) {
            return a;
        }
        if (a == NpType.BOOL) {
            return b;
        }
        if (b == NpType.BOOL) {
            return a;
        }
        if (a.kind == 2 || b.kind == 2) {
            int bits = Math.max(a.kind == 2 ? a.bits : floatFor(a).bits, b.kind == 2 ? b.bits : floatFor(b).bits);
            return NpType.floating(bits);
        }
        if (a.signed == b.signed) {
            return NpType.integer(Math.max(a.bits, b.bits), a.signed);
        }
        NpType unsigned = a.signed ? b : a;
        NpType signed = a.signed ? a : b;
        if (signed.bits > unsigned.bits) {
            return signed;
        }
        return unsigned.bits == 64 ? NpType.F64 : NpType.integer(unsigned.bits * 2, true);
    }

    /** The smallest float that holds every value of an integer (or bool) type: the loop integer ufuncs use. */
    static NpType floatFor(NpType t) {
        if (t.kind == 2) {
            return t;
        }
        return t.bits <= 8 ? NpType.F16 : t.bits <= 16 ? NpType.F32 : NpType.F64;
    }

    public static DType promote(DType a, DType b) {
        return promote(NpType.of(a), NpType.of(b)).dtype();
    }

    /** The float type a math ufunc (exp, log, sqrt, ...) computes an input of this dtype in. */
    public static DType floatLoop(DType t) {
        return floatFor(NpType.of(t)).dtype();
    }

    // ------------------------------------------------------------ operands

    /** How an operand takes part in promotion. */
    enum Role { ARRAY, NUMPY_SCALAR, PY_BOOL, PY_INT, PY_FLOAT }

    record Operand(NpType type, Role role, OptionalDouble value) {
        boolean isPython() {
            return role == Role.PY_BOOL || role == Role.PY_INT || role == Role.PY_FLOAT;
        }
    }

    /** The operand a value is (arrays by rank; Python numbers are weak); empty for anything else. */
    static Optional<Operand> operand(Value v) {
        if (v instanceof Value.TensorValue t) {
            Tensor x = t.tensor();
            Role role = x.rank() == 0 ? Role.NUMPY_SCALAR : Role.ARRAY;
            OptionalDouble value = x.rank() == 0 && x.hasValues() ? OptionalDouble.of(x.item()) : OptionalDouble.empty();
            return Optional.of(new Operand(NpType.of(x.dtype()), role, value));
        }
        if (v instanceof Value.BoolValue b) {
            return Optional.of(new Operand(NpType.BOOL, Role.PY_BOOL, OptionalDouble.of(b.value() ? 1 : 0)));
        }
        if (v instanceof Value.IntValue i) {
            return Optional.of(new Operand(NpType.I64, Role.PY_INT, OptionalDouble.of(i.value())));
        }
        if (v instanceof Value.FloatValue f) {
            return Optional.of(new Operand(NpType.F64, Role.PY_FLOAT, OptionalDouble.of(f.value())));
        }
        return Optional.empty();
    }

    /**
     * {@code np.result_type} of a ufunc's operands as this version resolves it.
     * {@code checkOverflow} raises NumPy 2's OverflowError for a Python int
     * that does not fit the integer result (arithmetic, not comparisons).
     */
    static NpType resultType(List<Operand> operands, NumpyVersion version, boolean checkOverflow) {
        return version.isLegacy() ? valueBased(operands) : nep50(operands, checkOverflow);
    }

    private static NpType nep50(List<Operand> operands, boolean checkOverflow) {
        NpType strong = null;
        Role weakest = null;
        for (Operand o : operands) {
            if (o.isPython()) {
                if (weakest == null || o.role().ordinal() > weakest.ordinal()) {
                    weakest = o.role();
                }
            } else {
                strong = strong == null ? o.type() : promote(strong, o.type());
            }
        }
        if (strong == null) {
            return weakest == Role.PY_FLOAT ? NpType.F64 : weakest == Role.PY_INT ? NpType.I64 : NpType.BOOL;
        }
        NpType result = strong;
        if (weakest == Role.PY_FLOAT && strong.kind < 2) {
            result = NpType.F64;
        } else if (weakest == Role.PY_INT && strong.kind == 0) {
            result = NpType.I64;
        }
        if (checkOverflow && result.kind == 1) {
            for (Operand o : operands) {
                if (o.role() == Role.PY_INT && !fits(o.value().getAsDouble(), result)) {
                    throw new FrameworkException("OverflowError", "Python integer " + (long) o.value().getAsDouble()
                            + " out of bounds for " + result.numpyName());
                }
            }
        }
        return result;
    }

    private static boolean fits(double v, NpType t) {
        if (t.signed) {
            double max = Math.pow(2, t.bits - 1);
            return v >= -max && v < max;
        }
        return v >= 0 && v < Math.pow(2, t.bits);
    }

    private static NpType valueBased(List<Operand> operands) {
        int arrayKind = -1;
        int scalarKind = -1;
        for (Operand o : operands) {
            if (o.role() == Role.ARRAY) {
                arrayKind = Math.max(arrayKind, o.type().kind);
            } else {
                scalarKind = Math.max(scalarKind, o.type().kind);
            }
        }
        boolean minScalars = arrayKind >= 0 && scalarKind <= arrayKind;
        NpType result = null;
        for (Operand o : operands) {
            NpType t = o.role() != Role.ARRAY && minScalars ? minScalarType(o) : o.type();
            result = result == null ? t : promote(result, t);
        }
        return result;
    }

    /** {@code np.min_scalar_type}; a scalar without a known value counts as a small one. */
    private static NpType minScalarType(Operand o) {
        NpType t = o.type();
        double v = o.value().orElse(0);
        if (t.kind == 0) {
            return NpType.BOOL;
        }
        if (t.kind == 2) {
            double a = Math.abs(v);
            if (Double.isNaN(v) || Double.isInfinite(v) || a <= 65504) {
                return NpType.F16;
            }
            return a <= Float.MAX_VALUE ? NpType.F32 : NpType.F64;
        }
        if (v >= 0) {
            return v < 256 ? NpType.U8 : v < 65536 ? NpType.U16 : v < 4294967296.0 ? NpType.U32 : NpType.U64;
        }
        return v >= -128 ? NpType.I8 : v >= -32768 ? NpType.I16 : v >= -2147483648.0 ? NpType.I32 : NpType.I64;
    }

    /** A {@code dtype=} argument: a scalar type, a dtype, a string, or Python's int/float; empty for None. */
    static Optional<DType> dtypeArgument(Value v) {
        if (v instanceof Value.NoneValue) {
            return Optional.empty();
        }
        if (v instanceof ScalarType s) {
            return Optional.of(s.dtype());
        }
        if (v instanceof ArrayDType d) {
            return Optional.of(d.dtype());
        }
        if (v instanceof Value.DTypeValue d) {
            return Optional.of(d.dtype());
        }
        if (v instanceof Value.StrValue s) {
            return Optional.of(parse(s.value()).orElseThrow(() -> new FrameworkException("TypeError",
                    "data type '" + s.value() + "' not understood")));
        }
        if (v instanceof dev.shapes.eval.Function f && List.of("int", "float", "bool").contains(f.qualifiedName())) {
            return Optional.of(f.qualifiedName().equals("int") ? DType.I64
                    : f.qualifiedName().equals("float") ? DType.F64 : DType.BOOL);
        }
        throw new FrameworkException("TypeError", "Cannot interpret '" + dev.shapes.eval.Python.repr(v)
                + "' as a data type");
    }

    // ------------------------------------------------------------ names

    /** {@code dtype('float32')}: the repr of an array's dtype. */
    public static String dtypeRepr(DType t) {
        return "dtype('" + name(t) + "')";
    }

    /** NumPy's name of a dtype: float32, int64, bool, uint8. */
    public static String name(DType t) {
        return NpType.of(t).numpyName();
    }

    /** A dtype named by a string, as {@code np.dtype('f4')} reads it. */
    public static Optional<DType> parse(String spelling) {
        if (spelling.length() == 1) {
            return Optional.ofNullable(switch (spelling) {
                case "f" -> DType.F32;
                case "d" -> DType.F64;
                case "e" -> DType.F16;
                case "l", "q" -> DType.I64;
                case "i" -> DType.I32;
                case "h" -> DType.I16;
                case "b" -> DType.I8;
                case "B" -> DType.U8;
                case "?" -> DType.BOOL;
                default -> null;
            });
        }
        String s = spelling.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (s) {
            case "float32", "f4", "single" -> DType.F32;
            case "float64", "f8", "double", "float", "float_" -> DType.F64;
            case "float16", "f2", "half" -> DType.F16;
            case "int64", "i8", "int", "int_", "long", "intp", "longlong" -> DType.I64;
            case "int32", "i4", "intc" -> DType.I32;
            case "int16", "i2", "short" -> DType.I16;
            case "int8", "i1", "byte" -> DType.I8;
            case "uint8", "u1", "ubyte" -> DType.U8;
            case "bool", "bool_", "b1" -> DType.BOOL;
            default -> null;
        });
    }
}
