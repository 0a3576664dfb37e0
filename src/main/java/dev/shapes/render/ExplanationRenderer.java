package dev.shapes.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Explanation;
import java.util.List;

/**
 * {@code explain}'s output. JSON (a stable contract):
 * {@code {"recognized", "framework", "version", "kind", "repro", "evaluation",
 * "fixes": [{"code", "verified", ...}]}} where {@code evaluation} is the
 * {@code check --json} document of the repro, plus {@code "template"},
 * {@code "exception"}, {@code "message"}, {@code "reproduced"},
 * {@code "diagnosis"} and, when not recognised, {@code "closest"}.
 */
public final class ExplanationRenderer {

    private static final Gson PRETTY = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().setPrettyPrinting().create();

    private ExplanationRenderer() {}

    public static JsonObject json(Explanation e) {
        JsonObject out = new JsonObject();
        out.addProperty("recognized", e.recognized());
        out.addProperty("framework", e.framework().orElse(null));
        out.addProperty("version", e.version().orElse(null));
        out.addProperty("kind", e.kind().map(k -> k.id).orElse(null));
        out.addProperty("repro", e.repro().orElse(null));
        out.add("evaluation", e.evaluation().map(r -> (com.google.gson.JsonElement) JsonRenderer.document(List.of(r)))
                .orElse(JsonNull.INSTANCE));
        out.add("fixes", DiagnosisJson.fixes(e.fixes()));
        out.addProperty("template", e.templateId().orElse(null));
        out.addProperty("exception", e.exceptionType().orElse(null));
        out.addProperty("message", e.message().orElse(null));
        out.addProperty("reproduced", e.reproduced());
        out.add("diagnosis", e.diagnosis().map(d -> (com.google.gson.JsonElement) DiagnosisJson.diagnosis(d))
                .orElse(JsonNull.INSTANCE));
        JsonArray closest = new JsonArray();
        for (Explanation.Closest c : e.closest()) {
            JsonObject o = new JsonObject();
            o.addProperty("template", c.templateId());
            o.addProperty("kind", c.kind().id);
            o.addProperty("framework", c.framework());
            o.addProperty("example", c.example());
            o.addProperty("similarity", Math.round(c.similarity() * 1000) / 1000.0);
            closest.add(o);
        }
        out.add("closest", closest);
        return out;
    }

    public static String renderJson(Explanation e) {
        return PRETTY.toJson(json(e));
    }

    public static String renderText(Explanation e) {
        StringBuilder out = new StringBuilder();
        if (!e.recognized()) {
            out.append("not recognised: Shapes does not know this message.\n");
            if (!e.closest().isEmpty()) {
                out.append("The closest known messages:\n");
                for (Explanation.Closest c : e.closest()) {
                    out.append("  - [").append(c.kind().id).append("] ").append(c.framework()).append(": ")
                            .append(c.example().replace("\n", " ")).append('\n');
                }
            }
            return out.toString();
        }
        out.append("recognised: ").append(e.framework().orElse("")).append(' ').append(e.version().orElse(""))
                .append(", kind ").append(e.kind().map(k -> k.id).orElse("other")).append('\n');
        e.message().ifPresent(m -> out.append("  ").append(e.exceptionType().map(t -> t + ": ").orElse(""))
                .append(m).append('\n'));
        boolean profileMissing = e.evaluation().flatMap(r -> r.statements().stream().findFirst())
                .flatMap(s -> s.failure()).map(f -> f.type().equals("NotImplementedError")).orElse(false);
        out.append('\n').append(e.reproduced() ? "reproduced with this cell:"
                : profileMissing ? "this cell will reproduce it once the " + e.framework().orElse("") + " profile is "
                + "available (it is not in this build yet):"
                : "the closest cell Shapes can write (it does not print this exact message):").append("\n\n");
        e.repro().ifPresent(r -> out.append(r.strip().indent(4)));
        e.evaluation().ifPresent(r -> out.append('\n').append(TextRenderer.render(r).indent(4)));
        List<Diagnosis> diagnoses = e.diagnoses();
        if (!diagnoses.isEmpty()) {
            out.append('\n').append(DiagnosisRenderer.render(diagnoses));
        }
        return out.toString();
    }
}
