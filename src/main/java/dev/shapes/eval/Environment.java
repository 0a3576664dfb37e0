package dev.shapes.eval;

import dev.shapes.lang.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names a session has defined, as in a Python notebook: later cells see
 * earlier cells' names; redefining a name replaces it. A name whose defining
 * statement failed is "poisoned" so statements that use it are skipped.
 */
public final class Environment {

    /** A defined name: its value and where it was defined (cell index, span). */
    public record Variable(String name, Value value, int cell, Span definedAt) {}

    /** A name whose last defining statement failed. */
    public record Poison(String name, int cell, int line) {}

    private final Map<String, Variable> variables = new LinkedHashMap<>();
    private final Map<String, Poison> poisoned = new LinkedHashMap<>();

    public Optional<Variable> lookup(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public Optional<Poison> poison(String name) {
        return Optional.ofNullable(poisoned.get(name));
    }

    public void define(String name, Value value, int cell, Span definedAt) {
        poisoned.remove(name);
        variables.remove(name);
        variables.put(name, new Variable(name, value, cell, definedAt));
    }

    public void markFailed(String name, int cell, int line) {
        variables.remove(name);
        poisoned.put(name, new Poison(name, cell, line));
    }

    public Map<String, Variable> variables() {
        return Collections.unmodifiableMap(variables);
    }

    public void clear() {
        variables.clear();
        poisoned.clear();
    }

    /** A copy whose changes do not reach this one (used to verify a fix without touching the session). */
    public Environment copy() {
        Environment c = new Environment();
        c.variables.putAll(variables);
        c.poisoned.putAll(poisoned);
        return c;
    }
}
