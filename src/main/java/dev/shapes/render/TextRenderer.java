package dev.shapes.render;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Note;
import dev.shapes.eval.Python;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * The compact text view: one line per statement with its mark (✓ ok, ✗ error,
 * ⚠ ok with warnings or notes, · skipped), its result type and small values,
 * then indented lines for errors, warnings and notes.
 */
public final class TextRenderer {

    /** Values with at most this many elements are printed in full. */
    public static final int SMALL = 12;

    private TextRenderer() {}

    public static String render(List<CellResult> cells) {
        StringBuilder out = new StringBuilder();
        for (CellResult cell : cells) {
            if (cells.size() > 1) {
                out.append("── cell ").append(cell.index() + 1).append(" ──\n");
            }
            out.append(render(cell));
        }
        return out.toString();
    }

    public static String render(CellResult cell) {
        StringBuilder out = new StringBuilder();
        boolean mixed = cell.statements().stream().map(StatementResult::profile).distinct().count() > 1;
        int width = 0;
        for (StatementResult s : cell.statements()) {
            width = Math.max(width, label(s, mixed).length());
        }
        width = Math.min(width, 60);
        for (StatementResult s : cell.statements()) {
            statement(out, s, width, mixed);
        }
        return out.toString();
    }

    /** The statement as shown: its first line, prefixed by its framework when a cell mixes frameworks. */
    private static String label(StatementResult s, boolean mixed) {
        return (mixed ? "[" + s.profile() + "] " : "") + truncate(firstLine(s.source()));
    }

    private static String truncate(String source) {
        return source.length() <= 60 ? source : source.substring(0, 57) + "...";
    }

    private static void statement(StringBuilder out, StatementResult s, int width, boolean mixed) {
        String mark;
        String result;
        if (s.outcome() instanceof StatementResult.Ok ok) {
            mark = s.warnings().isEmpty() && s.notes().stream().allMatch(n -> n.kind().equals("output")) ? "✓" : "⚠";
            result = describe(ok.value());
        } else if (s.outcome() instanceof StatementResult.Failed) {
            mark = "✗";
            result = "";
        } else {
            mark = "·";
            result = "skipped: " + ((StatementResult.Skipped) s.outcome()).reason();
        }
        String source = label(s, mixed);
        String line = Integer.toString(s.span().line());
        out.append(mark).append(' ').append("   ", Math.min(3, line.length()), 3).append(line).append("  ");
        out.append(source);
        if (!result.isEmpty()) {
            out.append(" ".repeat(Math.max(1, width - source.length() + 2))).append("→ ").append(result);
        }
        out.append('\n');
        String indent = "       ";
        s.failure().ifPresent(f -> {
            out.append(indent).append(f.type()).append(": ").append(f.message().replace("\n", "\n" + indent))
                    .append("  (").append(f.span().position()).append(")\n");
        });
        for (String w : s.warnings()) {
            out.append(indent).append("warning: ").append(w).append('\n');
        }
        for (Note n : s.notes()) {
            out.append(indent).append(n.kind().equals("output") ? "" : "note[" + n.kind() + "]: ")
                    .append(n.message().replace("\n", "\n" + indent)).append('\n');
        }
    }

    private static String firstLine(String source) {
        int nl = source.indexOf('\n');
        return nl < 0 ? source : source.substring(0, nl) + " …";
    }

    /** A result as text: {@code f32[32, 10]}, with the value when small. */
    public static String describe(Value value) {
        if (value instanceof Value.TensorValue t) {
            Tensor tensor = t.tensor();
            String type = tensor.typeString();
            if (tensor.hasValues() && tensor.shape().numel().orElse(Long.MAX_VALUE) <= SMALL) {
                return type + " = " + formatValues(tensor);
            }
            return type;
        }
        if (value instanceof Value.NoneValue) {
            return "";
        }
        return Python.repr(value);
    }

    /** Values the way the frameworks print them: floats with up to 4 decimals. */
    public static String formatValues(Tensor tensor) {
        return format(tensor.nested());
    }

    private static String format(Object o) {
        if (o instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(format(list.get(i)));
            }
            return out.append(']').toString();
        }
        if (o instanceof Double d) {
            if (d.isNaN()) {
                return "nan";
            }
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-inf";
            }
            String s = String.format(java.util.Locale.ROOT, "%.4f", d);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", ".") : s;
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(o);
    }
}
