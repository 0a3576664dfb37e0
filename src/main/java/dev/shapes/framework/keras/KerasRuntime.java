package dev.shapes.framework.keras;

/** One session's Keras: its version's texts and its per-process state (names, symbolic tensors). */
public record KerasRuntime(KerasVersion version, KerasState state) {

    public boolean legacy() {
        return version.isLegacy();
    }

    /**
     * The runtime a call should use: the session's own when the call runs under a Keras profile of this
     * version (a forked session has a copy of the state), else the one the object was made with.
     */
    public static KerasRuntime current(KerasRuntime captured, dev.shapes.eval.CallContext ctx) {
        if (ctx != null && ctx.profile() instanceof KerasProfile p && p.runtime().version() == captured.version()) {
            return p.runtime();
        }
        return captured;
    }
}
