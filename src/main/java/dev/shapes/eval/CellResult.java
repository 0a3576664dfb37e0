package dev.shapes.eval;

import java.util.List;

/** The results of one cell (a notebook cell or a whole .shapes file), in source order. */
public record CellResult(int index, List<StatementResult> statements) {

    public CellResult {
        statements = List.copyOf(statements);
    }

    public boolean anyFailed() {
        return statements.stream().anyMatch(s -> s.outcome() instanceof StatementResult.Failed);
    }

    /** Failed because of the notation itself (syntax, unknown name), not a framework verdict. */
    public boolean anyNotationFailure() {
        return statements.stream().anyMatch(s -> s.failure().map(StatementResult.Failure::notation).orElse(false));
    }
}
