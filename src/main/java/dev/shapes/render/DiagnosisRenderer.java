package dev.shapes.render;

import dev.shapes.explain.AxisComparison;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Fix;
import dev.shapes.lang.Span;
import java.util.List;

/**
 * A diagnosis as text, in the manner of rustc and Elm: the headline, the
 * source line with the offending argument underlined, the framework's own
 * message, the expected-versus-found table, the conventions and bindings as
 * notes, and the verified fixes as {@code help:} with the changed line.
 */
public final class DiagnosisRenderer {

    private DiagnosisRenderer() {}

    public static String render(List<Diagnosis> diagnoses) {
        StringBuilder out = new StringBuilder();
        for (Diagnosis d : diagnoses) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(render(d));
        }
        return out.toString();
    }

    public static String render(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        Span span = d.span();
        String number = String.valueOf(span.line());
        String pad = " ".repeat(number.length());
        out.append(d.severity().id).append('[').append(d.kind().id).append("]: ").append(d.summary()).append('\n');
        out.append(pad).append("--> line ").append(span.position()).append('\n');
        out.append(pad).append(" |\n");
        out.append(number).append(" | ").append(d.lineText()).append('\n');
        out.append(pad).append(" | ").append(underline(d.lineText(), span, '^')).append('\n');
        out.append(pad).append(" |\n");
        d.frameworkText().ifPresent(text -> out.append(pad).append(" = ").append(d.framework()).append(": ")
                .append(indent(text, pad + "   ")).append('\n'));
        if (!d.axes().isEmpty()) {
            out.append(pad).append(" = note: ").append(table(d.axes(), pad + "         ")).append('\n');
        }
        for (String c : d.conventions()) {
            out.append(pad).append(" = note: ").append(c).append('\n');
        }
        for (String b : d.bindings()) {
            out.append(pad).append(" = note: ").append(b).append('\n');
        }
        for (String n : d.notes()) {
            out.append(pad).append(" = note: ").append(n).append('\n');
        }
        List<Fix> verified = d.verifiedFixes();
        boolean first = true;
        for (Fix f : verified) {
            if (first) {
                String fixNumber = String.valueOf(f.line());
                String fixPad = " ".repeat(Math.max(pad.length(), fixNumber.length()));
                out.append("help: ").append(f.silencesOnly() ? "this only silences the error: " : "")
                        .append(f.description()).append(" (checked: ").append(f.outcome().isEmpty() ? "passes"
                                : "→ " + f.outcome()).append(")\n");
                out.append(fixPad).append(" |\n");
                out.append(" ".repeat(fixPad.length() - fixNumber.length())).append(fixNumber).append(" | ")
                        .append(f.fixedLine()).append('\n');
                out.append(fixPad).append(" |\n");
                first = false;
            } else {
                out.append("help: ").append(f.silencesOnly() ? "only silences the error: " : "also works: ")
                        .append('`').append(f.code()).append("` (").append(f.description()).append(")\n");
            }
        }
        return out.toString();
    }

    /** Carets under the span's part of the line (to the end of the line for multi-line spans). */
    static String underline(String line, Span span, char mark) {
        int start = Math.min(span.column(), line.length());
        int end = span.endLine() == span.line() ? Math.min(span.endColumn(), line.length()) : line.length();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < start; i++) {
            out.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        out.append(String.valueOf(mark).repeat(Math.max(1, end - start)));
        return out.toString();
    }

    private static String table(List<AxisComparison> axes, String indent) {
        int roleWidth = "role".length();
        int expectedWidth = "expected".length();
        for (AxisComparison a : axes) {
            roleWidth = Math.max(roleWidth, a.role().label.length());
            expectedWidth = Math.max(expectedWidth, a.expected().length());
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-5s %-" + roleWidth + "s  %-" + expectedWidth + "s  %s", "axis", "role", "expected",
                "found"));
        for (AxisComparison a : axes) {
            out.append('\n').append(indent).append(String.format("%-5s %-" + roleWidth + "s  %-" + expectedWidth
                    + "s  %s%s", a.axis(), a.role().label, a.expected(), a.found(), a.matches() ? "" : "   ✗"));
        }
        return out.toString();
    }

    private static String indent(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }
}
