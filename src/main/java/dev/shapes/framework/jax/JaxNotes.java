package dev.shapes.framework.jax;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Note;
import dev.shapes.tensor.Shape;

/**
 * Shapes' own notes on what JAX does without complaint: NaN or wrapped labels,
 * clamped indices, broadcasting a column against a vector, one_hot adding an
 * axis, swapped loss arguments. Each says what JAX did and what the user most
 * likely meant; the framework's verdict (ok) is unchanged.
 */
final class JaxNotes {

    /** Out-of-range labels or indices that JAX answered with NaN, a zero row or a clamped read. */
    static final String OUT_OF_RANGE = "out-of-range-label";
    /** Negative labels that JAX wrapped around to a class counted from the end. */
    static final String NEGATIVE = "negative-label";
    /** {@code jax.nn.one_hot} of labels that already have a trailing axis of size one. */
    static final String ONE_HOT_AXIS = "one-hot-axis";
    /** A loss whose arguments look swapped (labels where logits belong). */
    static final String SWAPPED = "swapped-arguments";
    /** A class axis other than the last one. */
    static final String CLASS_AXIS = "class-axis";

    private JaxNotes() {}

    static void nanLabels(CallContext ctx, String fn, int count, long classes, String meant) {
        ctx.note(OUT_OF_RANGE, fn + ": " + count + " label" + (count == 1 ? " is" : "s are") + " out of range for "
                + classes + " classes (valid: 0.." + (classes - 1) + ", or -" + classes + "..-1 counting from the "
                + "end), and JAX does not raise: the gather read its fill value, "
                + "so the loss is NaN for " + (count == 1 ? "that example" : "those examples") + ". " + meant);
    }

    static void negativeLabels(CallContext ctx, String fn, int count, long classes) {
        ctx.note(NEGATIVE, fn + ": " + count + " negative label" + (count == 1 ? "" : "s") + " wrapped around "
                + "to class label + " + classes + " (e.g. -1 became class " + (classes - 1) + "), as Python indexing "
                + "does; JAX raises nothing. If a negative label marks an example to ignore (PyTorch's "
                + "ignore_index=-100), mask it out with where= instead.");
    }

    static void clamped(CallContext ctx, int count, String example) {
        ctx.note(OUT_OF_RANGE, "fancy indexing clamped " + count + " out-of-range index" + (count == 1 ? "" : "es")
                + " to the nearest valid one (" + example + "): JAX never raises for an index array, it reads a "
                + "different element. Check the labels are in range, or use "
                + "jnp.take_along_axis(..., mode='fill') to get NaN for bad indices.");
    }

    static void broadcastLoss(CallContext ctx, String fn, String first, Shape a, String second, Shape b,
                              Shape result, String meant) {
        ctx.note(Note.SILENT_BROADCAST, fn + ": " + first + " " + JaxText.tuple(a) + " and " + second + " "
                + JaxText.tuple(b) + " broadcast to " + JaxText.tuple(result) + ", so every element of one is "
                + "paired with every element of the other instead of element by element. " + meant);
    }

    static void broadcastBatch(CallContext ctx, String fn, String message) {
        ctx.note(Note.SILENT_BROADCAST, fn + ": " + message);
    }

    static void index(CallContext ctx, Shape a, Shape b, Shape result) {
        ctx.note(Note.SILENT_BROADCAST, "the index arrays " + JaxText.tuple(a) + " and " + JaxText.tuple(b)
                + " broadcast to " + JaxText.tuple(result) + ", so the result takes every combination of them "
                + "instead of one element per row. You most likely meant one pick per row: index with a vector "
                + "(labels.squeeze(-1) or labels[:, 0]).");
    }

    static void oneHotZeroRows(CallContext ctx, int count, long classes) {
        ctx.note(OUT_OF_RANGE, "jax.nn.one_hot: " + count + " label" + (count == 1 ? " is" : "s are")
                + " outside [0, " + classes + "), and JAX encodes " + (count == 1 ? "it" : "them")
                + " as an all-zero row instead of raising, so " + (count == 1 ? "that example" : "those examples")
                + " silently contribute nothing to a cross-entropy. Check num_classes and the label values.");
    }

    static void oneHotAxis(CallContext ctx, Shape labels, Shape result) {
        ctx.note(ONE_HOT_AXIS, "jax.nn.one_hot appends the class axis to whatever it is given: labels "
                + JaxText.tuple(labels) + " already end in an axis of size 1, so the result is "
                + JaxText.tuple(result) + ", not (batch, classes). You most likely meant "
                + "jax.nn.one_hot(labels.squeeze(-1), num_classes).");
    }

    static void swapped(CallContext ctx, String fn) {
        ctx.note(SWAPPED, fn + ": the first argument looks like labels (every row is one-hot or a probability "
                + "distribution) and the second like logits. optax takes (logits, labels), and JAX computed the loss "
                + "of the swapped pair without complaint. You most likely meant " + fn + "(logits, labels).");
    }

    static void classAxis(CallContext ctx, String fn, int axis, Shape logits) {
        ctx.note(CLASS_AXIS, fn + ": classes were read along axis " + axis + " (size " + logits.dim(axis)
                + ") of logits " + JaxText.tuple(logits) + ", so each position of the other axes is one example. "
                + "That is right for class-first layouts; for (batch, classes) logits leave axis at its default -1.");
    }
}
