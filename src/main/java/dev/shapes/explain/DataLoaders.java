package dev.shapes.explain;

import dev.shapes.lang.Expr;
import dev.shapes.lang.Stmt;
import java.util.Optional;

/** Fixes that change how a loop's data is batched: {@code drop_last=True} on the loader the loop iterates. */
final class DataLoaders {

    private DataLoaders() {}

    static Optional<Candidate> dropLast(Situation s) {
        if (!(s.stmt instanceof Stmt.For loop)) {
            return Optional.empty();
        }
        return loader(s, loop.iterable(), 0).flatMap(call -> Edits.keyword(call, "drop_last", "True",
                "skip the last, partial batch (its samples are left out of this epoch)"));
    }

    /** The call that built the iterated loader: one with a {@code batch_size=} argument. */
    private static Optional<Expr.Call> loader(Situation s, Expr iterable, int depth) {
        if (depth > 4) {
            return Optional.empty();
        }
        if (iterable instanceof Expr.Name n) {
            return s.syntax.definition(n.id(), s.stmtIndex).flatMap(d -> loader(s, d, depth + 1));
        }
        if (iterable instanceof Expr.Call call) {
            if (CellSyntax.keyword(call, "batch_size").isPresent()
                    || CellSyntax.terminalName(call.callee()).map(n -> n.endsWith("DataLoader")).orElse(false)) {
                return Optional.of(call);
            }
            String name = CellSyntax.terminalName(call.callee()).orElse("");
            if ((name.equals("enumerate") || name.equals("zip") || name.equals("iter"))
                    && !CellSyntax.positional(call).isEmpty()) {
                return loader(s, CellSyntax.positional(call).get(0), depth + 1);
            }
        }
        return Optional.empty();
    }
}
