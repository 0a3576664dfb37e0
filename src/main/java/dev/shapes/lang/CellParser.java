package dev.shapes.lang;

import dev.shapes.lang.antlr.ShapesLexer;
import dev.shapes.lang.antlr.ShapesParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Cell text to syntax tree: splits the cell into logical lines, parses each on
 * its own (so one bad line does not hide the others) and assembles indented
 * {@code for} bodies.
 */
public final class CellParser {

    /** Nesting beyond this is refused with a syntax error rather than risking the stack. */
    public static final int MAX_NESTING = 200;

    private CellParser() {}

    public static List<Stmt> parse(String text) {
        List<StatementSplitter.LogicalLine> lines = StatementSplitter.split(text);
        Map<Integer, Integer> lineIndent = physicalIndents(lines);
        List<Parsed> parsed = new ArrayList<>(lines.size());
        SyntaxTreeBuilder builder = new SyntaxTreeBuilder(text);
        for (StatementSplitter.LogicalLine line : lines) {
            int indent = lineIndent.get(line.first().getLine());
            parsed.add(new Parsed(parseLine(line, builder, text), indent, line.first().getLine()));
        }
        List<Stmt> out = new ArrayList<>();
        int[] cursor = {0};
        while (cursor[0] < parsed.size()) {
            out.add(assemble(parsed, cursor, text));
        }
        return List.copyOf(out);
    }

    private record Parsed(Stmt stmt, int indent, int line) {}

    /** Attaches the indented lines after a {@code for ...:} header as its body. */
    private static Stmt assemble(List<Parsed> parsed, int[] cursor, String text) {
        Parsed head = parsed.get(cursor[0]++);
        if (!(head.stmt() instanceof Stmt.For header)) {
            return head.stmt();
        }
        List<Stmt> body = new ArrayList<>(header.body());
        Span span = header.span();
        while (cursor[0] < parsed.size()) {
            Parsed next = parsed.get(cursor[0]);
            boolean sameLine = next.line() == head.line();
            if (!sameLine && next.indent() <= head.indent()) {
                break;
            }
            Stmt inner = assemble(parsed, cursor, text);
            body.add(inner);
            span = span.to(inner.span());
        }
        if (body.isEmpty()) {
            Span at = new Span(header.span().endLine(), header.span().endColumn(),
                    header.span().endLine(), header.span().endColumn() + 1);
            return new Stmt.Invalid(SyntaxProblem.syntax(
                    "expected an indented block after 'for' statement on line " + header.span().line(), at),
                    header.span(), header.source());
        }
        return new Stmt.For(header.target(), header.iterable(), List.copyOf(body), span, header.source());
    }

    private static Map<Integer, Integer> physicalIndents(List<StatementSplitter.LogicalLine> lines) {
        Map<Integer, Integer> indent = new HashMap<>();
        for (StatementSplitter.LogicalLine line : lines) {
            indent.putIfAbsent(line.first().getLine(), line.first().getCharPositionInLine());
        }
        return indent;
    }

    private static Stmt parseLine(StatementSplitter.LogicalLine line, SyntaxTreeBuilder builder, String text) {
        Span span = builder.spanOf(line.first(), line.last());
        String source = builder.text(line.first().getStartIndex(), line.last().getStopIndex() + 1);
        if (line.unclosed() != null) {
            return new Stmt.Invalid(line.unclosed(), span, source);
        }
        SyntaxProblem lexical = lexicalProblem(line.tokens(), builder);
        if (lexical != null) {
            return new Stmt.Invalid(lexical, span, source);
        }
        int depth = 0;
        int maxDepth = 0;
        for (Token t : line.tokens()) {
            if (Brackets.opens(t)) {
                maxDepth = Math.max(maxDepth, ++depth);
            } else if (Brackets.closes(t)) {
                depth--;
            }
        }
        if (maxDepth > MAX_NESTING) {
            return new Stmt.Invalid(SyntaxProblem.syntax(
                    "too many nested parentheses (more than " + MAX_NESTING + ")", span), span, source);
        }
        FirstError errors = new FirstError(builder);
        ShapesParser parser = new ShapesParser(new CommonTokenStream(new ListTokenSource(line.tokens())));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        ShapesParser.StatementLineContext tree;
        try {
            tree = parser.statementLine();
        } catch (ParseCancellationException | StackOverflowError e) {
            return new Stmt.Invalid(SyntaxProblem.syntax("expression too complex to parse", span), span, source);
        }
        if (errors.problem != null) {
            return new Stmt.Invalid(errors.problem, span, source);
        }
        try {
            return builder.statement(tree.simpleStatement());
        } catch (SyntaxTreeBuilder.SyntaxFailure failure) {
            return new Stmt.Invalid(failure.problem, span, source);
        } catch (StackOverflowError e) {
            return new Stmt.Invalid(SyntaxProblem.syntax("expression too complex to parse", span), span, source);
        }
    }

    /** Characters the lexer could not make sense of, reported the way Python does. */
    private static SyntaxProblem lexicalProblem(List<Token> tokens, SyntaxTreeBuilder builder) {
        for (Token t : tokens) {
            if (t.getType() == ShapesLexer.UNTERMINATED_STRING) {
                return SyntaxProblem.syntax("unterminated string literal (detected at line " + t.getLine() + ")",
                        builder.span(t));
            }
            if (t.getType() == ShapesLexer.UNKNOWN_CHAR) {
                int cp = t.getText().codePointAt(0);
                String message = cp == '$' || cp == '?' || cp == '`' || cp == '!'
                        ? "invalid syntax: unexpected '" + t.getText() + "'"
                        : String.format("invalid character '%s' (U+%04X)", t.getText(), cp);
                return SyntaxProblem.syntax(message, builder.span(t));
            }
        }
        return null;
    }

    /** Keeps the first syntax error and words it for a Python user. */
    private static final class FirstError extends BaseErrorListener {
        private final SyntaxTreeBuilder builder;
        SyntaxProblem problem;

        FirstError(SyntaxTreeBuilder builder) {
            this.builder = builder;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String msg, RecognitionException e) {
            if (problem != null) {
                return;
            }
            Token token = (Token) offendingSymbol;
            IntervalSet expected = null;
            if (recognizer instanceof ShapesParser parser) {
                try {
                    expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
                } catch (RuntimeException ignored) {
                    expected = null;
                }
            }
            Span where = token.getType() == Token.EOF
                    ? new Span(line, column, line, column + 1)
                    : builder.span(token);
            problem = SyntaxProblem.syntax(describe(token, expected), where);
        }

        private static String describe(Token token, IntervalSet expected) {
            String found = token.getType() == Token.EOF ? "end of line" : "'" + token.getText() + "'";
            String wanted = expectation(expected);
            if (token.getType() == Token.EOF) {
                return "invalid syntax: the statement ends too early" + (wanted.isEmpty() ? "" : "; expected " + wanted);
            }
            if (token.getText().equals("=") && wanted.isEmpty()) {
                return "invalid syntax: unexpected '='. Maybe you meant '==' or ':=' instead of '='?";
            }
            return "invalid syntax: unexpected " + found + (wanted.isEmpty() ? "" : "; expected " + wanted);
        }

        private static String expectation(IntervalSet expected) {
            if (expected == null || expected.isNil()) {
                return "";
            }
            boolean expression = expected.contains(ShapesLexer.NAME) && expected.contains(ShapesLexer.INT);
            List<String> words = new ArrayList<>();
            if (expression) {
                words.add("an expression");
            } else if (expected.contains(ShapesLexer.NAME)) {
                words.add("a name");
            }
            for (int type : expected.toArray()) {
                String literal = ShapesParser.VOCABULARY.getLiteralName(type);
                if (literal == null || expression && isExpressionStart(literal)) {
                    continue;
                }
                words.add(literal);
            }
            if (words.isEmpty() || words.size() > 6) {
                return "";
            }
            if (words.size() == 1) {
                return words.get(0);
            }
            return "one of " + String.join(", ", words);
        }

        private static boolean isExpressionStart(String literal) {
            return List.of("'('", "'['", "'{'", "'-'", "'+'", "'~'", "'not'", "'None'", "'True'", "'False'", "'...'")
                    .contains(literal);
        }
    }
}
