package dev.shapes.explain;

import dev.shapes.eval.Framework;
import dev.shapes.framework.Frameworks;
import dev.shapes.lang.CellHeader;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook cell's line magics, as the notebook runner treats them:
 * {@code %use torch} is a {@code use} statement where it stands, any other
 * {@code %magic} line is not a statement. The explanation layer re-runs cells
 * with the interpreter alone, so it reads them with the magics replaced the
 * same way (lines and columns unchanged), and gives fixed cells their magic
 * lines back.
 */
final class CellMagics {

    private static final Pattern MAGIC_LINE = Pattern.compile("^([ \\t]*)%([A-Za-z_]\\w*)?(.*)$");

    private CellMagics() {}

    /** The cell with {@code %use X} as {@code  use X} and other line magics blanked. */
    static String runnable(String cell) {
        String[] lines = cell.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MAGIC_LINE.matcher(lines[i]);
            if (m.matches() && !lines[i].stripLeading().startsWith("%%")) {
                boolean use = "use".equals(m.group(2)) && !m.group(3).isBlank();
                lines[i] = use ? m.group(1) + " use" + m.group(3) : "";
            }
        }
        return String.join("\n", lines);
    }

    /** A fixed runnable cell with the original's magic lines put back where the fix left them alone. */
    static String restore(String original, String runnable, String fixed) {
        String[] originalLines = original.replace("\r\n", "\n").split("\n", -1);
        String[] runnableLines = runnable.split("\n", -1);
        String[] fixedLines = fixed.split("\n", -1);
        if (fixedLines.length != originalLines.length) {
            return fixed;
        }
        for (int i = 0; i < fixedLines.length; i++) {
            if (!originalLines[i].equals(runnableLines[i]) && fixedLines[i].equals(runnableLines[i])) {
                fixedLines[i] = originalLines[i];
            }
        }
        return String.join("\n", fixedLines);
    }

    /** A {@code %%shapes torch keras} cell: a side-by-side comparison, whose verdict table is its explanation. */
    static boolean isComparison(String cell) {
        return CellHeader.of(cell).filter(h -> h.magic().equals("shapes")).map(h -> frameworks(h.arguments()) > 1)
                .orElse(false);
    }

    private static long frameworks(List<String> arguments) {
        List<Framework> known = Frameworks.all();
        return arguments.stream().map(a -> a.toLowerCase(Locale.ROOT))
                .filter(a -> known.stream().anyMatch(f -> f.id().equals(a) || f.aliases().contains(a))).count();
    }
}
