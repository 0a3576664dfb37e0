package dev.shapes.eval;

import dev.shapes.lang.Span;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a framework call may use and report while it runs: the active
 * profile, the size-symbol bindings, and the statement's warnings and notes.
 */
public final class CallContext {

    private final Profile profile;
    private final Bindings bindings;
    private final List<String> warnings = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final Span statementSpan;

    public CallContext(Profile profile, Bindings bindings, Span statementSpan) {
        this.profile = profile;
        this.bindings = bindings;
        this.statementSpan = statementSpan;
    }

    public Profile profile() {
        return profile;
    }

    public Bindings bindings() {
        return bindings;
    }

    public Span statementSpan() {
        return statementSpan;
    }

    /** Records a framework warning (its exact text); repeats of the same text are kept once, as Python's filter does. */
    public void warn(String text) {
        if (!warnings.contains(text)) {
            warnings.add(text);
        }
    }

    public void note(String kind, String message) {
        Note note = new Note(kind, message);
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Note> notes() {
        return List.copyOf(notes);
    }

    public Value wrap(Tensor tensor) {
        return profile.wrap(tensor);
    }
}
