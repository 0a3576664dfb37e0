package dev.shapes.render;

import dev.shapes.eval.FrameworkException.Operand;
import dev.shapes.tensor.Dim;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SVG drawing of a failing call's operands: one row per tensor, one box
 * per axis labelled with its size, the axes at fault highlighted and the
 * pairs that should have matched joined by a dashed line. Boxes sit on a
 * shared grid (by axis index, or by distance from the end when the operands
 * were broadcast) so corresponding axes line up. A box's width grows with the
 * logarithm of its size up to a cap, so 50257 is wider than 1 but never
 * blows up the drawing; symbolic sizes are italic, unknown ones dashed.
 *
 * <p>Colours come from CSS classes ({@code shapes.css}); the presentation
 * attributes are only a fallback (currentColor) for hosts that drop the style.
 */
public final class ShapeDrawing {

    static final int FONT_SIZE = 12;
    /** Advance of one character of a 12px monospace font (0.6 em). */
    static final double CHAR_WIDTH = 7.3;
    static final int PAD = 8;
    static final int HEADER = 16;
    static final int BOX_HEIGHT = 28;
    static final int ROW_GAP = 22;
    static final int COLUMN_GAP = 6;
    static final int MIN_BOX = 24;
    static final int MAX_BOX = 72;
    static final int MAX_LABEL = 22;
    static final int MAX_DIM_TEXT = 12;
    static final String ERROR_FALLBACK = "#e53935";

    private ShapeDrawing() {}

    /** Draws every operand (and highlights their axes at fault) without a comparison. */
    public static void draw(List<Operand> operands, HtmlWriter out) {
        AxisComparison.of(operands, "").ifPresent(c -> draw(c, out));
    }

    static void draw(AxisComparison comparison, HtmlWriter out) {
        List<Operand> operands = comparison.operands();
        boolean fromEnd = comparison.alignsFromEnd();
        int columns = operands.stream().mapToInt(o -> o.shape().rank()).max().orElse(0);
        double[] columnWidth = new double[columns];
        for (Operand operand : operands) {
            for (int axis = 0; axis < operand.shape().rank(); axis++) {
                int column = column(operand, axis, columns, fromEnd);
                columnWidth[column] = Math.max(columnWidth[column], boxWidth(operand.shape().dim(axis)));
            }
        }
        double[] columnX = new double[columns];
        double gutter = 0;
        for (Operand operand : operands) {
            gutter = Math.max(gutter, textWidth(caption(operand)));
        }
        gutter = PAD + Math.max(gutter, textWidth("axis")) + 12;
        double x = gutter;
        for (int c = 0; c < columns; c++) {
            columnX[c] = x;
            x += columnWidth[c] + COLUMN_GAP;
        }
        boolean anyScalar = operands.stream().anyMatch(o -> o.shape().rank() == 0);
        double width = Math.ceil(Math.max(x - COLUMN_GAP, gutter + (anyScalar ? textWidth("scalar") : 0)) + PAD);
        double height = PAD + HEADER + operands.size() * BOX_HEIGHT + (operands.size() - 1) * ROW_GAP + PAD;

        int depth = out.depth();
        out.open("svg", "class", "shapes-drawing", "xmlns", "http://www.w3.org/2000/svg",
                "width", number(width), "height", number(height),
                "viewBox", "0 0 " + number(width) + " " + number(height),
                "role", "img", "aria-label", summary(comparison),
                "font-family", "monospace", "font-size", Integer.toString(FONT_SIZE));
        out.element("title", summary(comparison));

        // axis indices along the top: 0, 1, ... or -n, ..., -1 when aligned from the end
        out.open("g", "class", "shapes-drawing-axes");
        out.element("text", "axis", "x", number(PAD), "y", number(PAD + HEADER / 2.0),
                "dominant-baseline", "central", "fill", "currentColor");
        for (int c = 0; c < columns; c++) {
            String index = fromEnd ? Integer.toString(c - columns) : Integer.toString(c);
            out.element("text", index, "x", number(columnX[c] + columnWidth[c] / 2), "y", number(PAD + HEADER / 2.0),
                    "text-anchor", "middle", "dominant-baseline", "central", "fill", "currentColor");
        }
        out.close();

        for (int row = 0; row < operands.size(); row++) {
            Operand operand = operands.get(row);
            double top = rowTop(row);
            double middle = top + BOX_HEIGHT / 2.0;
            out.open("g", "class", "shapes-operand" + (row == comparison.found() ? " shapes-operand-found" : ""));
            out.open("text", "class", "shapes-operand-caption", "x", number(PAD), "y", number(middle),
                    "dominant-baseline", "central", "fill", "currentColor");
            out.element("tspan", operand.role(), "class", "shapes-operand-role");
            String label = shortLabel(operand.label());
            if (!label.isEmpty()) {
                out.text(" ");
                out.element("tspan", label, "class", "shapes-operand-label");
            }
            if (!operand.label().equals(label)) {
                out.element("title", operand.label());
            }
            out.close();
            if (operand.shape().rank() == 0) {
                out.element("text", "scalar", "class", "shapes-operand-scalar", "x", number(gutter),
                        "y", number(middle), "dominant-baseline", "central", "fill", "currentColor");
            }
            List<Integer> bad = AxisComparison.validAxes(operand);
            for (int axis = 0; axis < operand.shape().rank(); axis++) {
                Dim dim = operand.shape().dim(axis);
                int column = column(operand, axis, columns, fromEnd);
                double w = boxWidth(dim);
                double left = columnX[column] + (columnWidth[column] - w) / 2;
                boolean isBad = bad.contains(axis);
                String kind = dim instanceof Dim.Known ? "known" : dim instanceof Dim.Symbolic ? "symbolic" : "unknown";
                out.open("g", "class", "shapes-axis shapes-axis-" + kind + (isBad ? " shapes-axis-bad" : ""),
                        "data-axis", Integer.toString(axis));
                out.element("title", describe(operand) + ", axis " + axis + ": " + dim);
                out.empty("rect", "x", number(left), "y", number(top), "width", number(w),
                        "height", Integer.toString(BOX_HEIGHT), "rx", "3", "fill", "none",
                        "stroke", isBad ? ERROR_FALLBACK : "currentColor", "stroke-width", isBad ? "2" : "1");
                out.element("text", dimText(dim), "x", number(left + w / 2), "y", number(middle),
                        "text-anchor", "middle", "dominant-baseline", "central",
                        "fill", isBad ? ERROR_FALLBACK : "currentColor");
                out.close();
            }
            out.close();
        }

        for (AxisComparison.Pair pair : comparison.pairs()) {
            int upper = Math.min(comparison.reference(), comparison.found());
            int lower = Math.max(comparison.reference(), comparison.found());
            int upperAxis = upper == comparison.reference() ? pair.referenceAxis() : pair.foundAxis();
            int lowerAxis = upper == comparison.reference() ? pair.foundAxis() : pair.referenceAxis();
            Operand upperOperand = operands.get(upper);
            Operand lowerOperand = operands.get(lower);
            int upperColumn = column(upperOperand, upperAxis, columns, fromEnd);
            int lowerColumn = column(lowerOperand, lowerAxis, columns, fromEnd);
            double x1 = columnX[upperColumn] + columnWidth[upperColumn] / 2;
            double x2 = columnX[lowerColumn] + columnWidth[lowerColumn] / 2;
            double y1 = rowTop(upper) + BOX_HEIGHT;
            double y2 = rowTop(lower);
            out.open("g", "class", "shapes-connector");
            out.element("title", describe(upperOperand) + " axis " + upperAxis + " (" + upperOperand.shape().dim(upperAxis)
                    + ") ≠ " + describe(lowerOperand) + " axis " + lowerAxis + " ("
                    + lowerOperand.shape().dim(lowerAxis) + ")");
            out.empty("line", "x1", number(x1), "y1", number(y1 + 1), "x2", number(x2), "y2", number(y2 - 1),
                    "stroke", ERROR_FALLBACK, "stroke-dasharray", "3 3");
            out.element("text", "≠", "x", number((x1 + x2) / 2 + 7), "y", number((y1 + y2) / 2),
                    "dominant-baseline", "central", "fill", ERROR_FALLBACK);
            out.close();
        }
        out.closeTo(depth);
    }

    private static double rowTop(int row) {
        return PAD + HEADER + row * (BOX_HEIGHT + ROW_GAP);
    }

    private static int column(Operand operand, int axis, int columns, boolean fromEnd) {
        return fromEnd ? columns - operand.shape().rank() + axis : axis;
    }

    /** Wide enough for its text; known sizes grow with log2 of the size up to {@link #MAX_BOX}. */
    static double boxWidth(Dim dim) {
        double forText = textWidth(dimText(dim)) + 12;
        double hint = MIN_BOX;
        if (dim instanceof Dim.Known k && k.size() > 1) {
            hint = Math.min(MAX_BOX, MIN_BOX + 5 * (Math.log(k.size()) / Math.log(2)));
        }
        return Math.max(MIN_BOX, Math.max(forText, hint));
    }

    static String dimText(Dim dim) {
        if (dim instanceof Dim.Unknown) {
            return "None";
        }
        return truncate(dim.toString(), MAX_DIM_TEXT);
    }

    private static String caption(Operand operand) {
        String label = shortLabel(operand.label());
        return label.isEmpty() ? operand.role() : operand.role() + " " + label;
    }

    private static String shortLabel(String label) {
        return truncate(label.strip().replaceAll("\\s+", " "), MAX_LABEL);
    }

    private static String describe(Operand operand) {
        return operand.label().isEmpty() ? operand.role() : operand.role() + " " + operand.label();
    }

    /** What the drawing shows, for screen readers and the tooltip. */
    static String summary(AxisComparison comparison) {
        List<String> parts = new ArrayList<>();
        for (Operand operand : comparison.operands()) {
            parts.add(describe(operand) + " " + operand.shape());
        }
        return String.join("; ", parts);
    }

    static double textWidth(String text) {
        return text.codePointCount(0, text.length()) * CHAR_WIDTH;
    }

    private static String truncate(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints - 1)) + "…";
    }

    private static String number(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
