package dev.shapes.lang;

/**
 * A region of a cell's text. Lines are 1-based; columns are 0-based offsets
 * within the line, as in Python's {@code ast} ({@code col_offset}). The end is
 * exclusive.
 */
public record Span(int line, int column, int endLine, int endColumn) {

    public static Span point(int line, int column) {
        return new Span(line, column, line, column + 1);
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        boolean startsFirst = line < other.line || (line == other.line && column <= other.column);
        boolean endsLast = endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn);
        return new Span(
                startsFirst ? line : other.line,
                startsFirst ? column : other.column,
                endsLast ? endLine : other.endLine,
                endsLast ? endColumn : other.endColumn);
    }

    /** "line:col" with a 1-based column, the way compilers print positions. */
    public String position() {
        return line + ":" + (column + 1);
    }
}
