package dev.shapes.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.Session;
import dev.shapes.explain.Explainer;
import dev.shapes.framework.Frameworks;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The diagnosis section of the HTML view: under the statement it explains, encoded like the rest of the view. */
class DiagnosisSectionTest {

    @Test
    void theDiagnosisAndItsVerifiedFixAppearUnderTheFailingStatement() {
        Explainer.Checked checked = Explainer.check(new Session(Frameworks.all()),
                "use torch\nlogits: f32[32, 10]\nlabels: i64[32, 1]\nloss = F.cross_entropy(logits, labels)\n");
        Document html = Jsoup.parse(HtmlRenderer.render(checked.result(),
                List.of(DiagnosisSection.of(checked.diagnoses()))));
        List<Element> sections = html.select("[data-section=diagnosis]");
        assertEquals(1, sections.size(), html.toString());
        Element section = sections.get(0);
        assertTrue(section.text().contains("has an extra axis of size 1"), section.text());
        assertEquals("label-rank", section.selectFirst(".shapes-explanation").attr("data-kind"));
        assertEquals("loss = F.cross_entropy(logits, labels.squeeze(1))",
                section.selectFirst(".shapes-help code").text());
        assertEquals(2, section.select(".shapes-axes-compared tr.shapes-mismatch td").size() / 4 + 1);
    }

    @Test
    void userTextInADiagnosisIsEncoded() {
        Explainer.Checked checked = Explainer.check(new Session(Frameworks.all()), "use torch\n"
                + "logits: f32[4, 3]\nlabels: i64[4]\nloss = F.cross_entropy(logits, labels, reduction=\"<img src=x>\")\n");
        Document html = Jsoup.parse(HtmlRenderer.render(checked.result(),
                List.of(DiagnosisSection.of(checked.diagnoses()))));
        assertTrue(html.select("img").isEmpty(), html.toString());
        assertTrue(html.select("[data-section=diagnosis]").text().contains("reduction must be"), html.toString());
    }
}
