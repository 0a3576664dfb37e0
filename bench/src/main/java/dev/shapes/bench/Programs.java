package dev.shapes.bench;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.StatementResult;
import dev.shapes.render.HtmlRenderer;
import dev.shapes.render.JsonRenderer;
import dev.shapes.render.TextRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The programs the benchmarks run, and what a notebook front end does with a cell's result. */
final class Programs {

    private Programs() {}

    /** The line of the cell that fails on purpose (the classic cross_entropy target mistake). */
    static final String FAILING_LINE_MARK = "# the classic mistake";

    /**
     * The realistic 20-statement cell, or its 19 statements that succeed; bench/python/meta_cell.py
     * is the same program for PyTorch's meta device.
     */
    static String cell(boolean withError) {
        String cell = resource("cell.shapes");
        if (withError) {
            return cell;
        }
        StringBuilder out = new StringBuilder();
        cell.lines().filter(line -> !line.contains(FAILING_LINE_MARK)).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    static String resource(String name) {
        try (InputStream in = Programs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The three mime types the kernel sends for a cell: text/plain, text/html and application/json. */
    static int renderAll(CellResult result) {
        String text = TextRenderer.render(result);
        String html = HtmlRenderer.render(result);
        String json = JsonRenderer.toJson(JsonRenderer.cell(result));
        return text.length() + html.length() + json.length();
    }

    /** Runs a cell and fails loudly when a statement that should succeed did not (a benchmark of errors proves nothing). */
    static CellResult runChecked(Interpreter interpreter, String cell, int expectedFailures) {
        CellResult result = interpreter.run(cell);
        long failed = result.statements().stream().filter(s -> !(s.outcome() instanceof StatementResult.Ok)).count();
        if (failed != expectedFailures) {
            throw new IllegalStateException(failed + " statements did not succeed (expected " + expectedFailures
                    + "):\n" + TextRenderer.render(result));
        }
        return result;
    }
}
