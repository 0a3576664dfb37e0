package dev.shapes.kernel;

import dev.shapes.lang.Span;
import dev.shapes.notebook.CellRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The error reply of a cell whose notation failed: the exception name, a
 * one-line value, and a traceback made of the cell's own lines with carets
 * under the fault, in the layout IPython uses ({@code Cell In[3], line 2}).
 * Plain text: no Java stack frames, no ANSI colours.
 */
record CellError(String ename, String evalue, List<String> traceback) {

    static Optional<CellError> of(CellRun run, String cellLabel) {
        List<CellRun.Problem> problems = run.notationProblems();
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = run.text().split("\n", -1);
        List<String> traceback = new ArrayList<>();
        for (CellRun.Problem problem : problems) {
            if (!traceback.isEmpty()) {
                traceback.add("");
            }
            Span span = problem.span();
            traceback.add("Cell " + cellLabel + ", line " + span.line());
            if (span.line() >= 1 && span.line() <= lines.length) {
                String source = lines[span.line() - 1];
                String prefix = "----> " + span.line() + " ";
                traceback.add(prefix + source);
                int start = Math.max(0, Math.min(span.column(), source.length()));
                int end = span.endLine() == span.line() ? Math.min(span.endColumn(), source.length()) : source.length();
                if (end > start) {
                    traceback.add(" ".repeat(prefix.length() + start) + "^".repeat(end - start));
                }
            }
            traceback.add(problem.type() + ": " + problem.message());
        }
        CellRun.Problem first = problems.get(0);
        String message = first.message().strip();
        int newline = message.indexOf('\n');
        return Optional.of(new CellError(first.type(), newline < 0 ? message : message.substring(0, newline),
                traceback));
    }

    /** For a failure of the kernel itself (a bug): one line, no Java frames. */
    static CellError internal(Throwable t) {
        String message = "Shapes failed to run this cell (" + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("")) + ")";
        return new CellError("InternalError", message, List.of("InternalError: " + message));
    }
}
