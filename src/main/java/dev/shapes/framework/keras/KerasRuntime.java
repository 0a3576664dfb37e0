package dev.shapes.framework.keras;

/** One session's Keras: its version's texts and its per-process state (names, symbolic tensors). */
public record KerasRuntime(KerasVersion version, KerasState state) {

    public boolean legacy() {
        return version.isLegacy();
    }
}
