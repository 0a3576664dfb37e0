package dev.shapes.eval;

import dev.shapes.tensor.Bindings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A notebook's state across cells: its names, its size-symbol bindings and
 * the framework profile currently selected by {@code use}.
 */
public final class Session {

    private final List<Framework> frameworks;
    private final Environment environment;
    private final Bindings bindings;
    private Profile profile;
    private int cellCount;

    public Session(List<Framework> frameworks) {
        this(frameworks, new Environment(), new Bindings(), null, 0);
    }

    private Session(List<Framework> frameworks, Environment environment, Bindings bindings, Profile profile,
                    int cellCount) {
        this.frameworks = List.copyOf(frameworks);
        this.environment = environment;
        this.bindings = bindings;
        this.cellCount = cellCount;
        this.profile = profile != null ? profile : frameworks.get(0).profile(List.of());
    }

    public List<Framework> frameworks() {
        return frameworks;
    }

    public Environment environment() {
        return environment;
    }

    public Bindings bindings() {
        return bindings;
    }

    public Profile profile() {
        return profile;
    }

    public void use(Profile selected) {
        this.profile = selected;
    }

    public int nextCellIndex() {
        return cellCount++;
    }

    public int cellCount() {
        return cellCount;
    }

    /** Forgets every name and binding and returns to the default framework (Jupyter's %reset). */
    public void reset() {
        environment.clear();
        bindings.clear();
        profile = frameworks.get(0).profile(List.of());
    }

    public Optional<Framework> framework(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return frameworks.stream().filter(f -> f.id().equals(key) || f.aliases().contains(key)).findFirst();
    }

    /** The profile {@code use name options} selects, or a NotationException naming what exists. */
    public Profile resolve(String name, List<String> options) {
        Framework framework = framework(name).orElseThrow(() -> new NotationException("ValueError",
                "unknown framework '" + name + "'; Shapes models " + String.join(", ",
                        frameworks.stream().map(Framework::id).toList()), null));
        return framework.profile(options);
    }

    /** An independent copy: evaluating in it leaves this session untouched (for verifying fixes). */
    public Session fork() {
        List<Framework> copies = new java.util.ArrayList<>();
        Profile current = profile;
        for (Framework f : frameworks) {
            Framework copy = f.fork();
            copies.add(copy);
            if (copy != f && f.id().equals(profile.framework())) {
                current = copy.counterpart(profile);
            }
        }
        return new Session(copies, environment.copy(), bindings.copy(), current, cellCount);
    }
}
