package dev.shapes.explain;

import java.util.List;

/**
 * A proposed change before verification: the edits to the cell, the code a
 * user would write ({@code labels.squeeze(1)}), what it means, and whether it
 * only silences the error rather than fixing the computation.
 */
record Candidate(List<Edit> edits, String code, String description, boolean silencesOnly) {

    static Candidate of(Edit edit, String description) {
        return new Candidate(List.of(edit), edit.replacement(), description, false);
    }

    static Candidate silencing(Edit edit, String description) {
        return new Candidate(List.of(edit), edit.replacement(), description, true);
    }
}
