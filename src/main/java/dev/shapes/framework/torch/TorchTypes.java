package dev.shapes.framework.torch;

import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PyTorch's dtype names and its type promotion ({@code torch.result_type}). */
public final class TorchTypes {

    private TorchTypes() {}

    /** The scalar type name in C++ messages: Float, Long, ... */
    public static String name(DType t) {
        return switch (t) {
            case BOOL -> "Bool";
            case U8 -> "Byte";
            case I8 -> "Char";
            case I16 -> "Short";
            case I32 -> "Int";
            case I64 -> "Long";
            case F16 -> "Half";
            case BF16 -> "BFloat16";
            case F32 -> "Float";
            case F64 -> "Double";
        };
    }

    /** Python's spelling: torch.float32, torch.int64, ... */
    public static String pythonName(DType t) {
        return "torch." + t.longName;
    }

    /** {@code torch.float32}, {@code torch.long}, ... as attribute values of the torch module. */
    public static Map<String, Value> dtypeObjects() {
        Map<String, Value> out = new LinkedHashMap<>();
        for (DType t : DType.values()) {
            out.put(t.longName, new Value.DTypeValue(t, pythonName(t)));
        }
        out.put("float", new Value.DTypeValue(DType.F32, "torch.float32"));
        out.put("double", new Value.DTypeValue(DType.F64, "torch.float64"));
        out.put("half", new Value.DTypeValue(DType.F16, "torch.float16"));
        out.put("long", new Value.DTypeValue(DType.I64, "torch.int64"));
        out.put("int", new Value.DTypeValue(DType.I32, "torch.int32"));
        out.put("short", new Value.DTypeValue(DType.I16, "torch.int16"));
        return out;
    }

    /** {@code torch.promote_types}. */
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
        if (a.isFloating() || b.isFloating()) {
            if (!a.isFloating()) {
                return b;
            }
            if (!b.isFloating()) {
                return a;
            }
            if ((a == DType.F16 && b == DType.BF16) || (a == DType.BF16 && b == DType.F16)) {
                return DType.F32;
            }
            return a.bits >= b.bits ? a : b;
        }
        if (a == DType.U8 || b == DType.U8) {
            DType other = a == DType.U8 ? b : a;
            return other == DType.I8 ? DType.I16 : other;
        }
        return a.bits >= b.bits ? a : b;
    }

    /** How an operand takes part in promotion: dimensioned tensors outrank 0-d tensors, which outrank Python numbers. */
    public enum Rank { DIM, ZERO_DIM, WRAPPED }

    public record Operand(DType dtype, Rank rank) {}

    public static Operand operand(Value v) {
        if (v instanceof Value.TensorValue t) {
            return new Operand(t.tensor().dtype(), t.tensor().rank() == 0 ? Rank.ZERO_DIM : Rank.DIM);
        }
        if (v instanceof Value.BoolValue) {
            return new Operand(DType.BOOL, Rank.WRAPPED);
        }
        if (v instanceof Value.IntValue) {
            return new Operand(DType.I64, Rank.WRAPPED);
        }
        if (v instanceof Value.FloatValue) {
            return new Operand(DType.F32, Rank.WRAPPED); // the default dtype
        }
        return null;
    }

    /** {@code torch.result_type} over the operands (PyTorch's ResultTypeState). */
    public static DType resultType(List<Operand> operands) {
        DType dim = null;
        DType zero = null;
        DType wrapped = null;
        for (Operand o : operands) {
            switch (o.rank()) {
                case DIM -> dim = dim == null ? o.dtype() : promote(dim, o.dtype());
                case ZERO_DIM -> zero = zero == null ? o.dtype() : promote(zero, o.dtype());
                case WRAPPED -> wrapped = wrapped == null ? o.dtype() : promote(wrapped, o.dtype());
            }
        }
        return combine(dim, combine(zero, wrapped));
    }

    private static DType combine(DType higher, DType lower) {
        if (higher != null && higher.isFloating()) {
            return higher;
        }
        if (higher == DType.BOOL || (lower != null && lower.isFloating())) {
            if (higher == null) {
                return lower;
            }
            if (lower == null) {
                return higher;
            }
            return promote(higher, lower);
        }
        return higher != null ? higher : lower;
    }

    public static DType resultType(Value a, Value b) {
        return resultType(List.of(operand(a), operand(b)));
    }
}
