package dev.shapes.framework;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Note;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.Shape;

/**
 * The product note every profile shares: an operation that broadcast its
 * operands to a shape bigger than either (e.g. [N,1] with [N] to [N,N]),
 * which the frameworks allow silently and is almost always a bug.
 */
public final class SilentBroadcast {

    private SilentBroadcast() {}

    /** Notes a loss (or loss-like expression) whose operands grew past both shapes. */
    public static void checkLoss(CallContext ctx, String what, String firstLabel, Shape first, String secondLabel,
                                 Shape second, Shape result) {
        if (Broadcast.grewBeyondBoth(first, second, result)) {
            ctx.note(Note.SILENT_BROADCAST, what + ": " + firstLabel + " " + first + " and " + secondLabel + " "
                    + second + " broadcast to " + result + ", so every element of one is paired with every element "
                    + "of the other instead of element by element");
        }
    }

    /**
     * Notes plain arithmetic only in the classic bug pattern: a column [N, 1]
     * against a vector [N] (or the reverse), which yields [N, N].
     */
    public static void checkArithmetic(CallContext ctx, String op, Shape left, Shape right, Shape result) {
        if (isColumnAgainstVector(left, right) || isColumnAgainstVector(right, left)) {
            ctx.note(Note.SILENT_BROADCAST, "'" + op + "' broadcast " + left + " and " + right + " to " + result
                    + ": a column against a vector pairs every element with every other; squeeze the column "
                    + "or unsqueeze the vector if you meant element by element");
        }
    }

    /**
     * Notes an advanced index whose index arrays broadcast to a shape bigger
     * than each of them: {@code logits[arange(N), labels]} with labels of shape
     * [N, 1] picks an [N, N] block instead of one entry per row.
     */
    public static void checkIndex(CallContext ctx, java.util.List<Shape> indexShapes, Shape broadcastShape) {
        for (int i = 0; i < indexShapes.size(); i++) {
            for (int j = i + 1; j < indexShapes.size(); j++) {
                Shape a = indexShapes.get(i);
                Shape b = indexShapes.get(j);
                if (a.rank() > 0 && b.rank() > 0 && Broadcast.grewBeyondBoth(a, b, broadcastShape)) {
                    ctx.note(Note.SILENT_BROADCAST, "the index arrays " + a + " and " + b + " broadcast to "
                            + broadcastShape + ", so the result takes every combination of them instead of one "
                            + "element per row; index with a vector (e.g. labels.squeeze(1)) to pick one per row");
                    return;
                }
            }
        }
    }

    private static boolean isColumnAgainstVector(Shape column, Shape vector) {
        return column.rank() == 2 && vector.rank() == 1 && column.dim(1).is(1)
                && !column.dim(0).is(1) && !vector.dim(0).is(1);
    }
}
