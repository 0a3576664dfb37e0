package dev.shapes.lang;

import dev.shapes.lang.antlr.ShapesLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Cuts a cell's tokens into logical lines, the way Python does: a newline or
 * ';' outside brackets ends a statement, newlines inside brackets are joined.
 * A bracket that is never closed ends its statement at the end of its own line
 * so the statements after it still run.
 */
final class StatementSplitter {

    /** One statement's tokens; {@code indent} is the column of its first token. */
    record LogicalLine(List<Token> tokens, int indent, SyntaxProblem unclosed) {
        Token first() {
            return tokens.get(0);
        }

        Token last() {
            return tokens.get(tokens.size() - 1);
        }
    }

    private StatementSplitter() {}

    static List<LogicalLine> split(String text) {
        ShapesLexer lexer = new ShapesLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> all = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            all.add(t);
        }
        List<LogicalLine> lines = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            i = nextLine(all, i, lines);
        }
        return lines;
    }

    /** Reads one logical line starting at {@code start}; returns the index after it. */
    private static int nextLine(List<Token> all, int start, List<LogicalLine> out) {
        List<Token> tokens = new ArrayList<>();
        Deque<Token> open = new ArrayDeque<>();
        int i = start;
        while (i < all.size()) {
            Token t = all.get(i);
            int type = t.getType();
            if (open.isEmpty() && (type == ShapesLexer.NEWLINE || type == ShapesLexer.SEMI)) {
                i++;
                break;
            }
            if (type == ShapesLexer.NEWLINE) {
                i++;
                continue;
            }
            if (Brackets.opens(t)) {
                open.push(t);
            } else if (Brackets.closes(t) && !open.isEmpty()) {
                open.pop();
            }
            tokens.add(t);
            i++;
        }
        if (!open.isEmpty()) {
            // Never closed: keep only this statement's first physical line and resume after it.
            Token bracket = open.getLast();
            int firstLine = tokens.isEmpty() ? bracket.getLine() : tokens.get(0).getLine();
            List<Token> ownLine = new ArrayList<>();
            int resume = start;
            while (resume < all.size() && all.get(resume).getLine() == firstLine) {
                Token t = all.get(resume);
                if (t.getType() != ShapesLexer.NEWLINE) {
                    ownLine.add(t);
                }
                resume++;
            }
            Span where = new Span(bracket.getLine(), bracket.getCharPositionInLine(),
                    bracket.getLine(), bracket.getCharPositionInLine() + 1);
            SyntaxProblem problem = SyntaxProblem.syntax("'" + bracket.getText() + "' was never closed", where);
            if (!ownLine.isEmpty()) {
                out.add(new LogicalLine(ownLine, ownLine.get(0).getCharPositionInLine(), problem));
            }
            return Math.max(resume, start + 1);
        }
        if (!tokens.isEmpty()) {
            out.add(new LogicalLine(tokens, tokens.get(0).getCharPositionInLine(), null));
        }
        return i;
    }
}
