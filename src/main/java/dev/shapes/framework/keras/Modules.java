package dev.shapes.framework.keras;

import dev.shapes.eval.Module;
import dev.shapes.eval.Value;
import java.util.Map;
import java.util.Optional;

/** Resolves a dotted import ({@code tensorflow.keras.layers}) by walking modules' members from a root. */
public final class Modules {

    private Modules() {}

    public static Optional<Value> resolve(String dotted, Map<String, ? extends Value> roots) {
        String[] parts = dotted.split("\\.");
        Value current = roots.get(parts[0]);
        for (int i = 1; i < parts.length && current != null; i++) {
            current = current instanceof Module m ? m.member(parts[i]).orElse(null) : null;
        }
        return Optional.ofNullable(current);
    }
}
