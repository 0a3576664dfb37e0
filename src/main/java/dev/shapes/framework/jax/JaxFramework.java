package dev.shapes.framework.jax;

import dev.shapes.eval.Framework;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import java.util.List;

/** JAX with optax: {@code use jax} (JAX 0.10 with optax 0.2.8, CPU, default 32-bit mode). */
public final class JaxFramework implements Framework {

    static final String VERSION = "0.10";

    private final JaxProfile profile = new JaxProfile();

    @Override
    public String id() {
        return "jax";
    }

    @Override
    public List<String> aliases() {
        return List.of("optax");
    }

    @Override
    public String displayName() {
        return "JAX";
    }

    @Override
    public List<String> versions() {
        return List.of(VERSION);
    }

    @Override
    public Profile profile(List<String> options) {
        if (options.isEmpty()) {
            return profile;
        }
        String v = options.get(0);
        if (options.size() == 1 && (v.equals("0.10") || v.startsWith("0.10."))) {
            return profile;
        }
        throw new NotationException("ValueError", "Shapes reproduces JAX " + VERSION + " (with optax 0.2.8), not '"
                + String.join(" ", options) + "'; write 'use jax'", null);
    }
}
