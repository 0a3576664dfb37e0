package dev.shapes.eval;

import dev.shapes.lang.Span;

/**
 * A failure of the notation itself rather than of the framework: an unknown
 * name, a construct Shapes does not model, a malformed declaration.
 * {@code type} is the Python-style name users see ("NameError").
 */
public final class NotationException extends RuntimeException {

    private final String type;
    private final Span span;

    public NotationException(String type, String message, Span span) {
        super(message, null, false, false);
        this.type = type;
        this.span = span;
    }

    public String type() {
        return type;
    }

    public Span span() {
        return span;
    }

    /** The same failure pointed at a span, when the thrower did not know one. */
    public NotationException orAt(Span fallback) {
        return span != null ? this : new NotationException(type, getMessage(), fallback);
    }
}
