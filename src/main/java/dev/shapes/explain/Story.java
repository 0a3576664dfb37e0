package dev.shapes.explain;

import java.util.List;
import java.util.Optional;

/**
 * What a row of the mismatch table says about a situation: the one-sentence
 * summary, the operand to point at, the axis-by-axis comparison, the
 * conventions that apply and any further notes.
 */
record Story(String summary, Optional<Operand> pointAt, List<AxisComparison> axes, List<String> conventions,
             List<String> notes) {

    static Story of(String summary, Optional<Operand> pointAt) {
        return new Story(summary, pointAt, List.of(), List.of(), List.of());
    }

    Story axes(List<AxisComparison> rows) {
        return new Story(summary, pointAt, rows, conventions, notes);
    }

    Story conventions(List<String> lines) {
        return new Story(summary, pointAt, axes, lines, notes);
    }

    Story notes(List<String> lines) {
        return new Story(summary, pointAt, axes, conventions, lines);
    }
}
