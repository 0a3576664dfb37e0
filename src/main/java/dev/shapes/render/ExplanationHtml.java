package dev.shapes.render;

import dev.shapes.explain.Explanation;
import java.util.List;

/**
 * The HTML view of a {@code %%explain} cell: what the pasted message was
 * recognised as, the Shapes cell that reproduces it, and that cell's
 * evaluation with its diagnosis and verified fixes (or, when the message is
 * not recognised, the closest known messages).
 */
public final class ExplanationHtml {

    private ExplanationHtml() {}

    public static String render(Explanation e) {
        HtmlWriter out = new HtmlWriter();
        out.open("div", "class", "shapes-result shapes-explain");
        if (!e.recognized()) {
            out.element("p", "Not recognised: Shapes does not know this message.", "class", "shapes-explain-verdict");
            if (!e.closest().isEmpty()) {
                out.element("p", "The closest known messages:");
                out.open("ul");
                for (Explanation.Closest c : e.closest()) {
                    out.open("li").element("code", "[" + c.kind().id + "] " + c.framework())
                            .text(" " + c.example().replace("\n", " ")).close();
                }
                out.close();
            }
            return out.close().toString();
        }
        out.open("p", "class", "shapes-explain-verdict").element("strong", "Recognised")
                .text(": " + e.framework().orElse("") + " " + e.version().orElse("") + " · kind "
                        + e.kind().map(k -> k.id).orElse("other")).close();
        e.message().ifPresent(m -> out.element("pre", e.exceptionType().map(t -> t + ": ").orElse("") + m,
                "class", "shapes-explain-message"));
        e.repro().ifPresent(r -> {
            out.element("p", e.reproduced() ? "Reproduced by this cell:" : "A cell for the same situation (it did not "
                    + "reproduce the message exactly):");
            out.element("pre", r, "class", "shapes-explain-repro");
        });
        out.close();
        String evaluation = e.evaluation()
                .map(result -> HtmlRenderer.render(result, List.of(DiagnosisSection.of(e.diagnoses()))))
                .orElse("");
        return out + evaluation;
    }
}
