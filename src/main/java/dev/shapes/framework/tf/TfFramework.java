package dev.shapes.framework.tf;

import dev.shapes.eval.Framework;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * TensorFlow: {@code use tf} (2.21, eager), {@code use tf graph} (2.21, TF-1-style
 * graph with sessions) and {@code use tf 1} (1.15 texts, graph). One instance
 * per session: its graph (placeholders, node names) is the session's.
 */
public final class TfFramework implements Framework {

    private final TfGraph graph;
    private final Supplier<Map<String, Value>> companionsFactory;
    private Map<String, Value> companions;
    private final Map<String, TfProfile> profiles = new HashMap<>();

    /** {@code companions} supplies what TF programs reach besides tf: {@code keras}, {@code numpy}. */
    public TfFramework(Supplier<Map<String, Value>> companions) {
        this(companions, new TfGraph(), null);
    }

    private TfFramework(Supplier<Map<String, Value>> factory, TfGraph graph, Map<String, Value> companions) {
        this.companionsFactory = factory;
        this.graph = graph;
        this.companions = companions;
    }

    /** A fork gets a copy of the graph; {@code tf.keras} (and its layer names) stays shared. */
    @Override
    public Framework fork() {
        return new TfFramework(companionsFactory, graph.copy(), companions);
    }

    @Override
    public Profile counterpart(Profile original) {
        if (original instanceof TfProfile p) {
            TfStyle style = p.runtime().style();
            return style.v1() ? profile(List.of("1")) : profile(style.graph() ? List.of("graph") : List.of());
        }
        return original;
    }

    @Override
    public String id() {
        return "tf";
    }

    @Override
    public List<String> aliases() {
        return List.of("tensorflow");
    }

    @Override
    public String displayName() {
        return "TensorFlow";
    }

    @Override
    public List<String> versions() {
        return List.of("2", "1");
    }

    @Override
    public Profile profile(List<String> options) {
        int major = 2;
        boolean graphMode = false;
        for (String o : options) {
            if (o.equals("graph")) {
                graphMode = true;
            } else if (o.equals("eager")) {
                graphMode = false;
            } else if (o.equals("2") || o.startsWith("2.")) {
                major = 2;
            } else if (o.equals("1") || o.startsWith("1.")) {
                major = 1;
            } else {
                throw new NotationException("ValueError", "Shapes reproduces TensorFlow 2.21 (eager or graph) and "
                        + "1.15, not '" + o + "'; write 'use tf', 'use tf graph' or 'use tf 1'", null);
            }
        }
        if (major == 1) {
            graphMode = true;
        }
        String key = major + (graphMode ? "g" : "e");
        int m = major;
        boolean g = graphMode;
        if (companions == null) {
            companions = companionsFactory.get();
        }
        return profiles.computeIfAbsent(key, k -> new TfProfile(new TfRuntime(graph, new TfStyle(m, g)), companions));
    }
}
