package dev.shapes.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A namespace of framework members, e.g. {@code torch.nn.functional}. Members may be added after creation. */
public final class Module implements Value.PyObject {

    private final String qualifiedName;
    private final Map<String, Value> members = new LinkedHashMap<>();
    private final java.util.Set<String> absent = new java.util.HashSet<>();

    public Module(String qualifiedName) {
        this.qualifiedName = qualifiedName;
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    public Module put(String name, Value member) {
        members.put(name, member);
        return this;
    }

    /** Adds a function named {@code qualifiedName.name}. */
    public Module function(String name, Function.Body body) {
        return put(name, new Function(qualifiedName + "." + name, body));
    }

    public Module function(String name, Function.Body body, String doc) {
        return put(name, new Function(qualifiedName + "." + name, body, doc));
    }

    /**
     * Names the real module does not have although users reach for them (e.g.
     * {@code np.softmax}); asking for one raises the framework's own AttributeError.
     */
    public Module absent(String... names) {
        absent.addAll(java.util.List.of(names));
        return this;
    }

    public Optional<Value> member(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public Map<String, Value> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    @Override
    public Optional<Value> attribute(String name, CallContext ctx) {
        if (absent.contains(name)) {
            throw new FrameworkException("AttributeError", "module '" + qualifiedName + "' has no attribute '" + name
                    + "'");
        }
        return member(name);
    }

    @Override
    public List<String> attributeNames() {
        return new ArrayList<>(members.keySet());
    }

    @Override
    public String typeName() {
        return "module";
    }

    @Override
    public String describe() {
        return "<module '" + qualifiedName + "'>";
    }
}
