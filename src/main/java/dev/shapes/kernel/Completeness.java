package dev.shapes.kernel;

import dev.shapes.notebook.OpenBrackets;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * {@code is_complete} for consoles: whether the typed text can run now.
 * Open brackets, an open triple-quoted string, a trailing backslash, a
 * {@code for ...:} header or an indented body not yet ended by a blank line,
 * and a {@code %%shapes} cell not yet ended by a blank line are incomplete;
 * a stray closing bracket or an unterminated one-line string is invalid.
 */
final class Completeness {

    private static final String INDENT = "    ";

    private Completeness() {}

    /** complete, invalid, or the indent for the next line when incomplete (BaseKernel's convention). */
    static String of(String code) {
        OpenBrackets open = OpenBrackets.scan(code);
        if (open.unbalanced() || (open.inString() && !open.tripleQuoted())) {
            return BaseKernel.IS_COMPLETE_BAD;
        }
        if (open.inString()) {
            return "";
        }
        String lastLine = lastNonBlankLine(code);
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        if (!open.brackets().isEmpty() || open.continuation()) {
            return indent + INDENT;
        }
        String trailing = code.substring(code.stripTrailing().length());
        boolean endsWithBlankLine = trailing.chars().filter(c -> c == '\n').count() >= 2;
        if (stripComment(lastLine).stripTrailing().endsWith(":")) {
            return indent + INDENT;
        }
        if (!indent.isEmpty() && !endsWithBlankLine) {
            return indent;
        }
        if (code.stripLeading().startsWith("%%") && !endsWithBlankLine) {
            return "";
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    private static String lastNonBlankLine(String code) {
        String[] lines = code.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return "";
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
