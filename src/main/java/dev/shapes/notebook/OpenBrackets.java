package dev.shapes.notebook;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What is still open at the end of a piece of notation: brackets, a string,
 * a backslash continuation. A lexical scan that skips strings and comments,
 * so it works on half-typed text that the parser would reject.
 */
public record OpenBrackets(String brackets, boolean inString, boolean tripleQuoted, boolean continuation,
                           boolean unbalanced) {

    /** Nothing is open: the text ends at a statement boundary. */
    public boolean closed() {
        return brackets.isEmpty() && !inString && !continuation;
    }

    public static OpenBrackets scan(String text) {
        Deque<Character> open = new ArrayDeque<>();
        boolean unbalanced = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                boolean triple = i + 2 < n && text.charAt(i + 1) == c && text.charAt(i + 2) == c;
                int end = stringEnd(text, i, c, triple);
                if (end < 0) {
                    return new OpenBrackets(brackets(open), true, triple, false, unbalanced);
                }
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                open.push(c);
            } else if (c == ')' || c == ']' || c == '}') {
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (open.isEmpty() || open.peek() != expected) {
                    unbalanced = true;
                } else {
                    open.pop();
                }
            } else if (c == '\\' && i + 1 == n) {
                return new OpenBrackets(brackets(open), false, false, true, unbalanced);
            } else if (c == '\\' && text.charAt(i + 1) == '\n' && i + 2 == n) {
                return new OpenBrackets(brackets(open), false, false, true, unbalanced);
            }
            i++;
        }
        return new OpenBrackets(brackets(open), false, false, false, unbalanced);
    }

    /** The index after the closing quote, or -1 when the string is still open at the end of the text. */
    private static int stringEnd(String text, int start, char quote, boolean triple) {
        int i = start + (triple ? 3 : 1);
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (!triple && c == '\n') {
                return i; // an unterminated one-line string ends at its line, as the tokenizer sees it
            }
            if (c == quote && (!triple || (i + 2 < n && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote))) {
                return i + (triple ? 3 : 1);
            }
            i++;
        }
        return -1;
    }

    private static String brackets(Deque<Character> open) {
        StringBuilder out = new StringBuilder();
        open.descendingIterator().forEachRemaining(out::append);
        return out.toString();
    }
}
