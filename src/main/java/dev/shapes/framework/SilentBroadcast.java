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
     * Notes advanced indexing whose index arrays broadcast to a shape bigger
     * than each of them, e.g. {@code logits[np.arange(N), labels]} with labels
     * [N, 1]: the result is [N, N] (every row with every label), not one pick per row.
     */
    public static void checkIndex(CallContext ctx, java.util.List<Shape> arrays, Shape result) {
        for (Shape array : arrays) {
            if (!Broadcast.grewBeyondBoth(array, array, result)) {
                return;
            }
        }
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < arrays.size(); i++) {
            shapes.append(i == 0 ? "" : i == arrays.size() - 1 ? " and " : ", ").append(arrays.get(i));
        }
        ctx.note(Note.SILENT_BROADCAST, "the index arrays " + shapes + " broadcast to " + result
                + ", so every index of one is paired with every index of the other instead of one pick per row; "
                + "give the index arrays one shape (e.g. flatten a column of labels with .ravel() or [:, 0])");
    }

    private static boolean isColumnAgainstVector(Shape column, Shape vector) {
        return column.rank() == 2 && vector.rank() == 1 && column.dim(1).is(1)
                && !column.dim(0).is(1) && !vector.dim(0).is(1);
    }
}
