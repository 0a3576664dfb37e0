package dev.shapes.lang;

/**
 * A syntax error in words a Python user recognises, with where it is.
 * {@code kind} is the Python exception name ("SyntaxError").
 */
public record SyntaxProblem(String kind, String message, Span span) {

    public static SyntaxProblem syntax(String message, Span span) {
        return new SyntaxProblem("SyntaxError", message, span);
    }
}
