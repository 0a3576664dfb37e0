package dev.shapes.eval;

import dev.shapes.lang.Span;
import dev.shapes.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the real framework raises: its exception class name and exact message.
 * Optionally names the argument at fault ({@code blame}) and the operands
 * involved with their mismatched axes, for the explanation and the drawing.
 */
public final class FrameworkException extends RuntimeException {

    /** An operand of the failing call: its role, its source text, its shape and the axes at fault. */
    public record Operand(String role, String label, Shape shape, List<Integer> badAxes) {
        public Operand {
            badAxes = List.copyOf(badAxes);
        }
    }

    private final String type;
    private Span blame;
    private final List<Operand> operands = new ArrayList<>();

    public FrameworkException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    /** The Python exception class name, e.g. {@code RuntimeError}. */
    public String type() {
        return type;
    }

    public Optional<Span> blame() {
        return Optional.ofNullable(blame);
    }

    public List<Operand> operands() {
        return List.copyOf(operands);
    }

    /** Marks where in the source the fault is (an argument's span). Keeps the first one given. */
    public FrameworkException at(Span span) {
        if (blame == null && span != null) {
            blame = span;
        }
        return this;
    }

    public FrameworkException operand(String role, String label, Shape shape, List<Integer> badAxes) {
        operands.add(new Operand(role, label, shape, badAxes));
        return this;
    }
}
