package dev.shapes.notebook;

import dev.shapes.lang.Span;
import dev.shapes.tensor.Shape;
import java.util.List;

/**
 * What a line magic ({@code %who}, {@code %reset}, {@code %use}) in a cell did,
 * in the cell's line order. {@code %use NAME} itself becomes a {@code use}
 * statement; only a bare {@code %use} (which framework is active?) lands here.
 */
public sealed interface LineMagic {

    /** The 1-based line of the cell that holds the magic. */
    int line();

    /** {@code %who}: every tensor the session has defined, in definition order. */
    record Who(int line, List<Variable> variables) implements LineMagic {
        public Who {
            variables = List.copyOf(variables);
        }
    }

    /** A tensor in scope: its dtype and shape, and the cell and line that declared it. */
    record Variable(String name, String dtype, Shape shape, String cell, int declaredOnLine) {}

    /** {@code %reset}: every name, size binding and the framework choice were forgotten. */
    record Reset(int line) implements LineMagic {}

    /** A bare {@code %use}: the framework profile the session is using. */
    record Using(int line, String profile) implements LineMagic {}

    /** A magic that could not run: unknown, misplaced or with bad arguments (IPython's UsageError). */
    record Failed(int line, String source, String type, String message) implements LineMagic {
        public Span span() {
            return new Span(line, 0, line, source.length());
        }
    }
}
