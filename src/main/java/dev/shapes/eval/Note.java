package dev.shapes.eval;

/**
 * Shapes' own remark on a statement, separate from the framework's warnings:
 * e.g. {@code silent-broadcast} when a loss broadcast its operands to a bigger
 * shape than either.
 */
public record Note(String kind, String message) {

    public static final String SILENT_BROADCAST = "silent-broadcast";
}
