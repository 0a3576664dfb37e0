package dev.shapes.tensor;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Element types. Each framework's promotion rules live in its profile. */
public enum DType {
    BOOL("bool", "bool", 1),
    U8("u8", "uint8", 8),
    I8("i8", "int8", 8),
    I16("i16", "int16", 16),
    I32("i32", "int32", 32),
    I64("i64", "int64", 64),
    F16("f16", "float16", 16),
    BF16("bf16", "bfloat16", 16),
    F32("f32", "float32", 32),
    F64("f64", "float64", 64);

    /** The notation's short name, e.g. {@code f32}. */
    public final String shortName;
    /** The NumPy-style long name, e.g. {@code float32}. */
    public final String longName;
    public final int bits;

    DType(String shortName, String longName, int bits) {
        this.shortName = shortName;
        this.longName = longName;
        this.bits = bits;
    }

    private static final Map<String, DType> ALIASES = Map.ofEntries(
            Map.entry("float", F32), Map.entry("double", F64), Map.entry("half", F16),
            Map.entry("long", I64), Map.entry("int", I32), Map.entry("short", I16),
            Map.entry("byte", U8), Map.entry("char", I8), Map.entry("boolean", BOOL),
            Map.entry("uint8", U8), Map.entry("int8", I8));

    /** The dtype a declaration names: short names, long names and the familiar aliases. */
    public static Optional<DType> parse(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (DType t : values()) {
            if (t.shortName.equals(key) || t.longName.equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.ofNullable(ALIASES.get(key));
    }

    public boolean isFloating() {
        return this == F16 || this == BF16 || this == F32 || this == F64;
    }

    public boolean isIntegral() {
        return this == U8 || this == I8 || this == I16 || this == I32 || this == I64;
    }

    public boolean isBool() {
        return this == BOOL;
    }

    /** Rounds a value to what this dtype can hold, as a cast in the framework would. */
    public double round(double v) {
        return switch (this) {
            case F64 -> v;
            case F32 -> (float) v;
            case F16 -> Half.round(v);
            case BF16 -> bfloat16(v);
            case BOOL -> v != 0 ? 1 : 0;
            case U8 -> Double.isNaN(v) ? 0 : ((long) v) & 0xFF;
            case I8 -> Double.isNaN(v) ? 0 : (byte) (long) v;
            case I16 -> Double.isNaN(v) ? 0 : (short) (long) v;
            case I32 -> Double.isNaN(v) ? 0 : (int) (long) v;
            case I64 -> Double.isNaN(v) ? 0 : (double) (long) v;
        };
    }

    private static double bfloat16(double v) {
        float f = (float) v;
        if (Float.isNaN(f)) {
            return f;
        }
        int bits = Float.floatToRawIntBits(f);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat((bits + rounding) & 0xFFFF0000);
    }

    /** IEEE half precision rounding (round to nearest even). */
    static final class Half {
        private Half() {}

        static double round(double v) {
            float f = (float) v;
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                return f;
            }
            float abs = Math.abs(f);
            if (abs >= 65520f) {
                return f > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            }
            double quantum;
            if (abs < 6.103515625e-05f) {
                quantum = Math.scalb(1.0, -24);
            } else {
                quantum = Math.scalb(1.0, Math.getExponent(abs) - 10);
            }
            return Math.rint(v / quantum) * quantum;
        }
    }
}
