package dev.shapes.render;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.FrameworkException.Operand;
import dev.shapes.eval.Note;
import dev.shapes.eval.Python;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The {@code text/html} view of a cell: a table of its statements (mark, line,
 * source, result), and under a statement that has something to say a details
 * row with the error (the framework's message verbatim, the source line with
 * the argument at fault underlined, expected against found per axis, an SVG
 * drawing of the operands), its warnings, its notes and any
 * {@link StatementSection}s plugged in. Every user-provided string goes
 * through the OWASP encoder ({@link HtmlWriter}); the style sheet is scoped to
 * the root. The structure and classes are documented in docs/rendering.md.
 *
 * <p>Contract other code relies on: the root is {@code <div class="shapes-result">}
 * holding a {@code <table class="shapes-table">}; an error row carries an
 * {@code <svg class="shapes-drawing">} of the shapes involved (when the
 * framework named the operands of the failing call).
 */
public final class HtmlRenderer {

    /** Values with at most this many elements are shown in full, as in the text view. */
    public static final int SMALL = TextRenderer.SMALL;
    /** Longer reprs of plain values are cut with an ellipsis (the full text is in the tooltip). */
    static final int MAX_REPR = 200;

    private static final String STYLE = loadStyle();

    private HtmlRenderer() {}

    public static String render(CellResult cell) {
        return render(List.of(cell), List.of());
    }

    /** One cell with extra per-statement sections (e.g. the diagnosis). */
    public static String render(CellResult cell, List<StatementSection> sections) {
        return render(List.of(cell), sections);
    }

    /** Several cells in one table, each under a "cell N" heading when there is more than one. */
    public static String render(List<CellResult> cells) {
        return render(cells, List.of());
    }

    public static String render(List<CellResult> cells, List<StatementSection> sections) {
        HtmlWriter out = new HtmlWriter();
        out.open("div", "class", "shapes-result");
        out.trusted(STYLE);
        out.open("table", "class", "shapes-table");
        out.open("thead").open("tr");
        out.element("th", "", "class", "shapes-mark", "aria-label", "status");
        out.element("th", "line", "class", "shapes-line");
        out.element("th", "statement", "class", "shapes-source");
        out.element("th", "result", "class", "shapes-outcome");
        out.close().close();
        for (CellResult cell : cells) {
            out.open("tbody", "class", "shapes-cell", "data-cell", Integer.toString(cell.index()));
            if (cells.size() > 1) {
                out.open("tr", "class", "shapes-cell-heading");
                out.element("th", "cell " + (cell.index() + 1), "colspan", "4");
                out.close();
            }
            boolean mixed = cell.statements().stream().map(StatementResult::profile).distinct().count() > 1;
            for (StatementResult statement : cell.statements()) {
                statement(out, statement, mixed, sections);
            }
            out.close();
        }
        out.close();
        out.close();
        return out.toString();
    }

    // ------------------------------------------------------------ one statement

    /** A statement's row; {@code mixed}: the cell mixes frameworks, so each row names its own. */
    private static void statement(HtmlWriter out, StatementResult s, boolean mixed, List<StatementSection> sections) {
        String status = status(s);
        out.open("tr", "class", "shapes-row shapes-status-" + status, "data-status", status,
                "data-line", Integer.toString(s.span().line()));
        out.element("td", mark(status), "class", "shapes-mark", "title", status);
        out.element("td", Integer.toString(s.span().line()), "class", "shapes-line");
        out.open("td", "class", "shapes-source");
        if (mixed) {
            out.element("span", s.profile(), "class", "shapes-profile");
        }
        out.element("code", s.source(), "class", "shapes-code").close();
        out.open("td", "class", "shapes-outcome");
        outcome(out, s);
        out.close();
        out.close();

        HtmlWriter details = new HtmlWriter();
        s.failure().ifPresent(f -> diagnostic(details, s, f));
        for (String warning : s.warnings()) {
            details.open("div", "class", "shapes-warning");
            details.element("span", "warning", "class", "shapes-label");
            details.element("span", warning, "class", "shapes-message");
            details.close();
        }
        for (Note note : s.notes()) {
            if (note.kind().equals("output")) {
                // an HTML parser drops the newline that directly follows <pre>
                String output = note.message().startsWith("\n") ? "\n" + note.message() : note.message();
                details.element("pre", output, "class", "shapes-output");
                continue;
            }
            details.open("div", "class", "shapes-note", "data-kind", note.kind());
            details.element("span", "note", "class", "shapes-label");
            details.element("span", note.kind(), "class", "shapes-note-kind");
            details.element("span", note.message(), "class", "shapes-note-text");
            details.close();
        }
        for (StatementSection section : sections) {
            section(details, s, section);
        }
        if (details.length() == 0) {
            return;
        }
        out.open("tr", "class", "shapes-details shapes-status-" + status);
        out.element("td", "", "colspan", "2");
        out.open("td", "colspan", "2").open("div", "class", "shapes-details-body");
        out.append(details);
        out.close().close().close();
    }

    /** ok, warning (ok with warnings or Shapes' notes), error or skipped. */
    static String status(StatementResult s) {
        if (s.outcome() instanceof StatementResult.Failed) {
            return "error";
        }
        if (s.outcome() instanceof StatementResult.Skipped) {
            return "skipped";
        }
        boolean remarks = !s.warnings().isEmpty() || s.notes().stream().anyMatch(n -> !n.kind().equals("output"));
        return remarks ? "warning" : "ok";
    }

    private static String mark(String status) {
        return switch (status) {
            case "ok" -> "✓";
            case "warning" -> "⚠";
            case "error" -> "✗";
            default -> "·";
        };
    }

    private static void outcome(HtmlWriter out, StatementResult s) {
        if (s.outcome() instanceof StatementResult.Ok ok) {
            value(out, ok.value());
        } else if (s.outcome() instanceof StatementResult.Failed failed) {
            out.element("span", failed.failure().type(), "class", "shapes-error-type");
        } else if (s.outcome() instanceof StatementResult.Skipped skipped) {
            out.element("span", "skipped: " + skipped.reason(), "class", "shapes-skip-reason");
        }
    }

    /** {@code f32[32, 10]}, then {@code = [values]} when there are few; plain values as Python prints them. */
    private static void value(HtmlWriter out, Value value) {
        if (value instanceof Value.TensorValue t) {
            Tensor tensor = t.tensor();
            out.element("code", tensor.typeString(), "class", "shapes-code shapes-type");
            if (tensor.hasValues() && tensor.shape().numel().orElse(Long.MAX_VALUE) <= SMALL) {
                out.element("span", " = ", "class", "shapes-equals");
                out.element("code", TextRenderer.formatValues(tensor), "class", "shapes-code shapes-value");
            }
            return;
        }
        if (value instanceof Value.NoneValue) {
            return;
        }
        String repr = Python.repr(value);
        if (repr.codePointCount(0, repr.length()) > MAX_REPR) {
            String cut = repr.substring(0, repr.offsetByCodePoints(0, MAX_REPR - 1)) + "…";
            out.element("code", cut, "class", "shapes-code shapes-value", "title", repr);
        } else {
            out.element("code", repr, "class", "shapes-code shapes-value");
        }
    }

    // ------------------------------------------------------------ errors

    private static void diagnostic(HtmlWriter out, StatementResult s, StatementResult.Failure f) {
        out.open("div", "class", "shapes-diagnostic", "data-origin", f.notation() ? "notation" : "framework",
                "data-error-type", f.type());
        out.open("div", "class", "shapes-headline");
        out.element("span", "error", "class", "shapes-label");
        out.open("code", "class", "shapes-code shapes-error-line");
        out.element("span", f.type(), "class", "shapes-error-type");
        out.text(": ");
        out.element("span", f.message(), "class", "shapes-message");
        out.close();
        out.close();

        out.open("div", "class", "shapes-location");
        out.text("--> line " + f.span().line() + ", column " + (f.span().column() + 1) + " · ");
        out.text(f.notation() ? "Shapes notation" : "raised by " + s.profile());
        out.close();

        SourceExcerpt excerpt = SourceExcerpt.of(s.source(), s.span(), f.span());
        Optional<AxisComparison> comparison = AxisComparison.of(f.operands(), excerpt.marked());
        snippet(out, excerpt, comparison);
        comparison.ifPresent(c -> {
            axes(out, c);
            ShapeDrawing.draw(c, out);
        });
        out.close();
    }

    /** The source line, the argument at fault underlined, carets under it (rustc style). */
    private static void snippet(HtmlWriter out, SourceExcerpt excerpt, Optional<AxisComparison> comparison) {
        String number = Integer.toString(excerpt.line());
        out.open("pre", "class", "shapes-snippet");
        out.element("span", number + " │ ", "class", "shapes-gutter");
        out.text(excerpt.before());
        out.element("span", excerpt.marked(), "class", "shapes-blame");
        out.text(excerpt.after());
        out.text("\n");
        out.element("span", " ".repeat(number.length()) + " │ ", "class", "shapes-gutter");
        out.text(excerpt.caretIndent());
        out.element("span", excerpt.carets(), "class", "shapes-carets");
        comparison.filter(c -> c.foundOperand().label().strip().equals(excerpt.marked().strip()))
                .ifPresent(c -> out.element("span", " " + c.foundOperand().role() + " " + c.foundOperand().shape(),
                        "class", "shapes-caret-label"));
        out.close();
    }

    /** Expected against found for each pair of axes that should have matched, then the found operand's other axes at fault. */
    private static void axes(HtmlWriter out, AxisComparison c) {
        if (c.pairs().isEmpty() && c.lonelyFoundAxes().isEmpty()) {
            return;
        }
        out.open("table", "class", "shapes-axes");
        out.open("tbody");
        boolean first = true;
        for (AxisComparison.Pair pair : c.pairs()) {
            axisRow(out, "expected", c.referenceOperand(), pair.referenceAxis(), first);
            axisRow(out, "found", c.foundOperand(), pair.foundAxis(), false);
            first = false;
        }
        for (int axis : c.lonelyFoundAxes()) {
            axisRow(out, "found", c.foundOperand(), axis, !first);
            first = false;
        }
        out.close();
        out.close();
    }

    private static void axisRow(HtmlWriter out, String which, Operand operand, int axis, boolean startsPair) {
        out.open("tr", "class", "shapes-" + which + (startsPair ? " shapes-pair-start" : ""));
        out.element("th", which);
        out.element("td", operand.shape().dim(axis).toString(), "class", "shapes-size");
        out.open("td", "class", "shapes-where");
        out.text(operand.role() + " ");
        if (!operand.label().isEmpty()) {
            out.element("code", operand.label(), "class", "shapes-code");
            out.text(" ");
        }
        out.text(operand.shape() + ", axis " + axis);
        out.close();
        out.close();
    }

    // ------------------------------------------------------------ sections

    private static void section(HtmlWriter details, StatementResult s, StatementSection section) {
        HtmlWriter body = new HtmlWriter();
        String name = section.name();
        if (!StatementSection.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad section name: " + name);
        }
        try {
            section.write(s, body);
            body.toString(); // throws when the section left an element open
        } catch (RuntimeException e) {
            // a broken section must not cost the user the rest of the output
            body = new HtmlWriter();
            body.element("span", "this section could not be shown (" + e.getClass().getSimpleName() + ")",
                    "class", "shapes-section-failed");
        }
        if (body.length() == 0) {
            return;
        }
        details.open("div", "class", "shapes-section shapes-section-" + name, "data-section", name);
        details.append(body);
        details.close();
    }

    // ------------------------------------------------------------ style

    private static String loadStyle() {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream("shapes.css")) {
            if (in == null) {
                throw new IllegalStateException("shapes.css is missing from the jar");
            }
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?s)/\\*.*?\\*/", "")
                    .replaceAll("\\s+", " ")
                    .replaceAll(" ?([{};,]) ?", "$1")
                    .strip();
            if (css.contains("<")) {
                throw new IllegalStateException("shapes.css must not contain '<'");
            }
            return "<style>" + css + "</style>";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
