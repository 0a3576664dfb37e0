package dev.shapes.kernel;

/**
 * Cursor positions: the Jupyter protocol (5.2+) counts Unicode code points,
 * Java strings count UTF-16 units; they differ after an emoji or any other
 * character outside the Basic Multilingual Plane.
 */
final class CodePoints {

    private CodePoints() {}

    /** The string index of a code-point offset, clamped to the text. */
    static int toIndex(String text, int codePoints) {
        int points = Math.max(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.offsetByCodePoints(0, points);
    }

    /** The code-point offset of a string index. */
    static int fromIndex(String text, int index) {
        return text.codePointCount(0, Math.max(0, Math.min(index, text.length())));
    }
}
