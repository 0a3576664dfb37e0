package dev.shapes.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Note;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.framework.Frameworks;
import dev.shapes.lang.Span;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 6, hostile strings: HTML and SVG injection vectors
 * (hostile-strings.txt) put where users can put text (string arguments and
 * values, a keyword the framework quotes back, printed output, comments kept
 * in a statement's source, raw lines that fail to parse, a cell magic's
 * arguments) and into every text field of a result. The parsed HTML must hold
 * only the renderer's own elements and attributes: no script, no event
 * handler, no javascript: URL, nothing the input brought along.
 */
class HostileStringTest {

    /** Every element the renderer writes. */
    private static final Set<String> RENDERER_TAGS = Set.of("div", "style", "table", "thead", "tbody", "tr", "th",
            "td", "code", "span", "pre", "svg", "g", "title", "text", "tspan", "rect", "line");
    /** Every attribute the renderer writes (jsoup lower-cases names). */
    private static final Set<String> RENDERER_ATTRIBUTES = Set.of("class", "title", "aria-label", "colspan",
            "xmlns", "width", "height", "viewbox", "role", "font-family", "font-size", "x", "y", "x1", "y1", "x2",
            "y2", "rx", "fill", "stroke", "stroke-width", "stroke-dasharray", "text-anchor", "dominant-baseline");
    /** Attributes that browsers treat as URLs or scripts; the renderer writes none of them. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "xlink:href", "src", "srcset", "srcdoc",
            "action", "formaction", "data", "codebase", "background", "poster", "cite", "ping", "style", "lowsrc",
            "dynsrc", "longdesc", "usemap", "classid", "archive", "manifest", "icon", "to", "from", "values");
    private static final Pattern CODE_POINT = Pattern.compile("\\\\u\\{([0-9A-Fa-f]{1,6})}");

    private static final String STYLE = style(HtmlRenderer.render(new CellResult(0, List.of())));

    static List<String> vectors() {
        try (InputStream in = HostileStringTest.class.getResourceAsStream("/hostile-strings.txt")) {
            List<String> vectors = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isEmpty() || line.startsWith("## ")) {
                    continue;
                }
                Matcher m = CODE_POINT.matcher(line);
                StringBuilder decoded = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(decoded,
                            Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
                }
                m.appendTail(decoded);
                vectors.add(decoded.toString());
            }
            return vectors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vector as a Python string literal. */
    private static String literal(String vector) {
        return "\"" + vector.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A cell that puts the vector everywhere the notation lets text through. */
    private static String cell(String vector) {
        String q = literal(vector);
        return String.join("\n",
                "use torch",
                "logits: f32[32, 10]",
                "labels: i64[32]",
                "s = " + q,
                "print(" + q + ", s)",
                "l1 = F.cross_entropy(logits, " + q + ")",
                "l2 = F.cross_entropy(logits, labels, reduction=" + q + ")",
                "l3 = F.cross_entropy(logits, # " + vector,
                "    labels)",
                "z: f32[3]  # " + vector,
                vector,
                "x = " + vector,
                "y = l1 + 1",
                "");
    }

    @Test
    void theListIsLoadedWithItsEscapes() {
        List<String> vectors = vectors();
        assertTrue(vectors.size() >= 60, "found " + vectors.size());
        assertTrue(vectors.contains("<script>alert(1)</script>"));
        assertTrue(vectors.contains("\u202E<script>alert(1)</script>"));
        assertTrue(vectors.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), "literal \\u stays");
    }

    @TestFactory
    Stream<DynamicTest> vectorsInRealCellsStayText() {
        return vectors().stream().map(vector -> DynamicTest.dynamicTest(vector, () -> {
            Interpreter interpreter = new Interpreter(new Session(Frameworks.all()));
            CellResult body = interpreter.run(cell(vector));
            CellResult header = interpreter.run("%%shapes " + vector + "\nw: f32[2]\n");
            for (CellResult result : List.of(body, header)) {
                String html = HtmlRenderer.render(result);
                Element root = assertOnlyRendererMarkup(html);
                assertEquals(result.statements().size(), root.select("tr.shapes-row").size());
            }
            String html = HtmlRenderer.render(List.of(body, header));
            Element root = assertOnlyRendererMarkup(html);
            assertTrue(body.statements().stream().anyMatch(s -> !s.ok()), "the cell exercises error rendering");
            if (survivesEncoding(vector)) {
                assertTrue(root.wholeText().contains(vector), "the vector is shown as text: " + vector);
                Element valueRow = root.selectFirst("tr.shapes-row[data-line=4]");
                assertEquals("s = " + literal(vector), valueRow.selectFirst(".shapes-source code").wholeText());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> vectorsInEveryFieldOfAResultStayText() {
        return vectors().stream().map(vector -> DynamicTest.dynamicTest(vector, () -> {
            Span span = new Span(1, 0, 1, vector.length());
            Shape shape = Shape.of(Dim.of(4), Dim.symbol(vector), Dim.UNKNOWN);
            StatementResult failed = new StatementResult(span, vector, vector,
                    new StatementResult.Failed(new StatementResult.Failure(vector, vector, new Span(1, 2, 1, 5), false,
                            List.of(new FrameworkException.Operand(vector, vector, shape, List.of(1)),
                                    new FrameworkException.Operand(vector, vector, Shape.of(4, 5), List.of(1))))),
                    List.of(vector), List.of(new Note(vector, vector), new Note("output", vector)));
            StatementResult ok = new StatementResult(span, vector, vector,
                    new StatementResult.Ok(new Value.StrValue(vector.repeat(40))), List.of(vector), List.of());
            StatementResult tensor = new StatementResult(span, vector, vector,
                    new StatementResult.Ok(new Value.TensorValue(Tensor.shapeOnly(DType.F32, shape), "torch")),
                    List.of(), List.of());
            StatementResult skipped = new StatementResult(span, vector, vector,
                    new StatementResult.Skipped(vector, 1, vector), List.of(), List.of());
            CellResult cell = new CellResult(0, List.of(failed, ok, tensor, skipped));
            StatementSection echo = StatementSection.of("diagnosis", (s, out) -> out.element("p", vector,
                    "class", "shapes-fix", "title", vector, "data-x", vector));
            Element root = assertOnlyRendererMarkupAnd(HtmlRenderer.render(cell, List.of(echo)), Set.of("p"),
                    Set.of("data-x"));
            assertEquals(1, root.select("svg.shapes-drawing").size());
            if (survivesEncoding(vector)) {
                assertEquals(vector, root.selectFirst(".shapes-diagnostic .shapes-message").wholeText());
                assertEquals(vector, root.selectFirst(".shapes-warning .shapes-message").wholeText());
                assertEquals(vector, root.selectFirst("p.shapes-fix").wholeText());
            }
        }));
    }

    private static Element assertOnlyRendererMarkup(String html) {
        return assertOnlyRendererMarkupAnd(html, Set.of(), Set.of());
    }

    private static Element assertOnlyRendererMarkupAnd(String html, Set<String> moreTags, Set<String> moreAttributes) {
        Element body = Jsoup.parseBodyFragment(html).body();
        assertEquals(1, body.childrenSize(), "one root element");
        Element root = body.child(0);
        assertTrue(root.hasClass("shapes-result"));
        assertEquals(1, body.select("style").size(), "only the renderer's style element");
        assertEquals(STYLE, root.child(0).data(), "the style element holds only the renderer's CSS");
        assertTrue(body.select("script").isEmpty(), "no script element");
        for (Element element : body.getAllElements()) {
            if (element == body) {
                continue;
            }
            String tag = element.normalName();
            assertTrue(RENDERER_TAGS.contains(tag) || moreTags.contains(tag), "foreign element <" + tag + ">");
            for (Attribute attribute : element.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                assertFalse(name.startsWith("on"), "event handler " + name + " on <" + tag + ">");
                assertFalse(URL_ATTRIBUTES.contains(name), "URL attribute " + name + " on <" + tag + ">");
                assertTrue(RENDERER_ATTRIBUTES.contains(name) || name.startsWith("data-")
                        || moreAttributes.contains(name), "foreign attribute " + name + " on <" + tag + ">");
            }
        }
        return root;
    }

    /** What the renderer's own style element holds. */
    private static String style(String html) {
        return Jsoup.parseBodyFragment(html).selectFirst("style").data();
    }

    /**
     * Whether the encoder keeps the vector as it is: it replaces control
     * characters, lone surrogates and non-characters that HTML does not allow.
     */
    private static boolean survivesEncoding(String vector) {
        return vector.codePoints().noneMatch(c -> c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F
                || c >= 0xD800 && c <= 0xDFFF || c == 0xFFFE || c == 0xFFFF || c == 0x2028 || c == 0x2029);
    }
}
