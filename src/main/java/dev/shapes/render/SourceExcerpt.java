package dev.shapes.render;

import dev.shapes.lang.Span;

/**
 * The physical line of a statement that a failure points at, split around the
 * part to underline: {@code before}, {@code marked}, {@code after}. When the
 * failure points just past the end of the line (a statement that ends too
 * early) {@code marked} is empty and the caret goes after the text.
 * Columns are counted in code points, as the lexer counts them.
 */
record SourceExcerpt(int line, String before, String marked, String after) {

    /** Where {@code at} falls in {@code source}, a statement that starts at {@code statement}. */
    static SourceExcerpt of(String source, Span statement, Span at) {
        String[] lines = source.split("\r?\n", -1);
        int index = at.line() - statement.line();
        if (at.equals(statement) || index < 0 || index >= lines.length) {
            // the whole statement is at fault, or the failure points outside its text: mark its first line
            return new SourceExcerpt(statement.line(), "", lines[0], "");
        }
        String text = lines[index];
        int base = index == 0 ? statement.column() : 0;
        int length = text.codePointCount(0, text.length());
        int start = clamp(at.column() - base, 0, length);
        int end = at.endLine() == at.line() ? clamp(at.endColumn() - base, start, length) : length;
        int startChar = text.offsetByCodePoints(0, start);
        int endChar = text.offsetByCodePoints(0, end);
        return new SourceExcerpt(at.line(), text.substring(0, startChar), text.substring(startChar, endChar),
                text.substring(endChar));
    }

    /**
     * Blanks as wide as {@code before}, keeping its tabs so the carets line up
     * under the marked text in a monospace font.
     */
    String caretIndent() {
        StringBuilder out = new StringBuilder(before.length());
        before.codePoints().forEach(c -> out.append(c == '\t' ? '\t' : ' '));
        return out.toString();
    }

    /** One caret per marked code point, at least one. */
    String carets() {
        return "^".repeat(Math.max(1, marked.codePointCount(0, marked.length())));
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
