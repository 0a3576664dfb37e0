package dev.shapes.tensor;

/** Raised inside long numeric work when the evaluating thread was interrupted. */
public final class Interrupted extends RuntimeException {

    public Interrupted() {
        super("interrupted", null, false, false);
    }

    /** Call from long loops; throws when the user interrupted the evaluation. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Interrupted();
        }
    }
}
