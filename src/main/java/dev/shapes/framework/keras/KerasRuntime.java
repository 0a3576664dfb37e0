package dev.shapes.framework.keras;

import dev.shapes.framework.keras.loss.LossContext;
import dev.shapes.eval.CallContext;

/** One session's Keras: its version's texts and its per-process state (names, symbolic tensors). */
public record KerasRuntime(KerasVersion version, KerasState state) {

    public boolean legacy() {
        return version.isLegacy();
    }

    public LossContext eagerLoss(CallContext ctx) {
        return LossContext.eager(ctx, version);
    }
}
