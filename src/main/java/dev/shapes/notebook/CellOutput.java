package dev.shapes.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.render.DiagnosisRenderer;
import dev.shapes.render.DiagnosisSection;
import dev.shapes.render.ExplanationHtml;
import dev.shapes.render.ExplanationRenderer;
import dev.shapes.render.HtmlRenderer;
import dev.shapes.render.JsonRenderer;
import dev.shapes.render.TextRenderer;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.owasp.encoder.Encode;

/**
 * A cell's three views, shared by the kernel's mime bundle and {@code check}:
 * text (the statement table, plus any {@code %who} table), HTML (the same
 * with the HTML renderer) and the {@code check --json} cell object, which
 * gains a {@code "magics"} array when the cell had line magics.
 */
public final class CellOutput {

    private static final Gson PRETTY = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().setPrettyPrinting().create();

    private CellOutput() {}

    public static String text(CellRun run) {
        if (run.explanation().isPresent()) {
            return ExplanationRenderer.renderText(run.explanation().get());
        }
        StringBuilder out = new StringBuilder();
        run.before().forEach(m -> out.append(text(m)));
        out.append(TextRenderer.render(run.result()));
        run.after().forEach(m -> out.append(text(m)));
        if (!run.diagnoses().isEmpty()) {
            out.append('\n').append(DiagnosisRenderer.render(run.diagnoses()));
        }
        return out.toString();
    }

    public static String text(List<CellRun> runs) {
        StringBuilder out = new StringBuilder();
        for (CellRun run : runs) {
            if (runs.size() > 1) {
                out.append("── ").append(run.label()).append(" ──\n");
            }
            out.append(text(run));
        }
        return out.toString();
    }

    public static String html(CellRun run) {
        if (run.explanation().isPresent()) {
            return ExplanationHtml.render(run.explanation().get());
        }
        StringBuilder out = new StringBuilder();
        run.before().forEach(m -> out.append(html(m)));
        if (!run.result().statements().isEmpty() || run.magics().isEmpty()) {
            out.append(HtmlRenderer.render(run.result(), List.of(DiagnosisSection.of(run.diagnoses()))));
        }
        run.after().forEach(m -> out.append(html(m)));
        return out.toString();
    }

    public static JsonObject json(CellRun run) {
        return json(run, Long.MAX_VALUE);
    }

    /**
     * The cell object with the values of tensors over {@code maxValues}
     * elements left out ({@code "value": null, "values_omitted": N}): a
     * notebook stores every output, and a 2000 x 2000 tensor is 4 million numbers.
     */
    public static JsonObject json(CellRun run, long maxValues) {
        if (run.explanation().isPresent()) {
            JsonObject cell = new JsonObject();
            cell.addProperty("index", run.result().index());
            cell.add("statements", new JsonArray());
            cell.add("explain", ExplanationRenderer.json(run.explanation().get()));
            return cell;
        }
        List<StatementResult> statements = run.result().statements();
        List<StatementResult> kept = new ArrayList<>(statements.size());
        List<Long> omitted = new ArrayList<>(statements.size());
        for (StatementResult s : statements) {
            long count = s.value().filter(v -> v instanceof Value.TensorValue t && t.tensor().hasValues())
                    .map(v -> ((Value.TensorValue) v).tensor().shape().numel().orElse(0)).orElse(0L);
            if (count > maxValues) {
                Value.TensorValue big = (Value.TensorValue) s.value().get();
                Value shapeOnly = new Value.TensorValue(Tensor.shapeOnly(big.tensor().dtype(), big.tensor().shape()),
                        big.framework());
                kept.add(new StatementResult(s.span(), s.source(), s.profile(), new StatementResult.Ok(shapeOnly),
                        s.warnings(), s.notes()));
                omitted.add(count);
            } else {
                kept.add(s);
                omitted.add(0L);
            }
        }
        JsonObject cell = JsonRenderer.cell(new CellResult(run.result().index(), kept));
        JsonArray rendered = cell.getAsJsonArray("statements");
        for (int i = 0; i < omitted.size(); i++) {
            if (omitted.get(i) > 0) {
                rendered.get(i).getAsJsonObject().addProperty("values_omitted", omitted.get(i));
            }
        }
        if (!run.magics().isEmpty()) {
            JsonArray magics = new JsonArray();
            run.magics().forEach(m -> magics.add(json(m)));
            cell.add("magics", magics);
        }
        JsonRenderer.addDiagnoses(cell, run.result(), run.diagnoses());
        return cell;
    }

    /** The {@code check --json} document: {@code {"cells": [...]}}. */
    public static JsonObject document(List<CellRun> runs) {
        return document(runs, Long.MAX_VALUE);
    }

    /** The document with the values of tensors over {@code maxValues} elements left out. */
    public static JsonObject document(List<CellRun> runs, long maxValues) {
        JsonArray cells = new JsonArray();
        runs.forEach(r -> cells.add(json(r, maxValues)));
        JsonObject doc = new JsonObject();
        doc.add("cells", cells);
        return doc;
    }

    /** The document as {@code check --json} prints it (indented, like JsonRenderer's). */
    public static String documentText(List<CellRun> runs) {
        return PRETTY.toJson(document(runs));
    }

    // ------------------------------------------------------------ magics

    private static String text(LineMagic magic) {
        if (magic instanceof LineMagic.Who who) {
            if (who.variables().isEmpty()) {
                return "%who: no tensors are defined\n";
            }
            int nameWidth = "name".length();
            int dtypeWidth = "dtype".length();
            int shapeWidth = "shape".length();
            for (LineMagic.Variable v : who.variables()) {
                nameWidth = Math.max(nameWidth, v.name().length());
                dtypeWidth = Math.max(dtypeWidth, v.dtype().length());
                shapeWidth = Math.max(shapeWidth, v.shape().toString().length());
            }
            String format = "%-" + nameWidth + "s  %-" + dtypeWidth + "s  %-" + shapeWidth + "s  %s\n";
            StringBuilder out = new StringBuilder(String.format(format, "name", "dtype", "shape", "declared"));
            for (LineMagic.Variable v : who.variables()) {
                out.append(String.format(format, v.name(), v.dtype(), v.shape(), where(v)));
            }
            return out.toString();
        }
        if (magic instanceof LineMagic.Reset) {
            return "%reset: forgot every name and size; the framework is the default again\n";
        }
        if (magic instanceof LineMagic.Using using) {
            return "%use: " + using.profile() + "\n";
        }
        LineMagic.Failed failed = (LineMagic.Failed) magic;
        return "✗ " + String.format("%3d", failed.line()) + "  " + failed.source() + "\n       "
                + failed.type() + ": " + failed.message() + "\n";
    }

    private static String where(LineMagic.Variable v) {
        return v.cell() + ", line " + v.declaredOnLine();
    }

    private static String html(LineMagic magic) {
        StringBuilder out = new StringBuilder("<div class=\"shapes-result\">");
        if (magic instanceof LineMagic.Who who) {
            if (who.variables().isEmpty()) {
                out.append("<p class=\"shapes-magic\">No tensors are defined.</p>");
            } else {
                out.append("<table class=\"shapes-table shapes-who\"><thead><tr><th>name</th><th>dtype</th>")
                        .append("<th>shape</th><th>declared</th></tr></thead><tbody>");
                for (LineMagic.Variable v : who.variables()) {
                    out.append("<tr><td><code>").append(Encode.forHtml(v.name())).append("</code></td><td>")
                            .append(Encode.forHtml(v.dtype())).append("</td><td>")
                            .append(Encode.forHtml(v.shape().toString())).append("</td><td>")
                            .append(Encode.forHtml(where(v))).append("</td></tr>");
                }
                out.append("</tbody></table>");
            }
        } else if (magic instanceof LineMagic.Failed failed) {
            out.append("<pre class=\"shapes-magic-error\">").append(Encode.forHtml(failed.type() + ": "
                    + failed.message())).append("</pre>");
        } else {
            out.append("<p class=\"shapes-magic\">").append(Encode.forHtml(text(magic).strip())).append("</p>");
        }
        return out.append("</div>").toString();
    }

    private static JsonObject json(LineMagic magic) {
        JsonObject out = new JsonObject();
        out.addProperty("line", magic.line());
        if (magic instanceof LineMagic.Who who) {
            out.addProperty("magic", "who");
            JsonArray variables = new JsonArray();
            for (LineMagic.Variable v : who.variables()) {
                JsonObject variable = new JsonObject();
                variable.addProperty("name", v.name());
                variable.addProperty("dtype", v.dtype());
                variable.add("shape", JsonRenderer.shape(v.shape()));
                variable.addProperty("cell", v.cell());
                variable.addProperty("line", v.declaredOnLine());
                variables.add(variable);
            }
            out.add("variables", variables);
        } else if (magic instanceof LineMagic.Reset) {
            out.addProperty("magic", "reset");
        } else if (magic instanceof LineMagic.Using using) {
            out.addProperty("magic", "use");
            out.addProperty("framework", using.profile());
        } else {
            LineMagic.Failed failed = (LineMagic.Failed) magic;
            out.addProperty("magic", failed.source());
            JsonObject error = new JsonObject();
            error.addProperty("type", failed.type());
            error.addProperty("message", failed.message());
            error.addProperty("line", failed.line());
            error.addProperty("column", 0);
            error.addProperty("origin", "notation");
            out.add("error", error);
        }
        return out;
    }
}
