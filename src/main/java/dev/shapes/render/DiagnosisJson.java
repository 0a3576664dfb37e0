package dev.shapes.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shapes.explain.AxisComparison;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Fix;
import java.util.List;

/**
 * The {@code "diagnosis"} object added to a statement of the {@code check
 * --json} document (and used inside the {@code explain --json} one):
 * {@code {"id", "kind", "severity", "summary", "line", "column", "end_line",
 * "end_column", "framework_text", "axes", "conventions", "bindings",
 * "notes", "fixes"}}.
 */
public final class DiagnosisJson {

    private DiagnosisJson() {}

    public static JsonObject diagnosis(Diagnosis d) {
        JsonObject out = new JsonObject();
        out.addProperty("id", d.id());
        out.addProperty("kind", d.kind().id);
        out.addProperty("severity", d.severity().id);
        out.addProperty("summary", d.summary());
        out.addProperty("line", d.span().line());
        out.addProperty("column", d.span().column());
        out.addProperty("end_line", d.span().endLine());
        out.addProperty("end_column", d.span().endColumn());
        out.addProperty("framework", d.framework());
        out.addProperty("framework_text", d.frameworkText().orElse(null));
        JsonArray axes = new JsonArray();
        for (AxisComparison a : d.axes()) {
            JsonObject row = new JsonObject();
            row.addProperty("axis", a.axis());
            row.addProperty("role", a.role().label);
            row.addProperty("expected", a.expected());
            row.addProperty("found", a.found());
            row.addProperty("matches", a.matches());
            axes.add(row);
        }
        out.add("axes", axes);
        out.add("conventions", strings(d.conventions()));
        out.add("bindings", strings(d.bindings()));
        out.add("notes", strings(d.notes()));
        out.add("fixes", fixes(d.verifiedFixes()));
        return out;
    }

    public static JsonArray fixes(List<Fix> fixes) {
        JsonArray out = new JsonArray();
        for (Fix f : fixes) {
            JsonObject fix = new JsonObject();
            fix.addProperty("code", f.code());
            fix.addProperty("verified", f.verified());
            fix.addProperty("silences_only", f.silencesOnly());
            fix.addProperty("description", f.description());
            fix.addProperty("line", f.line());
            fix.addProperty("fixed_line", f.fixedLine());
            fix.addProperty("outcome", f.outcome());
            out.add(fix);
        }
        return out;
    }

    private static JsonArray strings(List<String> items) {
        JsonArray out = new JsonArray();
        items.forEach(out::add);
        return out;
    }
}
