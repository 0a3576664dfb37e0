package dev.shapes.framework.keras;

import dev.shapes.eval.Value;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What Keras keeps per Python process and Shapes keeps per session: the
 * counters behind automatic names ({@code dense}, {@code dense_1}, ...;
 * keras/src/utils/naming.py) and the history of symbolic tensors (which layer
 * made each {@code KerasTensor} from which inputs), so a functional
 * {@code Model(inputs, outputs)} can be replayed on real batches.
 */
public final class KerasState {

    /** How a symbolic tensor was made: by {@code layer} from {@code inputs} (none for an {@code Input}). */
    public record Node(Object layer, java.util.List<Value.TensorValue> inputs) {}

    private final Map<String, Integer> uids = new HashMap<>();
    private final Map<Value.TensorValue, Node> history = new IdentityHashMap<>();

    /** {@code auto_name}: the snake-case prefix, then {@code prefix_1}, {@code prefix_2}, ... */
    public String uniqueName(String prefix) {
        int n = uids.getOrDefault(prefix, 0);
        uids.put(prefix, n + 1);
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** {@code to_snake_case}: {@code MaxPooling2D} to {@code max_pooling2d}, {@code LSTM} to {@code lstm}. */
    public static String snakeCase(String className) {
        String s = className.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** An independent copy, for a forked session. */
    public KerasState copy() {
        KerasState c = new KerasState();
        c.uids.putAll(uids);
        c.history.putAll(history);
        return c;
    }

    /** {@code keras.backend.clear_session()}: names start again from their defaults. */
    public void clearNames() {
        uids.clear();
    }

    public String autoName(String className) {
        return uniqueName(snakeCase(className));
    }

    public void record(Value.TensorValue tensor, Node node) {
        history.put(tensor, node);
    }

    public boolean isSymbolic(Value v) {
        return v instanceof Value.TensorValue t && history.containsKey(t);
    }

    public java.util.Optional<Node> node(Value.TensorValue t) {
        return java.util.Optional.ofNullable(history.get(t));
    }
}
