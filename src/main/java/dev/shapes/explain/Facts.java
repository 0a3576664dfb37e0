package dev.shapes.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a framework message states, by name: sizes, shapes, dtypes and
 * values taken from the named groups of the pattern that matched, with the
 * parsing every framework's spelling of a shape needs ({@code [32, 10]},
 * {@code [32,10]}, {@code (None, 10)}, {@code torch.Size([32, 10])}, {@code [?,10]}).
 */
public final class Facts {

    /**
     * The text pasted before the message (the traceback), for templates whose reproduction depends on the
     * caller: JAX's {@code take_along_axis} message raised inside optax's integer-label cross-entropy.
     */
    static final String CONTEXT = "context";

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern DIM = Pattern.compile("-?\\d+|None|\\?");

    private final Map<String, String> values;

    Facts(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static Facts of(Matcher matcher, Pattern pattern) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher names = GROUP_NAME.matcher(pattern.pattern());
        while (names.find()) {
            String name = names.group(1);
            String value = matcher.group(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return new Facts(values);
    }

    /** These facts and one more. */
    Facts with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(key, value);
        return new Facts(more);
    }

    public Map<String, String> values() {
        return values;
    }

    Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    long number(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A shape as dims ("32", "None"); empty when the fact is absent. */
    Optional<List<String>> shape(String key) {
        String v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(parseShape(v));
    }

    List<String> shape(String key, List<String> fallback) {
        return shape(key).orElse(fallback);
    }

    static List<String> parseShape(String text) {
        List<String> dims = new ArrayList<>();
        Matcher m = DIM.matcher(text.replace("torch.Size", ""));
        while (m.find()) {
            String d = m.group();
            dims.add(d.equals("?") ? "None" : d);
        }
        return dims;
    }

    /** The notation's dtype for a framework's dtype name: Float, Long, float32, int64, float, ... */
    static String dtypeOf(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        return switch (name.toLowerCase(Locale.ROOT).replace("torch.", "").replace("dt_", "")) {
            case "float", "float32", "floattensor" -> "f32";
            case "double", "float64", "doubletensor" -> "f64";
            case "half", "float16" -> "f16";
            case "bfloat16" -> "bf16";
            case "long", "int64", "longtensor" -> "i64";
            case "int", "int32", "inttensor" -> "i32";
            case "short", "int16" -> "i16";
            case "char", "int8" -> "i8";
            case "byte", "uint8", "bytetensor" -> "u8";
            case "bool", "boolean" -> "bool";
            default -> fallback;
        };
    }

    String dtype(String key, String fallback) {
        return dtypeOf(values.get(key), fallback);
    }

    /** {@code name: dtype[d1, d2]} */
    static String declare(String name, String dtype, List<String> dims) {
        return name + ": " + dtype + "[" + String.join(", ", dims) + "]";
    }

    static boolean known(List<String> dims) {
        return dims.stream().allMatch(d -> d.matches("\\d+"));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
