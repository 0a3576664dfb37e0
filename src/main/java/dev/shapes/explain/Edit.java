package dev.shapes.explain;

import dev.shapes.lang.Span;

/** Replace the text a span covers with {@code replacement} (an empty span inserts). */
record Edit(Span span, String replacement) {
}
