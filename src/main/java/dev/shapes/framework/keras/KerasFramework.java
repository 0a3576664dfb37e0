package dev.shapes.framework.keras;

import dev.shapes.eval.Framework;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Value;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Keras: {@code use keras} (Keras 3.15 on TensorFlow, recorded) or
 * {@code use keras 2} (tf.keras 2.x texts, from source). One instance per
 * session, so automatic layer names count per session.
 */
public final class KerasFramework implements Framework {

    private final KerasState state;
    private final Map<KerasVersion, KerasProfile> profiles = new EnumMap<>(KerasVersion.class);
    private final java.util.function.Function<Module, Module> tensorflow;

    /** {@code tensorflow} builds the {@code tf} namespace a Keras program may import, given its keras. */
    public KerasFramework(java.util.function.Function<Module, Module> tensorflow) {
        this(tensorflow, new KerasState());
    }

    private KerasFramework(java.util.function.Function<Module, Module> tensorflow, KerasState state) {
        this.tensorflow = tensorflow;
        this.state = state;
    }

    @Override
    public Framework fork() {
        return new KerasFramework(tensorflow, state.copy());
    }

    @Override
    public Profile counterpart(Profile original) {
        if (original instanceof KerasProfile p) {
            return profile(List.of(p.runtime().version().label));
        }
        return original;
    }

    @Override
    public String id() {
        return "keras";
    }

    @Override
    public List<String> aliases() {
        return List.of("tf.keras");
    }

    @Override
    public String displayName() {
        return "Keras";
    }

    @Override
    public List<String> versions() {
        return List.of(KerasVersion.V3.label, KerasVersion.V2.label);
    }

    @Override
    public Profile profile(List<String> options) {
        KerasVersion version = KerasVersion.V3;
        if (options.size() > 1) {
            throw new NotationException("ValueError", "use keras takes one version, e.g. 'use keras 2'", null);
        }
        if (!options.isEmpty()) {
            String v = options.get(0);
            if (v.equals("3") || v.startsWith("3.")) {
                version = KerasVersion.V3;
            } else if (v.equals("2") || v.startsWith("2.")) {
                version = KerasVersion.V2;
            } else {
                throw new NotationException("ValueError", "Shapes reproduces Keras 3 and tf.keras 2.x, not '" + v
                        + "'; write 'use keras' or 'use keras 2'", null);
            }
        }
        KerasVersion chosen = version;
        return profiles.computeIfAbsent(chosen, v -> new KerasProfile(new KerasRuntime(v, state), tensorflow));
    }

    /** What the TensorFlow profile needs of Keras: {@code tf.keras} (Keras 3 with its own names) and NumPy. */
    public static Map<String, Value> companionsForTensorFlow() {
        KerasRuntime runtime = new KerasRuntime(KerasVersion.V3, new KerasState());
        return Map.of("keras", new KerasModule(runtime, "keras").module(), "sklearn", Sklearn.module());
    }
}
