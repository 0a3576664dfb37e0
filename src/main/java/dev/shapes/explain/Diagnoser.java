package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Note;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.lang.Span;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a cell's results into diagnoses: one for each framework error,
 * warning and product note, plus Shapes' notes on silent bugs. Each is
 * explained by the first row of the mismatch table that applies and carries
 * its verified fixes.
 */
final class Diagnoser {

    private static final Set<String> QUIET_NOTES = Set.of("output", "loop-iteration", "loop-limit");

    private Diagnoser() {}

    static List<Diagnosis> diagnose(String cellText, CellResult result, Session before) {
        CellSyntax syntax = CellSyntax.of(cellText);
        List<Diagnosis> out = new ArrayList<>();
        for (int i = 0; i < result.statements().size(); i++) {
            StatementResult r = result.statements().get(i);
            Optional<Integer> stmtIndex = syntax.indexOf(r.span());
            if (stmtIndex.isEmpty()) {
                continue;
            }
            out.addAll(statement(syntax, result, i, stmtIndex.get(), before));
        }
        return out;
    }

    private static List<Diagnosis> statement(CellSyntax syntax, CellResult cell, int index, int stmtIndex,
                                             Session before) {
        StatementResult r = cell.statements().get(index);
        List<Diagnosis> out = new ArrayList<>();
        Optional<StatementResult.Failure> failure = r.failure();
        if (failure.isPresent() && !failure.get().notation()) {
            StatementResult.Failure f = failure.get();
            Situation.Problem problem = new Situation.Problem(Severity.ERROR, f.type(), f.message(),
                    MessageRecognizer.recognize(f.type() + ": " + f.message()), Optional.empty());
            out.add(explain(Situation.of(syntax, cell, index, stmtIndex, problem, before, f.span())));
        }
        boolean broadcastExplained = false;
        if (failure.isEmpty()) {
            for (String warning : r.warnings()) {
                Situation.Problem problem = new Situation.Problem(Severity.WARNING, "UserWarning", warning,
                        MessageRecognizer.recognize("UserWarning: " + warning), Optional.empty());
                Diagnosis d = explain(Situation.of(syntax, cell, index, stmtIndex, problem, before, r.span()));
                broadcastExplained |= d.kind() == Kind.BROADCAST;
                out.add(d);
            }
            for (Note note : r.notes()) {
                if (QUIET_NOTES.contains(note.kind())
                        || note.kind().equals(Note.SILENT_BROADCAST) && broadcastExplained) {
                    continue;
                }
                Situation.Problem problem = new Situation.Problem(Severity.NOTE, "", note.message(), Optional.empty(),
                        Optional.of(note));
                out.add(explain(Situation.of(syntax, cell, index, stmtIndex, problem, before, r.span())));
            }
        }
        out.addAll(silentBugs(syntax, cell, index, stmtIndex, before));
        return out;
    }

    /** The first row that applies, its story, and its candidates verified; the framework's text when none does. */
    static Diagnosis explain(Situation s) {
        Diagnosis unfixed = null;
        for (Row row : Mismatches.ROWS) {
            if (s.call.isPresent() && row.applies().test(s)) {
                Story story = row.story().apply(s);
                FixVerifier.Goal goal = s.problem.severity() == Severity.ERROR ? FixVerifier.PASSES
                        : FixVerifier.withoutProblem(s.problem);
                List<Fix> fixes = FixVerifier.verifyAll(s, row.fixes().apply(s), goal);
                Diagnosis d = assemble(s, row.id(), row.kind(), story, fixes);
                if (!d.verifiedFixes().isEmpty()) {
                    return d;
                }
                // a later row may read the situation differently and find a fix that works
                if (unfixed == null) {
                    unfixed = d;
                }
            }
        }
        if (unfixed != null) {
            return unfixed;
        }
        Kind kind = s.problem.recognition().map(Recognition::kind).orElse(Kind.OTHER);
        String id = s.problem.recognition().map(r -> r.template().id()).orElse("unrecognised");
        String summary = s.problem.note().map(Note::message).orElse(firstLine(s.problem.text()));
        return assemble(s, id, kind, Story.of(summary, Optional.empty()).conventions(Mismatches.conventions(s)),
                List.of());
    }

    private static List<Diagnosis> silentBugs(CellSyntax syntax, CellResult cell, int index, int stmtIndex,
                                              Session before) {
        List<Diagnosis> out = new ArrayList<>();
        List<Span> sites = SilentBugs.sites(syntax, stmtIndex, syntax.statements().get(stmtIndex));
        for (int k = 0; k < sites.size(); k++) {
            Situation.Problem problem = new Situation.Problem(Severity.NOTE, "", "", Optional.empty(), Optional.empty());
            Situation s = Situation.of(syntax, cell, index, stmtIndex, problem, before, sites.get(k));
            Optional<SilentBugs.Finding> finding = SilentBugs.find(s);
            if (finding.isEmpty()) {
                continue;
            }
            SilentBugs.Finding f = finding.get();
            if (f.id().equals("keras-from-logits") && cell.statements().get(index).warnings().stream()
                    .anyMatch(w -> w.contains("received `from_logits=True`"))) {
                continue; // Keras warned about it itself; that warning's diagnosis says it
            }
            int ordinal = k;
            FixVerifier.Goal goal = (fixedSyntax, fixed, target) -> {
                if (!target.ok()) {
                    return false;
                }
                List<Span> fixedSites = SilentBugs.sites(fixedSyntax, stmtIndex, fixedSyntax.statements().get(stmtIndex));
                if (ordinal >= fixedSites.size()) {
                    return true;
                }
                Situation again = Situation.of(fixedSyntax, fixed, index, stmtIndex, problem, before,
                        fixedSites.get(ordinal));
                return SilentBugs.find(again).map(g -> !g.id().equals(f.id())).orElse(true);
            };
            List<Fix> fixes = FixVerifier.verifyAll(s, f.fixes(), goal);
            Operand at = new Operand("", f.at(), syntax.source().of(f.at().span()), Optional.empty(), Optional.empty());
            Story story = new Story(f.summary(), Optional.of(at), List.of(), f.conventions(), f.notes());
            out.add(assemble(s, f.id(), f.kind(), story, fixes));
        }
        return out;
    }

    private static Diagnosis assemble(Situation s, String id, Kind kind, Story story, List<Fix> fixes) {
        Span span = story.pointAt().map(Operand::span)
                .or(() -> s.result.failure().filter(f -> s.problem.severity() == Severity.ERROR)
                        .map(StatementResult.Failure::span))
                .orElse(s.stmt.span());
        Optional<String> verbatim = s.problem.severity() == Severity.NOTE ? Optional.empty()
                : Optional.of(s.problem.verbatim());
        List<String> notes = new ArrayList<>(story.notes());
        s.problem.note().ifPresent(n -> notes.add(0, "Shapes' note [" + n.kind() + "]: " + n.message()));
        if (s.problem.severity() == Severity.ERROR) {
            s.loopIteration.filter(n -> !notes.contains(n)).ifPresent(n -> notes.add(0, "the loop " + n));
        }
        return new Diagnosis(id, kind, s.problem.severity(), story.summary(), s.result.span(), span,
                s.syntax.source().line(span.line()),
                s.frameworkLabel(), verbatim, story.pointAt().map(Operand::label).orElse(""), story.axes(),
                story.conventions(), bindings(s), notes, fixes);
    }

    /** The size symbols of the operands and what fixed them, e.g. "B = 32 from logits, 64 from labels". */
    private static List<String> bindings(Situation s) {
        Set<String> symbols = new LinkedHashSet<>();
        for (Operand o : s.operands.values()) {
            o.shape().ifPresent(shape -> collectSymbols(shape, symbols));
        }
        List<String> out = new ArrayList<>();
        for (String symbol : symbols) {
            Optional<Bindings.Binding> b = s.bindings.get(symbol);
            if (b.isPresent()) {
                out.add(symbol + " = " + b.get().value() + (b.get().source().isEmpty() ? ""
                        : " from " + b.get().source()) + mismatchSuffix(s, symbol, b.get().value()));
            } else {
                out.add(symbol + " is not bound to a number yet");
            }
        }
        return out;
    }

    /** ", 64 from labels" when another operand has another number on an axis where this symbol stands. */
    private static String mismatchSuffix(Situation s, String symbol, long value) {
        for (Operand o : s.operands.values()) {
            for (Operand other : s.operands.values()) {
                if (o == other || o.shape().isEmpty() || other.shape().isEmpty()) {
                    continue;
                }
                Shape a = o.shape().get();
                Shape b = other.shape().get();
                for (int axis = 0; axis < Math.min(a.rank(), b.rank()); axis++) {
                    if (a.dim(axis) instanceof Dim.Symbolic sym && sym.singleSymbol().map(symbol::equals).orElse(false)
                            && b.dim(axis).isKnown() && b.dim(axis).known().getAsLong() != value) {
                        return ", " + b.dim(axis) + " from " + other.label();
                    }
                }
            }
        }
        return "";
    }

    private static void collectSymbols(Shape shape, Set<String> symbols) {
        for (Dim d : shape.dims()) {
            if (d instanceof Dim.Symbolic sym) {
                sym.singleSymbol().ifPresent(symbols::add);
            }
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
