package dev.shapes.render;

import dev.shapes.explain.AxisComparison;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Fix;
import dev.shapes.explain.Severity;
import java.util.List;

/**
 * The explanation layer's diagnoses as a section under each statement of
 * the HTML view: the summary with its kind, the expected-versus-found table,
 * the conventions, bindings and notes, and each verified fix with the changed
 * line. Use it as {@code HtmlRenderer.render(cell, List.of(DiagnosisSection.of(diagnoses)))}.
 */
public final class DiagnosisSection {

    public static final String NAME = "diagnosis";

    private DiagnosisSection() {}

    public static StatementSection of(List<Diagnosis> diagnoses) {
        return StatementSection.of(NAME, (statement, out) -> {
            for (Diagnosis d : diagnoses) {
                if (d.statement().equals(statement.span())) {
                    write(d, out);
                }
            }
        });
    }

    /** Text with {@code `code`} spans, as the summaries quote the user's names. */
    private static void inlineCode(String text, HtmlWriter out) {
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1 && i < parts.length - 1) {
                out.element("code", parts[i], "class", "shapes-code");
            } else {
                out.text(i % 2 == 1 ? "`" + parts[i] : parts[i]);
            }
        }
    }

    private static void write(Diagnosis d, HtmlWriter out) {
        out.open("div", "class", "shapes-explanation shapes-explanation-" + d.severity().id, "data-kind", d.kind().id);
        out.open("div", "class", "shapes-summary");
        out.element("span", d.severity() == Severity.NOTE ? "note" : "why", "class", "shapes-label");
        out.element("span", d.kind().id, "class", "shapes-kind");
        out.text(" ");
        inlineCode(d.summary(), out);
        out.close();
        if (!d.axes().isEmpty()) {
            out.open("table", "class", "shapes-axes-compared");
            out.open("tr");
            for (String head : List.of("axis", "role", "expected", "found")) {
                out.element("th", head);
            }
            out.close();
            for (AxisComparison a : d.axes()) {
                out.open("tr", "class", a.matches() ? null : "shapes-mismatch");
                out.element("td", String.valueOf(a.axis()));
                out.element("td", a.role().label);
                out.element("td", a.expected());
                out.element("td", a.found());
                out.close();
            }
            out.close();
        }
        if (!d.conventions().isEmpty() || !d.bindings().isEmpty() || !d.notes().isEmpty()) {
            out.open("ul", "class", "shapes-explanation-notes");
            for (String line : d.conventions()) {
                out.element("li", line, "class", "shapes-convention");
            }
            for (String line : d.bindings()) {
                out.element("li", line, "class", "shapes-binding");
            }
            for (String line : d.notes()) {
                out.element("li", line);
            }
            out.close();
        }
        for (Fix f : d.verifiedFixes()) {
            out.open("div", "class", "shapes-help" + (f.silencesOnly() ? " shapes-help-silences" : ""));
            out.element("span", f.silencesOnly() ? "silences only" : "help", "class", "shapes-label");
            out.text(f.description() + " ");
            out.element("code", f.fixedLine().strip(), "class", "shapes-code", "data-line", String.valueOf(f.line()));
            if (!f.outcome().isEmpty()) {
                out.element("span", "checked: → " + f.outcome(), "class", "shapes-checked");
            }
            out.close();
        }
        out.close();
    }
}
