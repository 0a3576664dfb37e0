package dev.shapes.explain;

import java.util.Optional;

/**
 * The kinds of mismatch a diagnosis or a recognised message is about; their
 * ids are part of the {@code explain --json} contract.
 */
public enum Kind {
    /** The labels have an axis too many or too few, e.g. {@code [B, 1]} where {@code [B]} is expected. */
    LABEL_RANK("label-rank"),
    /** The model's output width differs from the number of classes the labels use. */
    CLASS_COUNT("class-count"),
    /** Predictions and labels disagree on the number of samples. */
    BATCH_SIZE("batch-size"),
    /** Class indices where one-hot rows (or probabilities) are expected, or the reverse. */
    LABEL_ENCODING("label-encoding"),
    /** Label values outside {@code [0, C)} (or probabilities outside {@code [0, 1]}). */
    LABEL_RANGE("label-range"),
    /** An operand of the wrong element type, e.g. float class indices. */
    DTYPE("dtype"),
    /** Shapes that broadcast to something unintended, or cannot broadcast at all. */
    BROADCAST("broadcast"),
    OTHER("other");

    public final String id;

    Kind(String id) {
        this.id = id;
    }

    public static Optional<Kind> byId(String id) {
        for (Kind k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
