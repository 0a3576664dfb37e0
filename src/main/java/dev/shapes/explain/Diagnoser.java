package dev.shapes.explain;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Note;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Dim;
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
        if (CellMagics.isComparison(cellText)) {
            return List.of();
        }
        String runnable = CellMagics.runnable(cellText);
        CellSyntax syntax = CellSyntax.of(runnable);
        List<Diagnosis> out = new ArrayList<>();
        for (int i = 0; i < result.statements().size(); i++) {
            StatementResult r = result.statements().get(i);
            Optional<Integer> stmtIndex = syntax.indexOf(r.span());
            if (stmtIndex.isEmpty()) {
                continue;
            }
            for (Diagnosis d : statement(syntax, result, i, stmtIndex.get(), before)) {
                out.add(runnable.equals(cellText) ? d : withMagics(d, cellText, runnable));
            }
        }
        return out;
    }

    /** The diagnosis with each fixed cell given back the original's line magics. */
    private static Diagnosis withMagics(Diagnosis d, String original, String runnable) {
        List<Fix> fixes = d.fixes().stream().map(f -> new Fix(f.code(), f.description(), f.line(), f.fixedLine(),
                CellMagics.restore(original, runnable, f.fixedCell()), f.verified(), f.silencesOnly(), f.outcome()))
                .toList();
        return new Diagnosis(d.id(), d.kind(), d.severity(), d.summary(), d.statement(), d.span(), d.lineText(),
                d.framework(), d.frameworkText(), d.operandLabel(), d.axes(), d.conventions(), d.bindings(), d.notes(),
                fixes);
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

    /**
     * The size symbols the operands were declared with and what fixed them,
     * e.g. "B = 32 from x, 64 from labels": the number the symbol stands for,
     * the tensor that fixed it, and another operand's different number on the
     * same axis.
     */
    private static List<String> bindings(Situation s) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Operand o : s.operands().values()) {
            List<String> symbols = declaredSymbols(s, o);
            for (int axis = 0; axis < symbols.size(); axis++) {
                String symbol = symbols.get(axis);
                if (symbol == null || !seen.add(symbol)) {
                    continue;
                }
                Optional<Bindings.Binding> b = s.bindings().get(symbol);
                if (b.isEmpty()) {
                    continue;
                }
                String line = symbol + " = " + b.get().value() + (b.get().source().isEmpty() ? ""
                        : " from " + b.get().source());
                for (Operand other : s.operands().values()) {
                    if (other != o && other.dim(axis).map(d -> d.isKnown() && d.known().getAsLong() != b.get().value())
                            .orElse(false) && !symbolAt(s, other, axis, symbol)) {
                        line += ", " + other.dim(axis).get() + " from " + other.label();
                        break;
                    }
                }
                out.add(line);
            }
        }
        return out;
    }

    private static boolean symbolAt(Situation s, Operand o, int axis, String symbol) {
        List<String> symbols = declaredSymbols(s, o);
        return axis < symbols.size() && symbol.equals(symbols.get(axis));
    }

    /** For each axis of a declared operand, the size symbol it was declared with (null where it was a number). */
    private static List<String> declaredSymbols(Situation s, Operand o) {
        List<String> out = new ArrayList<>();
        if (o.expr() instanceof Expr.Name name) {
            s.syntax.declaration(name.id(), s.stmtIndex).flatMap(d -> d.dims()).ifPresent(dims -> {
                for (Expr dim : dims) {
                    out.add(dim instanceof Expr.Name n ? n.id() : null);
                }
            });
        }
        o.shape().ifPresent(shape -> {
            for (int i = 0; i < shape.rank(); i++) {
                if (shape.dim(i) instanceof Dim.Symbolic sym && sym.singleSymbol().isPresent()) {
                    while (out.size() <= i) {
                        out.add(null);
                    }
                    if (out.get(i) == null) {
                        out.set(i, sym.singleSymbol().get());
                    }
                }
            }
        });
        return out;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
