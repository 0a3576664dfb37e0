package dev.shapes.notebook;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.StatementResult;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Explanation;
import dev.shapes.lang.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One executed cell: the magics that ran before its statements, the
 * statements' results, the magics that ran after them, and the diagnoses of
 * its failures (with verified fixes). A {@code %%explain} cell carries the
 * explanation of the pasted message instead. {@code text} is the cell as the
 * user wrote it (line numbers refer to it).
 */
public record CellRun(String label, String text, List<LineMagic> before, CellResult result, List<LineMagic> after,
                      List<Diagnosis> diagnoses, Optional<Explanation> explanation) {

    public CellRun {
        before = List.copyOf(before);
        after = List.copyOf(after);
        diagnoses = List.copyOf(diagnoses);
    }

    public CellRun(String label, String text, List<LineMagic> before, CellResult result, List<LineMagic> after) {
        this(label, text, before, result, after, List.of(), Optional.empty());
    }

    /** A notation-level problem of the cell, for an error reply: where it is and what it says. */
    public record Problem(String type, String message, Span span) {}

    /**
     * The failures of the notation itself (syntax, unknown names, unusable
     * magics, interruption), in line order. Framework verdicts are not among
     * them: those are the cell's successful output.
     */
    public List<Problem> notationProblems() {
        List<Problem> problems = new ArrayList<>();
        for (LineMagic magic : magics()) {
            if (magic instanceof LineMagic.Failed failed) {
                problems.add(new Problem(failed.type(), failed.message(), failed.span()));
            }
        }
        for (StatementResult statement : result.statements()) {
            statement.failure().filter(StatementResult.Failure::notation)
                    .ifPresent(f -> problems.add(new Problem(f.type(), f.message(), f.span())));
        }
        problems.sort(Comparator.comparingInt((Problem p) -> p.span().line()).thenComparingInt(p -> p.span().column()));
        return problems;
    }

    public boolean anyFailed() {
        return result.anyFailed() || magics().stream().anyMatch(m -> m instanceof LineMagic.Failed);
    }

    public List<LineMagic> magics() {
        List<LineMagic> all = new ArrayList<>(before);
        all.addAll(after);
        return all;
    }
}
