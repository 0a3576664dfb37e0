package dev.shapes.explain;

/**
 * A concrete change to the user's cell. {@code code} is the new text of the
 * edited argument or statement (e.g. {@code labels.squeeze(1)});
 * {@code fixedLine} is the offending source line after the change.
 * {@code verified} means the changed cell was re-evaluated and the statement
 * passed; {@code silencesOnly} marks a change that makes the error go away
 * without making the computation right (e.g. truncating a batch), and
 * {@code outcome} is what the statement then evaluates to (e.g. {@code f32[]}).
 */
public record Fix(String code, String description, int line, String fixedLine, String fixedCell, boolean verified,
                  boolean silencesOnly, String outcome) {
}
