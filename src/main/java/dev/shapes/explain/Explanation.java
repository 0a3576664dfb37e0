package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import java.util.List;
import java.util.Optional;

/**
 * What {@code explain} makes of a pasted error message: whether it was
 * recognised, the framework and version that print it, the kind of mistake,
 * the message line itself, a Shapes cell that reproduces it
 * ({@code repro}), that cell's evaluation, whether the evaluation reproduced
 * the message, the diagnosis of the reproduced failure and its fixes. When
 * the message is not recognised, {@code closest} lists the known messages it
 * most resembles.
 */
public record Explanation(boolean recognized, Optional<String> framework, Optional<String> version, Optional<Kind> kind,
                          Optional<String> templateId, Optional<String> exceptionType, Optional<String> message,
                          Optional<String> repro, Optional<CellResult> evaluation, boolean reproduced,
                          List<Diagnosis> diagnoses, List<Fix> fixes, List<Closest> closest) {

    public Explanation {
        diagnoses = List.copyOf(diagnoses);
        fixes = List.copyOf(fixes);
        closest = List.copyOf(closest);
    }

    /** A known message that resembles an unrecognised one: its template, kind, framework and an example text. */
    public record Closest(String templateId, Kind kind, String framework, String example, double similarity) {}

    /** The main diagnosis: the one about the reproduced failure. */
    public Optional<Diagnosis> diagnosis() {
        return diagnoses.stream().filter(d -> d.severity() == Severity.ERROR).findFirst()
                .or(() -> diagnoses.stream().findFirst());
    }

    static Explanation unrecognised(List<Closest> closest) {
        return new Explanation(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(), List.of(),
                closest);
    }
}
