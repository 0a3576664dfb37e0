package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.lang.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values of expressions as they were just before a statement ran: the
 * cell up to that statement is replayed in a fork of the session, followed by
 * one assignment per expression. The user's session is never touched.
 */
final class Probe {

    private Probe() {}

    /** The values, in order, and the forked session they were computed in (its bindings included). */
    record Result(List<Optional<Value>> values, Session session) {}

    static Result before(CellSyntax syntax, Stmt stmt, List<String> expressions, Session before) {
        List<Optional<Value>> out = new ArrayList<>();
        String prefix = syntax.text().substring(0, syntax.source().start(stmt.span())).stripTrailing();
        while (prefix.endsWith(";")) {
            prefix = prefix.substring(0, prefix.length() - 1).stripTrailing();
        }
        StringBuilder cell = new StringBuilder(prefix);
        for (int i = 0; i < expressions.size(); i++) {
            cell.append('\n').append("shapes_probe_").append(i).append(" = (").append(expressions.get(i)).append(')');
        }
        Session fork = before.fork();
        CellResult result = new Interpreter(fork).run(cell.append('\n').toString());
        List<StatementResult> statements = result.statements();
        int first = statements.size() - expressions.size();
        for (int i = 0; i < expressions.size(); i++) {
            out.add(first + i >= 0 ? statements.get(first + i).value() : Optional.empty());
        }
        return new Result(out, fork);
    }
}
