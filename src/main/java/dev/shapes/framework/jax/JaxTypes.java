package dev.shapes.framework.jax;

import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import java.util.Optional;

/**
 * JAX's dtypes with x64 off (its default): 64-bit types are truncated to 32
 * bits, and promotion follows JAX's type lattice, where Python scalars are
 * weakly typed and any integer meets any float at the float.
 */
final class JaxTypes {

    private JaxTypes() {}

    /** The dtype an array of this requested dtype gets when x64 is off. */
    static DType canonical(DType requested) {
        return switch (requested) {
            case I64 -> DType.I32;
            case F64 -> DType.F32;
            default -> requested;
        };
    }

    /**
     * JAX's warning when a requested 64-bit dtype is truncated
     * ({@code jax/_src/dtypes.py}, {@code check_user_dtype_supported}); it
     * prints the dtype argument as given: {@code <class 'jax.numpy.int64'>}
     * for {@code jnp.int64}, {@code int64} for a string or NumPy dtype.
     */
    static String truncationWarning(String requested, DType dtype, String function) {
        return "Explicitly requested dtype " + requested + " requested in " + function
                + " is not available, and will be truncated to dtype " + canonical(dtype).longName
                + ". To enable more dtypes, set the jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell "
                + "environment variable. See https://github.com/jax-ml/jax#current-gotchas for more.";
    }

    /** How a dtype argument prints in the truncation warning. */
    static String spelling(Value v, DType dtype) {
        if (v instanceof Value.DTypeValue d && d.spelling().startsWith("jnp.")) {
            return "<class 'jax.numpy." + d.spelling().substring(4) + "'>";
        }
        return dtype.longName;
    }

    /** An operand's dtype and whether it is weakly typed (a Python scalar). */
    record Typed(DType dtype, boolean weak) {}

    /** The result dtype of a binary operation on two operands (jnp.result_type). */
    static DType promote(Typed a, Typed b) {
        if (a.weak() && !b.weak()) {
            return withWeak(b.dtype(), a.dtype());
        }
        if (b.weak() && !a.weak()) {
            return withWeak(a.dtype(), b.dtype());
        }
        return strong(a.dtype(), b.dtype());
    }

    /** A strongly typed array meeting a Python scalar: the array's type wins within its kind. */
    private static DType withWeak(DType array, DType scalar) {
        if (scalar.isFloating() && !array.isFloating()) {
            return DType.F32;
        }
        if (scalar.isIntegral() && array.isBool()) {
            return DType.I32;
        }
        return array;
    }

    static DType strong(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.isFloating() || b.isFloating()) {
            if (!a.isFloating()) {
                return b;
            }
            if (!b.isFloating()) {
                return a;
            }
            if (a.bits == b.bits) {
                return DType.F32;  // float16 with bfloat16
            }
            return a.bits > b.bits ? a : b;
        }
        if (a.isBool()) {
            return b;
        }
        if (b.isBool()) {
            return a;
        }
        boolean ua = a == DType.U8;
        boolean ub = b == DType.U8;
        if (ua == ub) {
            return a.bits >= b.bits ? a : b;
        }
        DType signed = ua ? b : a;
        return signed.bits > 8 ? signed : DType.I16;
    }

    /** The default float type of the result of a float function applied to this dtype. */
    static DType inexact(DType t) {
        return t.isFloating() ? t : DType.F32;
    }

    /** A {@code dtype=} argument: jnp.float32, 'int32', float, ... (64-bit requests truncated). */
    static Optional<DType> argument(Value v) {
        if (v == null || v instanceof Value.NoneValue) {
            return Optional.empty();
        }
        if (v instanceof Value.DTypeValue d) {
            return Optional.of(d.dtype());
        }
        if (v instanceof Value.StrValue s) {
            return Optional.of(DType.parse(s.value()).orElseThrow(() -> new FrameworkException("TypeError",
                    "data type '" + s.value() + "' not understood")));
        }
        if (v instanceof dev.shapes.eval.Function f) {
            switch (f.qualifiedName()) {
                case "float":
                    return Optional.of(DType.F64);
                case "int":
                    return Optional.of(DType.I64);
                case "bool":
                    return Optional.of(DType.BOOL);
                default:
                    break;
            }
        }
        throw new FrameworkException("TypeError", "Cannot interpret '" + dev.shapes.eval.Python.repr(v)
                + "' as a data type");
    }
}
