package dev.shapes.explain;

import dev.shapes.lang.Span;
import java.util.List;
import java.util.Optional;

/**
 * What went wrong in one statement, told the way a good compiler would:
 * {@code summary} is one sentence in the user's terms; {@code span} marks the
 * offending argument in {@code lineText} (the source line it starts on);
 * {@code axes} compares the expected and found sizes axis by axis;
 * {@code conventions} say which framework convention applies;
 * {@code bindings} show the size symbols that decided the outcome;
 * {@code frameworkText} is the framework's own message, verbatim
 * ({@code RuntimeError: ...}), absent for Shapes' own notes; {@code fixes}
 * are ranked by likely intent and carry whether they were verified.
 * {@code id} names the row of the mismatch table that produced it;
 * {@code statement} is the span of the whole statement it is about.
 */
public record Diagnosis(String id, Kind kind, Severity severity, String summary, Span statement, Span span,
                        String lineText,
                        String framework, Optional<String> frameworkText, String operandLabel,
                        List<AxisComparison> axes, List<String> conventions, List<String> bindings,
                        List<String> notes, List<Fix> fixes) {

    public Diagnosis {
        axes = List.copyOf(axes);
        conventions = List.copyOf(conventions);
        bindings = List.copyOf(bindings);
        notes = List.copyOf(notes);
        fixes = List.copyOf(fixes);
    }

    /** The fixes that were re-evaluated and passed, best first. */
    public List<Fix> verifiedFixes() {
        return fixes.stream().filter(Fix::verified).toList();
    }

    public int line() {
        return span.line();
    }
}
