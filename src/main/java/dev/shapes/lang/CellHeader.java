package dev.shapes.lang;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional first line of a notebook cell, {@code %%shapes torch keras}:
 * the magic's name and its arguments. The body keeps the header's line as an
 * empty line so positions still count from the top of the cell.
 */
public record CellHeader(String magic, List<String> arguments, String body) {

    private static final Pattern CELL_MAGIC = Pattern.compile("\\A[ \\t]*%%([A-Za-z_][\\w-]*)([^\\n]*)(\\n|\\z)");

    /** The header, if the cell starts with a {@code %%magic} line. */
    public static Optional<CellHeader> of(String cell) {
        Matcher m = CELL_MAGIC.matcher(cell);
        if (!m.find()) {
            return Optional.empty();
        }
        String args = m.group(2).strip();
        List<String> arguments = args.isEmpty() ? List.of() : List.of(args.split("[\\s,]+"));
        String body = m.group(3).isEmpty() ? "" : "\n" + cell.substring(m.end());
        return Optional.of(new CellHeader(m.group(1), arguments, body));
    }
}
