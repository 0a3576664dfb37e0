package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Note;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Proves a candidate fix: applies its edits to the user's cell, re-evaluates
 * the whole cell in a fork of the session as it was before the cell, and
 * accepts the fix only if the statement now passes its goal, nothing that
 * passed before fails now, and the statement gained no silent broadcast.
 */
final class FixVerifier {

    /** What "fixed" means for the problem at hand, checked on the re-evaluated cell. */
    @FunctionalInterface
    interface Goal {
        boolean met(CellSyntax fixedSyntax, CellResult fixed, StatementResult target);
    }

    static final Goal PASSES = (syntax, fixed, target) -> target.ok();

    private static final String SIZE_WARNING = "that is different to the input size";

    private FixVerifier() {}

    static List<Fix> verifyAll(Situation s, List<Candidate> candidates, Goal goal) {
        List<Fix> verified = new ArrayList<>();
        List<Fix> failed = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.edits().stream().anyMatch(e -> e.span().line() < 1)) {
                continue; // an edit of something the user did not write
            }
            String text = s.syntax.source().apply(c.edits());
            if (seen.contains(text) || text.equals(s.syntax.text())) {
                continue;
            }
            seen.add(text);
            Fix fix = verify(s, c, text, goal);
            (fix.verified() ? verified : failed).add(fix);
        }
        verified.addAll(failed);
        return verified;
    }

    private static Fix verify(Situation s, Candidate c, String text, Goal goal) {
        boolean passed;
        String outcome = "";
        try {
            CellResult fixed = new Interpreter(s.before.fork()).run(text);
            passed = fixed.statements().size() == s.resultCount && s.resultIndex < fixed.statements().size();
            if (passed) {
                StatementResult target = fixed.statements().get(s.resultIndex);
                passed = goal.met(CellSyntax.of(text), fixed, target) && noRegression(s, fixed)
                        && noNewBroadcast(s.result, target);
                outcome = describe(target);
            }
        } catch (RuntimeException e) {
            passed = false;
        }
        int offset = editStartInFixedText(s, c);
        CellSource fixedSource = new CellSource(text);
        int line = lineOf(text, offset);
        return new Fix(c.code(), c.description(), line, fixedSource.line(line), text, passed, c.silencesOnly(), outcome);
    }

    /** Statements before the fixed one must not fail; statements that passed must still pass. */
    private static boolean noRegression(Situation s, CellResult fixed) {
        for (int i = 0; i < fixed.statements().size(); i++) {
            StatementResult now = fixed.statements().get(i);
            boolean failsNow = now.failure().isPresent();
            boolean failedBefore = i < s.originalOutcomes.size() && !s.originalOutcomes.get(i);
            if (i < s.resultIndex && failsNow && !failedBefore) {
                return false;
            }
            if (i != s.resultIndex && failsNow && i < s.originalOutcomes.size() && s.originalOutcomes.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean noNewBroadcast(StatementResult before, StatementResult after) {
        boolean noteBefore = before.notes().stream().anyMatch(n -> n.kind().equals(Note.SILENT_BROADCAST));
        boolean noteAfter = after.notes().stream().anyMatch(n -> n.kind().equals(Note.SILENT_BROADCAST));
        boolean warningAfter = after.warnings().stream().anyMatch(w -> w.contains(SIZE_WARNING));
        boolean warningBefore = before.warnings().stream().anyMatch(w -> w.contains(SIZE_WARNING));
        return (!noteAfter || noteBefore) && (!warningAfter || warningBefore);
    }

    /** Goal for a warning or a note: the statement passes and no longer carries it. */
    static Goal withoutProblem(Situation.Problem problem) {
        return (syntax, fixed, target) -> {
            if (!target.ok()) {
                return false;
            }
            if (problem.note().isPresent()) {
                String kind = problem.note().get().kind();
                if (target.notes().stream().anyMatch(n -> n.kind().equals(kind))) {
                    return false;
                }
            }
            if (problem.severity() == Severity.WARNING) {
                String id = problem.templateId();
                for (String w : target.warnings()) {
                    if (w.equals(problem.text()) || !id.isEmpty() && MessageRecognizer.recognize(w)
                            .map(r -> r.template().id().equals(id)).orElse(false)) {
                        return false;
                    }
                }
            }
            return true;
        };
    }

    /** What the fixed statement evaluates to, e.g. {@code f32[] = 0.6931}. */
    static String describe(StatementResult target) {
        if (target.value().isEmpty()) {
            return "";
        }
        Value v = target.value().get();
        if (v instanceof Value.TensorValue t) {
            Tensor tensor = t.tensor();
            if (tensor.hasValues() && tensor.rank() == 0) {
                return tensor.typeString() + " = " + String.format(java.util.Locale.ROOT, "%.4f", tensor.item());
            }
            return tensor.typeString();
        }
        return "";
    }

    private static int editStartInFixedText(Situation s, Candidate c) {
        CellSource source = s.syntax.source();
        List<Edit> edits = new ArrayList<>(c.edits());
        Edit primary = edits.get(0);
        int start = source.start(primary.span());
        int shift = 0;
        edits.sort(Comparator.comparingInt(e -> source.start(e.span())));
        for (Edit e : edits) {
            int from = source.start(e.span());
            if (from < start) {
                shift += e.replacement().length() - (source.end(e.span()) - from);
            }
        }
        return start + shift;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
