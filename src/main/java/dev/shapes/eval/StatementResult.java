package dev.shapes.eval;

import dev.shapes.lang.Span;
import java.util.List;
import java.util.Optional;

/**
 * What one statement did: ok with a value, failed with the framework's (or
 * the notation's) error, or skipped because it depends on a failed name.
 * {@code profile} is the label of the framework profile it ran under.
 */
public record StatementResult(Span span, String source, String profile, Outcome outcome,
                              List<String> warnings, List<Note> notes) {

    public StatementResult {
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    public sealed interface Outcome permits Ok, Failed, Skipped {}

    /** The statement ran; {@code value} is what it produced (None for use/import). */
    public record Ok(Value value) implements Outcome {}

    public record Failed(Failure failure) implements Outcome {}

    /** Not run: {@code name} (defined on {@code line}) failed earlier. */
    public record Skipped(String name, int line, String reason) implements Outcome {}

    /**
     * An error: the Python exception name and message, where it points, and
     * whether the notation (not the framework) raised it.
     */
    public record Failure(String type, String message, Span span, boolean notation,
                          List<FrameworkException.Operand> operands) {
        public Failure {
            operands = List.copyOf(operands);
        }
    }

    public boolean ok() {
        return outcome instanceof Ok;
    }

    public Optional<Failure> failure() {
        return outcome instanceof Failed f ? Optional.of(f.failure()) : Optional.empty();
    }

    public Optional<Value> value() {
        return outcome instanceof Ok o ? Optional.of(o.value()) : Optional.empty();
    }
}
