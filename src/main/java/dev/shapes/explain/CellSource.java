package dev.shapes.explain;

import dev.shapes.lang.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A cell's text with what edits need: spans to offsets, the text under a span, and applying edits. */
final class CellSource {

    private final String text;
    private final int[] lineStarts;

    CellSource(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
        return text;
    }

    int offset(int line, int column) {
        int l = Math.max(1, Math.min(line, lineStarts.length));
        return Math.min(text.length(), lineStarts[l - 1] + column);
    }

    int start(Span span) {
        return offset(span.line(), span.column());
    }

    int end(Span span) {
        return offset(span.endLine(), span.endColumn());
    }

    String of(Span span) {
        int s = start(span);
        int e = Math.max(s, end(span));
        return text.substring(s, e);
    }

    /** The physical line (without its newline), 1-based. */
    String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int s = lineStarts[line - 1];
        int e = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        return text.substring(s, Math.max(s, e));
    }

    /** The text with every edit applied; edits must not overlap. */
    String apply(List<Edit> edits) {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt((Edit e) -> start(e.span())).reversed());
        StringBuilder out = new StringBuilder(text);
        for (Edit e : ordered) {
            int s = start(e.span());
            int end = Math.max(s, end(e.span()));
            out.replace(s, end, e.replacement());
        }
        return out.toString();
    }

    /** An empty span just before the character at this offset's line and column. */
    static Span point(int line, int column) {
        return new Span(line, column, line, column);
    }
}
