package dev.shapes.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * The HTML view of real cells, read back with jsoup: one row per statement,
 * the framework's message verbatim, the argument at fault underlined, expected
 * against found per axis, and a drawing that highlights the axes at fault.
 */
class HtmlRendererTest {

    private static CellResult run(String cell) {
        return new Interpreter(new Session(Frameworks.all())).run(cell);
    }

    private static Element root(CellResult cell) {
        return parse(HtmlRenderer.render(cell));
    }

    private static Element parse(String html) {
        Element body = Jsoup.parseBodyFragment(html).body();
        assertEquals(1, body.childrenSize(), "one root element");
        return body.child(0);
    }

    /** The statement row for a source line, and the details row under it when there is one. */
    private static Element row(Element root, int line) {
        Element row = root.selectFirst("tr.shapes-row[data-line=" + line + "]");
        assertNotNull(row, "no row for line " + line);
        return row;
    }

    private static Element details(Element root, int line) {
        Element next = row(root, line).nextElementSibling();
        assertNotNull(next, "no details under line " + line);
        assertTrue(next.hasClass("shapes-details"), "no details under line " + line);
        return next;
    }

    @Test
    void theRootIsADivWithAScopedStyleAndTheStatementTable() {
        Element root = root(run("use torch\nx: f32[2, 3]\n"));
        assertEquals("div", root.tagName());
        assertTrue(root.hasClass("shapes-result"));
        assertEquals("style", root.child(0).tagName());
        for (String rule : root.child(0).data().split("}")) {
            String selectors = rule.contains("{") ? rule.substring(0, rule.indexOf('{')) : "";
            for (String selector : selectors.split(",")) {
                if (!selector.isBlank()) {
                    assertTrue(selector.contains(".shapes-result"), "unscoped rule: " + selector);
                }
            }
        }
        assertEquals(1, root.select("> table.shapes-table").size());
        assertEquals(List.of("", "line", "statement", "result"),
                root.select("thead th").stream().map(Element::text).toList());
    }

    @Test
    void oneRowPerStatementWithSourceTypeAndSmallValues() {
        String cell = """
                use torch
                logits: f32[32, 10]
                x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
                n = x.shape[0]
                big = logits.softmax(dim=1)
                """;
        CellResult result = run(cell);
        Element root = root(result);
        Elements rows = root.select("tr.shapes-row");
        assertEquals(result.statements().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StatementResult s = result.statements().get(i);
            assertEquals(s.source(), rows.get(i).selectFirst("td.shapes-source code").wholeText());
            assertEquals(Integer.toString(s.span().line()), rows.get(i).attr("data-line"));
            assertEquals("ok", rows.get(i).attr("data-status"));
            assertTrue(rows.get(i).hasClass("shapes-status-ok"));
        }
        assertEquals("f32[32, 10]", row(root, 2).selectFirst(".shapes-type").text());
        assertEquals("f32[2, 2]", row(root, 3).selectFirst(".shapes-type").text());
        assertEquals("[[1., 2.], [3., 4.]]", row(root, 3).selectFirst(".shapes-value").text());
        assertEquals("2", row(root, 4).selectFirst(".shapes-value").text());
        assertEquals("f32[32, 10]", row(root, 5).selectFirst(".shapes-type").text());
        assertTrue(row(root, 5).select(".shapes-value").isEmpty(), "320 values are not shown");
        assertTrue(root.select("tr.shapes-details").isEmpty(), "nothing to say about ok statements");
        assertTrue(root.select("svg").isEmpty());
    }

    @Test
    void aBatchSizeMismatchShowsTheMessageTheUnderlineExpectedFoundAndTheDrawing() {
        CellResult result = run("""
                use torch
                logits: f32[32, 10]
                labels: i64[16]
                loss = F.cross_entropy(logits, labels)
                """);
        StatementResult.Failure failure = result.statements().get(3).failure().orElseThrow();
        Element root = root(result);
        Element row = row(root, 4);
        assertEquals("error", row.attr("data-status"));
        assertEquals("ValueError", row.selectFirst("td.shapes-outcome").text());

        Element diagnostic = details(root, 4).selectFirst(".shapes-diagnostic");
        assertEquals("framework", diagnostic.attr("data-origin"));
        assertEquals("ValueError", diagnostic.selectFirst(".shapes-error-type").text());
        assertEquals("Expected input batch_size (32) to match target batch_size (16).",
                diagnostic.selectFirst(".shapes-message").wholeText());
        assertEquals(failure.message(), diagnostic.selectFirst(".shapes-message").wholeText());

        Element snippet = diagnostic.selectFirst("pre.shapes-snippet");
        assertEquals("labels", snippet.selectFirst(".shapes-blame").wholeText());
        assertTrue(snippet.wholeText().startsWith("4 │ loss = F.cross_entropy(logits, labels)\n"));
        String caretLine = snippet.wholeText().split("\n")[1];
        assertEquals("  │ " + " ".repeat("loss = F.cross_entropy(logits, ".length()) + "^^^^^^ target [16]", caretLine);

        Elements axisRows = diagnostic.select("table.shapes-axes tr");
        assertEquals(2, axisRows.size());
        assertEquals(List.of("expected", "32", "input logits [32, 10], axis 0"), axisRows.get(0).children().eachText());
        assertEquals(List.of("found", "16", "target labels [16], axis 0"), axisRows.get(1).children().eachText());

        Element svg = diagnostic.selectFirst("svg.shapes-drawing");
        assertNotNull(svg);
        Elements operands = svg.select("g.shapes-operand");
        assertEquals(2, operands.size());
        assertEquals("input logits", operands.get(0).selectFirst(".shapes-operand-caption").text());
        assertEquals(List.of("32", "10"), operands.get(0).select("g.shapes-axis > text").eachText());
        assertEquals(List.of("16"), operands.get(1).select("g.shapes-axis > text").eachText());
        assertEquals(List.of("0"), operands.get(0).select("g.shapes-axis-bad").eachAttr("data-axis"));
        assertEquals(List.of("0"), operands.get(1).select("g.shapes-axis-bad").eachAttr("data-axis"));
        assertEquals(1, svg.select("g.shapes-connector line").size());
        assertTrue(operands.get(1).hasClass("shapes-operand-found"));
    }

    @Test
    void aTargetRankErrorHighlightsTheExtraAxisOfTheTarget() {
        Element root = root(run("""
                use torch
                logits: f32[32, 10]
                labels: i64[32, 1]
                loss = F.cross_entropy(logits, labels)
                total = loss * 2
                """));
        Element diagnostic = details(root, 4).selectFirst(".shapes-diagnostic");
        assertEquals("0D or 1D target tensor expected, multi-target not supported",
                diagnostic.selectFirst(".shapes-message").wholeText());
        assertEquals("labels", diagnostic.selectFirst(".shapes-blame").text());
        Element svg = diagnostic.selectFirst("svg.shapes-drawing");
        Elements operands = svg.select("g.shapes-operand");
        assertTrue(operands.get(0).select("g.shapes-axis-bad").isEmpty(), "the input is not at fault");
        Elements bad = operands.get(1).select("g.shapes-axis-bad");
        assertEquals(1, bad.size());
        assertEquals("1", bad.get(0).attr("data-axis"));
        assertEquals("1", bad.get(0).selectFirst("text").text());
        assertTrue(svg.select("g.shapes-connector").isEmpty(), "no axis of the input pairs with it");
        Elements axisRows = diagnostic.select("table.shapes-axes tr");
        assertEquals(List.of("found", "1", "target labels [32, 1], axis 1"), axisRows.get(0).children().eachText());

        Element skipped = row(root, 5);
        assertEquals("skipped", skipped.attr("data-status"));
        assertEquals("skipped: 'loss' failed on line 4", skipped.selectFirst(".shapes-skip-reason").text());
    }

    @Test
    void aSpatialTargetPairsEachTargetAxisWithTheInputAxisItStandsFor() {
        Element root = root(run("""
                use torch
                x: f32[8, 3, 5]
                t: i64[8, 6]
                loss = F.cross_entropy(x, t)
                """));
        Element diagnostic = details(root, 4).selectFirst(".shapes-diagnostic");
        assertEquals("Expected target size [8, 5], got [8, 6]", diagnostic.selectFirst(".shapes-message").text());
        Elements axisRows = diagnostic.select("table.shapes-axes tr");
        assertEquals(List.of("expected", "5", "input x [8, 3, 5], axis 2"), axisRows.get(0).children().eachText());
        assertEquals(List.of("found", "6", "target t [8, 6], axis 1"), axisRows.get(1).children().eachText());
    }

    @Test
    void axesAtFaultPairInOrderAndTheRestStandAlone() {
        Element root = root(run("""
                use torch
                h: f32[B, T, 768]
                tokens: i64[B, 50257, 4]
                loss = F.cross_entropy(h, tokens)
                """));
        Element diagnostic = details(root, 4).selectFirst(".shapes-diagnostic");
        assertEquals("Expected target size [B, 768], got [B, 50257, 4]",
                diagnostic.selectFirst(".shapes-message").text());
        Elements axisRows = diagnostic.select("table.shapes-axes tr");
        assertEquals(3, axisRows.size());
        assertEquals(List.of("expected", "768", "input h [B, T, 768], axis 2"), axisRows.get(0).children().eachText());
        assertEquals(List.of("found", "50257", "target tokens [B, 50257, 4], axis 1"),
                axisRows.get(1).children().eachText());
        assertEquals(List.of("found", "4", "target tokens [B, 50257, 4], axis 2"), axisRows.get(2).children().eachText());
        assertEquals(1, diagnostic.select("g.shapes-connector").size());
    }

    @Test
    void broadcastOperandsLineUpFromTheEnd() {
        Element root = root(run("""
                use torch
                a: f32[2, 3, 4]
                b: f32[5, 4]
                c = a + b
                """));
        Element svg = details(root, 4).selectFirst("svg.shapes-drawing");
        assertEquals(List.of("axis", "-3", "-2", "-1"), svg.select("g.shapes-drawing-axes text").eachText());
        Elements operands = svg.select("g.shapes-operand");
        Element three = operands.get(0).selectFirst("g.shapes-axis-bad rect");
        Element five = operands.get(1).selectFirst("g.shapes-axis-bad rect");
        double center3 = Double.parseDouble(three.attr("x")) + Double.parseDouble(three.attr("width")) / 2;
        double center5 = Double.parseDouble(five.attr("x")) + Double.parseDouble(five.attr("width")) / 2;
        assertEquals(center3, center5, 0.1, "the mismatched axes sit in one column");
    }

    @Test
    void symbolicUnknownAndHugeSizesDrawWithinBounds() {
        Element root = root(run("""
                use torch
                logits: f32[B, 50257]
                labels: i64[None, 3]
                loss = F.cross_entropy(logits, labels)
                """));
        Element svg = details(root, 4).selectFirst("svg.shapes-drawing");
        Element symbolic = svg.selectFirst("g.shapes-axis-symbolic");
        assertEquals("B", symbolic.selectFirst("text").text());
        Element unknown = svg.selectFirst("g.shapes-axis-unknown");
        assertEquals("None", unknown.selectFirst("text").text());
        Element huge = svg.select("g.shapes-axis-known").stream()
                .filter(g -> g.selectFirst("text").text().equals("50257")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(huge.selectFirst("rect").attr("width")) <= ShapeDrawing.MAX_BOX);
        assertTrue(Double.parseDouble(svg.attr("width")) < 400, "width " + svg.attr("width"));
        for (Element rect : svg.select("rect")) {
            assertTrue(Double.parseDouble(rect.attr("width")) > 0);
        }
    }

    @Test
    void boxesGrowWithTheSizeUpToACap() {
        double one = ShapeDrawing.boxWidth(dev.shapes.tensor.Dim.of(1));
        double ten = ShapeDrawing.boxWidth(dev.shapes.tensor.Dim.of(10));
        double vocabulary = ShapeDrawing.boxWidth(dev.shapes.tensor.Dim.of(50257));
        double enormous = ShapeDrawing.boxWidth(dev.shapes.tensor.Dim.of(1L << 40));
        assertTrue(one < ten && ten < vocabulary, one + " " + ten + " " + vocabulary);
        assertEquals(ShapeDrawing.MAX_BOX, vocabulary, 0.01);
        assertTrue(enormous <= 13 * ShapeDrawing.CHAR_WIDTH + 12, "only as wide as its digits");
    }

    @Test
    void warningsAndNotesAreShownApart() {
        CellResult result = run("""
                use torch
                pred: f32[32, 1]
                target: f32[32]
                mse = F.mse_loss(pred, target)
                print("done")
                """);
        StatementResult mse = result.statements().get(3);
        Element root = root(result);
        assertEquals("warning", row(root, 4).attr("data-status"));
        Element details = details(root, 4);
        Elements warnings = details.select(".shapes-warning");
        assertEquals(1, warnings.size());
        assertEquals("warning", warnings.get(0).selectFirst(".shapes-label").text());
        assertEquals(mse.warnings().get(0), warnings.get(0).selectFirst(".shapes-message").wholeText());
        Elements notes = details.select(".shapes-note");
        assertEquals(1, notes.size());
        assertEquals("silent-broadcast", notes.get(0).attr("data-kind"));
        assertEquals(mse.notes().get(0).message(), notes.get(0).selectFirst(".shapes-note-text").wholeText());
        assertTrue(details.select(".shapes-diagnostic").isEmpty());

        assertEquals("ok", row(root, 5).attr("data-status"), "printing is not a remark");
        assertEquals("done", details(root, 5).selectFirst("pre.shapes-output").wholeText());
    }

    @Test
    void aSyntaxErrorPointsAtTheTokenAndDrawsNothing() {
        Element root = root(run("""
                use torch
                x: f32[3, 4]
                z = x +* 2
                y = x.sum(dim=1
                """));
        Element diagnostic = details(root, 3).selectFirst(".shapes-diagnostic");
        assertEquals("notation", diagnostic.attr("data-origin"));
        assertEquals("SyntaxError", diagnostic.selectFirst(".shapes-error-type").text());
        assertEquals("*", diagnostic.selectFirst(".shapes-blame").text());
        assertTrue(diagnostic.select("svg").isEmpty());
        assertTrue(diagnostic.select("table.shapes-axes").isEmpty());

        Element unclosed = details(root, 4).selectFirst(".shapes-diagnostic");
        assertEquals("'(' was never closed", unclosed.selectFirst(".shapes-message").text());
        assertEquals("(", unclosed.selectFirst(".shapes-blame").text());
    }

    @Test
    void aStatementThatEndsTooEarlyGetsACaretAfterIt() {
        Element root = root(run("use torch\nx: f32[3]\nv = x +\n"));
        Element snippet = details(root, 3).selectFirst("pre.shapes-snippet");
        assertEquals("", snippet.selectFirst(".shapes-blame").text());
        assertEquals("  │ " + " ".repeat("v = x +".length()) + "^", snippet.wholeText().split("\n")[1]);
    }

    @Test
    void aFailureOnTheSecondLineOfAStatementShowsThatLine() {
        Element root = root(run("""
                use torch
                logits: f32[32, 10]
                labels: i64[16]
                loss = F.cross_entropy(
                    logits,
                    labels)
                """));
        Element snippet = details(root, 4).selectFirst("pre.shapes-snippet");
        assertTrue(snippet.wholeText().startsWith("6 │     labels)\n"), snippet.wholeText());
        assertEquals("labels", snippet.selectFirst(".shapes-blame").text());
    }

    @Test
    void aSideBySideCellNamesEachRowsFrameworkAndMarksTheWholeLine() {
        String body = "\nlogits: f32[32, 10]\nlabels: i64[16]\nloss = F.cross_entropy(logits, labels)\n";
        CellResult result = new dev.shapes.framework.compare.Comparison(Frameworks.all())
                .run(0, body, List.of("torch", "keras"));
        Element root = root(result);
        Elements rows = root.select("tr.shapes-row");
        assertEquals(2, rows.size());
        assertEquals(result.statements().stream().map(StatementResult::profile).toList(),
                rows.stream().map(r -> r.selectFirst(".shapes-profile").text()).toList());
        Element torch = rows.get(0).nextElementSibling();
        assertEquals(result.statements().get(0).source(), torch.selectFirst(".shapes-blame").text());
        assertEquals("Expected input batch_size (32) to match target batch_size (16).",
                torch.selectFirst(".shapes-message").text());
        assertEquals(1, torch.select("svg.shapes-drawing").size());
        assertTrue(root(run("use torch\nx: f32[2]\n")).select(".shapes-profile").isEmpty(), "one framework, no badge");
    }

    @Test
    void severalCellsShareOneTableWithAHeadingEach() {
        Interpreter interpreter = new Interpreter(new Session(Frameworks.all()));
        CellResult first = interpreter.run("use torch\nx: f32[2]\n");
        CellResult second = interpreter.run("y = x * 2\n");
        Element root = parse(HtmlRenderer.render(List.of(first, second)));
        assertEquals(1, root.select("table.shapes-table").size());
        Elements cells = root.select("tbody.shapes-cell");
        assertEquals(2, cells.size());
        assertEquals(List.of("cell 1", "cell 2"), root.select("tr.shapes-cell-heading").eachText());
        assertEquals(1, cells.get(1).select("tr.shapes-row").size());
    }

    @Test
    void sectionsAreAddedUnderTheStatementsTheyHaveSomethingToSayAbout() {
        CellResult result = run("""
                use torch
                logits: f32[32, 10]
                labels: i64[16]
                loss = F.cross_entropy(logits, labels)
                """);
        StatementSection diagnosis = StatementSection.of("diagnosis", (statement, out) -> {
            if (!statement.ok()) {
                out.open("p", "class", "shapes-fix").text("help: pass <labels[:32]>").close();
            }
        });
        Element root = parse(HtmlRenderer.render(result, List.of(diagnosis)));
        Elements sections = root.select("div.shapes-section");
        assertEquals(1, sections.size());
        Element section = sections.get(0);
        assertEquals("diagnosis", section.attr("data-section"));
        assertTrue(section.hasClass("shapes-section-diagnosis"));
        assertEquals("help: pass <labels[:32]>", section.selectFirst("p.shapes-fix").text());
        assertEquals(details(root, 4).selectFirst(".shapes-details-body"), section.parent());
        assertTrue(section.previousElementSibling().hasClass("shapes-diagnostic"), "after the error");
    }

    @Test
    void aBrokenSectionCostsOnlyItself() {
        CellResult result = run("use torch\nx: f32[2]\n");
        StatementSection broken = StatementSection.of("diagnosis", (statement, out) -> {
            out.open("div");
            throw new IllegalStateException("bug");
        });
        Element root = parse(HtmlRenderer.render(result, List.of(broken)));
        assertEquals(2, root.select("tr.shapes-row").size());
        assertEquals(2, root.select(".shapes-section-failed").size());
    }

    @Test
    void theWriterRefusesScriptsHandlersAndUrls() {
        HtmlWriter out = new HtmlWriter();
        assertThrows(IllegalArgumentException.class, () -> out.open("script"));
        assertThrows(IllegalArgumentException.class, () -> out.open("SCRIPT"));
        assertThrows(IllegalArgumentException.class, () -> out.open("a", "href", "https://example.org"));
        assertThrows(IllegalArgumentException.class, () -> out.open("div", "onclick", "x()"));
        assertThrows(IllegalArgumentException.class, () -> out.open("div", "style", "color: red"));
        assertThrows(IllegalArgumentException.class, () -> out.open("div", "class"));
        assertThrows(IllegalArgumentException.class, () -> out.open("div onclick=x()"));
        assertThrows(IllegalArgumentException.class, () -> out.open("svg:foreignObject"));
        assertThrows(IllegalArgumentException.class, () -> StatementSection.of("<b>", (s, w) -> { }));
        assertEquals("<p title=\"&#34;>&lt;x\">&lt;/p&gt;&amp;</p>",
                new HtmlWriter().element("p", "</p>&", "title", "\"><x").toString());
        assertThrows(IllegalStateException.class, () -> new HtmlWriter().open("div").toString());
        assertFalse(new HtmlWriter().element("p", "x").toString().isEmpty());
    }
}
