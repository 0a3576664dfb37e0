package dev.shapes.explain;

import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.Shape;
import java.util.Optional;

/** Broadcasting questions a diagnosis asks about two operands, without touching the session's bindings. */
final class Broadcasts {

    private Broadcasts() {}

    static Optional<Shape> result(Situation s, Shape a, Shape b) {
        return Broadcast.shapes(a, b, s.bindings().copy()).shape();
    }

    /** Whether broadcasting the two makes a shape bigger than either, e.g. [N, 1] with [N] to [N, N]. */
    static boolean grows(Situation s, Shape a, Shape b) {
        return result(s, a, b).map(r -> Broadcast.grewBeyondBoth(a, b, r)).orElse(false);
    }
}
