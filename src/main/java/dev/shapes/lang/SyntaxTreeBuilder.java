package dev.shapes.lang;

import dev.shapes.lang.antlr.ShapesBaseVisitor;
import dev.shapes.lang.antlr.ShapesParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns one ANTLR parse tree into our immutable syntax tree. Checks the
 * grammar cannot state (assignment targets, literal sizes) raise
 * {@link SyntaxFailure} with Python's wording.
 */
final class SyntaxTreeBuilder extends ShapesBaseVisitor<Object> {

    /** A construct that parsed but is not valid Python, e.g. assigning to a call. */
    static final class SyntaxFailure extends RuntimeException {
        final SyntaxProblem problem;

        SyntaxFailure(SyntaxProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private final String text;
    /** Where each line starts, counted in code points like the lexer's token indices. */
    private final int[] lineStarts;
    /**
     * The UTF-16 index of each code point index (token indices count code
     * points, String indices count chars); null when the two agree because
     * the text has no characters outside the BMP.
     */
    private final int[] charIndex;

    SyntaxTreeBuilder(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
        this.charIndex = charIndexes(text);
    }

    /** The text between two token indices (code points), {@code end} exclusive. */
    String text(int start, int end) {
        return text.substring(charIndex(start), charIndex(Math.max(start, end)));
    }

    private int charIndex(int codePointIndex) {
        return charIndex == null ? codePointIndex : charIndex[codePointIndex];
    }

    private static int[] charIndexes(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            return null;
        }
        int[] index = new int[codePoints + 1];
        int at = 0;
        for (int i = 0; i < codePoints; i++) {
            index[i] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        index[codePoints] = at;
        return index;
    }

    Stmt statement(ShapesParser.SimpleStatementContext ctx) {
        return (Stmt) visit(ctx);
    }

    Expr expr(ShapesParser.ExprContext ctx) {
        return (Expr) visit(ctx);
    }

    // ------------------------------------------------------------ statements

    @Override
    public Stmt visitUseStatement(ShapesParser.UseStatementContext ctx) {
        List<String> options = new ArrayList<>();
        for (ShapesParser.UseOptionContext option : ctx.useOption()) {
            options.add(option.getText());
        }
        return new Stmt.Use(ctx.framework.getText(), List.copyOf(options), span(ctx), source(ctx));
    }

    @Override
    public Stmt visitImportStatement(ShapesParser.ImportStatementContext ctx) {
        return new Stmt.Import(Optional.empty(), importNames(ctx.importAlias()), span(ctx), source(ctx));
    }

    @Override
    public Stmt visitFromImportStatement(ShapesParser.FromImportStatementContext ctx) {
        return new Stmt.Import(Optional.of(ctx.dottedName().getText()), importNames(ctx.importAlias()),
                span(ctx), source(ctx));
    }

    private static List<Stmt.ImportName> importNames(List<ShapesParser.ImportAliasContext> aliases) {
        List<Stmt.ImportName> names = new ArrayList<>();
        for (ShapesParser.ImportAliasContext alias : aliases) {
            names.add(new Stmt.ImportName(alias.dottedName().getText(),
                    Optional.ofNullable(alias.alias).map(Token::getText)));
        }
        return List.copyOf(names);
    }

    @Override
    public Stmt visitDeclaration(ShapesParser.DeclarationContext ctx) {
        Optional<List<Expr>> dims = Optional.empty();
        if (hasBracket(ctx)) {
            List<Expr> list = new ArrayList<>();
            if (ctx.dimList() != null) {
                for (ShapesParser.ExprContext e : ctx.dimList().expr()) {
                    list.add(expr(e));
                }
            }
            dims = Optional.of(List.copyOf(list));
        }
        Optional<Expr> value = Optional.ofNullable(ctx.value).map(this::expr);
        return new Stmt.Declare(ctx.NAME(0).getText(), ctx.dtype.getText(), span(ctx.dtype),
                dims, value, span(ctx), source(ctx));
    }

    private static boolean hasBracket(ShapesParser.DeclarationContext ctx) {
        for (int i = 0; i < ctx.getChildCount(); i++) {
            if (ctx.getChild(i) instanceof TerminalNode t && t.getText().equals("[")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Stmt visitForStatement(ShapesParser.ForStatementContext ctx) {
        Expr target = targets(ctx.targetList());
        List<Stmt> body = ctx.body == null ? List.of() : List.of(statement(ctx.body));
        return new Stmt.For(target, expr(ctx.iterable), body, span(ctx), source(ctx));
    }

    @Override
    public Stmt visitAssignment(ShapesParser.AssignmentContext ctx) {
        List<Expr> targets = new ArrayList<>();
        for (ShapesParser.TargetListContext t : ctx.targetList()) {
            targets.add(targets(t));
        }
        return new Stmt.Assign(List.copyOf(targets), exprList(ctx.value), span(ctx), source(ctx));
    }

    @Override
    public Stmt visitAugmentedAssignment(ShapesParser.AugmentedAssignmentContext ctx) {
        Expr target = expr(ctx.target);
        checkAssignable(target, "augmented assignment");
        String op = ctx.op.getText();
        return new Stmt.AugAssign(target, Expr.BinaryOp.fromSymbol(op.substring(0, op.length() - 1)),
                expr(ctx.value), span(ctx), source(ctx));
    }

    @Override
    public Stmt visitExpressionStatement(ShapesParser.ExpressionStatementContext ctx) {
        return new Stmt.ExprStmt(exprList(ctx.exprList()), span(ctx), source(ctx));
    }

    private Expr targets(ShapesParser.TargetListContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (ShapesParser.ExprContext e : ctx.expr()) {
            Expr target = expr(e);
            checkAssignable(target, "assignment");
            items.add(target);
        }
        boolean trailingComma = ctx.getChild(ctx.getChildCount() - 1).getText().equals(",");
        return items.size() == 1 && !trailingComma ? items.get(0) : new Expr.TupleExpr(List.copyOf(items), span(ctx));
    }

    private Expr exprList(ShapesParser.ExprListContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (ShapesParser.ExprContext e : ctx.expr()) {
            items.add(expr(e));
        }
        return items.size() == 1 && ctx.trailingComma == null ? items.get(0)
                : new Expr.TupleExpr(List.copyOf(items), span(ctx));
    }

    private static void checkAssignable(Expr target, String what) {
        String kind = null;
        if (target instanceof Expr.TupleExpr t) {
            t.items().forEach(item -> checkAssignable(item, what));
        } else if (target instanceof Expr.ListExpr l) {
            l.items().forEach(item -> checkAssignable(item, what));
        } else if (target instanceof Expr.Call) {
            kind = "function call";
        } else if (target instanceof Expr.IntLiteral || target instanceof Expr.FloatLiteral
                || target instanceof Expr.StringLiteral) {
            kind = "literal";
        } else if (target instanceof Expr.NoneLiteral) {
            kind = "None";
        } else if (target instanceof Expr.BoolLiteral b) {
            kind = b.value() ? "True" : "False";
        } else if (!(target instanceof Expr.Name || target instanceof Expr.Subscript
                || target instanceof Expr.Attribute)) {
            kind = "expression";
        }
        if (kind != null) {
            String message = "cannot assign to " + kind + " here. Maybe you meant '==' instead of '='?";
            if (what.equals("augmented assignment")) {
                message = "'" + kind + "' is an illegal expression for augmented assignment";
            }
            throw new SyntaxFailure(SyntaxProblem.syntax(message, target.span()));
        }
    }

    // ------------------------------------------------------------ expressions

    @Override
    public Expr visitAttribute(ShapesParser.AttributeContext ctx) {
        return new Expr.Attribute(expr(ctx.expr()), ctx.NAME().getText(), span(ctx));
    }

    @Override
    public Expr visitCall(ShapesParser.CallContext ctx) {
        List<Expr.Argument> arguments = new ArrayList<>();
        boolean sawKeyword = false;
        if (ctx.arguments() != null) {
            for (ShapesParser.ArgumentContext a : ctx.arguments().argument()) {
                if (a instanceof ShapesParser.KeywordArgumentContext k) {
                    sawKeyword = true;
                    arguments.add(new Expr.Argument(Optional.of(k.NAME().getText()), expr(k.expr()), span(k)));
                } else {
                    ShapesParser.PositionalArgumentContext p = (ShapesParser.PositionalArgumentContext) a;
                    if (sawKeyword) {
                        throw new SyntaxFailure(SyntaxProblem.syntax(
                                "positional argument follows keyword argument", span(p)));
                    }
                    arguments.add(new Expr.Argument(Optional.empty(), expr(p.expr()), span(p)));
                }
            }
        }
        return new Expr.Call(expr(ctx.expr()), List.copyOf(arguments), span(ctx));
    }

    @Override
    public Expr visitIndexing(ShapesParser.IndexingContext ctx) {
        List<Expr> indices = new ArrayList<>();
        for (ShapesParser.SubscriptContext s : ctx.subscripts().subscript()) {
            indices.add(subscript(s));
        }
        boolean trailingComma = ctx.subscripts().getChild(ctx.subscripts().getChildCount() - 1).getText().equals(",");
        if (trailingComma && indices.size() == 1) {
            // x[i,] is x[(i,)] in Python
            indices = List.of(new Expr.TupleExpr(List.of(indices.get(0)), span(ctx.subscripts())));
            return new Expr.Subscript(expr(ctx.expr()), indices, span(ctx));
        }
        return new Expr.Subscript(expr(ctx.expr()), List.copyOf(indices), span(ctx));
    }

    private Expr subscript(ShapesParser.SubscriptContext ctx) {
        if (ctx instanceof ShapesParser.SliceSubscriptContext s) {
            return new Expr.Slice(Optional.ofNullable(s.lower).map(this::expr),
                    Optional.ofNullable(s.upper).map(this::expr),
                    Optional.ofNullable(s.step).map(this::expr), span(s));
        }
        return expr(((ShapesParser.IndexSubscriptContext) ctx).expr());
    }

    @Override
    public Expr visitPower(ShapesParser.PowerContext ctx) {
        return new Expr.Binary(Expr.BinaryOp.POW, expr(ctx.expr(0)), expr(ctx.expr(1)), span(ctx));
    }

    @Override
    public Expr visitUnary(ShapesParser.UnaryContext ctx) {
        Expr operand = expr(ctx.expr());
        Expr.UnaryOp op = switch (ctx.op.getText()) {
            case "-" -> Expr.UnaryOp.NEGATE;
            case "+" -> Expr.UnaryOp.PLUS;
            default -> Expr.UnaryOp.INVERT;
        };
        return new Expr.Unary(op, operand, span(ctx));
    }

    @Override
    public Expr visitMultiplicative(ShapesParser.MultiplicativeContext ctx) {
        return binary(ctx.op, ctx.expr(0), ctx.expr(1), ctx);
    }

    @Override
    public Expr visitAdditive(ShapesParser.AdditiveContext ctx) {
        return binary(ctx.op, ctx.expr(0), ctx.expr(1), ctx);
    }

    @Override
    public Expr visitComparison(ShapesParser.ComparisonContext ctx) {
        return binary(ctx.op, ctx.expr(0), ctx.expr(1), ctx);
    }

    private Expr binary(Token op, ShapesParser.ExprContext left, ShapesParser.ExprContext right, ParserRuleContext ctx) {
        return new Expr.Binary(Expr.BinaryOp.fromSymbol(op.getText()), expr(left), expr(right), span(ctx));
    }

    @Override
    public Expr visitNot(ShapesParser.NotContext ctx) {
        return new Expr.Not(expr(ctx.expr()), span(ctx));
    }

    @Override
    public Expr visitAnd(ShapesParser.AndContext ctx) {
        return new Expr.Logical(true, expr(ctx.expr(0)), expr(ctx.expr(1)), span(ctx));
    }

    @Override
    public Expr visitOr(ShapesParser.OrContext ctx) {
        return new Expr.Logical(false, expr(ctx.expr(0)), expr(ctx.expr(1)), span(ctx));
    }

    @Override
    public Expr visitAtomExpr(ShapesParser.AtomExprContext ctx) {
        return (Expr) visit(ctx.atom());
    }

    // ------------------------------------------------------------ atoms

    @Override
    public Expr visitNameAtom(ShapesParser.NameAtomContext ctx) {
        return new Expr.Name(ctx.getText(), span(ctx));
    }

    @Override
    public Expr visitIntAtom(ShapesParser.IntAtomContext ctx) {
        String digits = ctx.getText().replace("_", "");
        try {
            return new Expr.IntLiteral(Long.parseLong(digits), span(ctx));
        } catch (NumberFormatException tooBig) {
            throw new SyntaxFailure(SyntaxProblem.syntax(
                    "integer literal " + abbreviate(digits) + " is too large (the notation's integers are 64-bit)",
                    span(ctx)));
        }
    }

    @Override
    public Expr visitFloatAtom(ShapesParser.FloatAtomContext ctx) {
        return new Expr.FloatLiteral(Double.parseDouble(ctx.getText().replace("_", "")), span(ctx));
    }

    @Override
    public Expr visitStringAtom(ShapesParser.StringAtomContext ctx) {
        StringBuilder value = new StringBuilder();
        for (TerminalNode piece : ctx.STRING()) {
            value.append(unquote(piece.getText()));
        }
        return new Expr.StringLiteral(value.toString(), span(ctx));
    }

    @Override
    public Expr visitNoneAtom(ShapesParser.NoneAtomContext ctx) {
        return new Expr.NoneLiteral(span(ctx));
    }

    @Override
    public Expr visitTrueAtom(ShapesParser.TrueAtomContext ctx) {
        return new Expr.BoolLiteral(true, span(ctx));
    }

    @Override
    public Expr visitFalseAtom(ShapesParser.FalseAtomContext ctx) {
        return new Expr.BoolLiteral(false, span(ctx));
    }

    @Override
    public Expr visitEllipsisAtom(ShapesParser.EllipsisAtomContext ctx) {
        return new Expr.EllipsisLiteral(span(ctx));
    }

    @Override
    public Expr visitListAtom(ShapesParser.ListAtomContext ctx) {
        return new Expr.ListExpr(exprs(ctx.expr()), span(ctx));
    }

    @Override
    public Expr visitEmptyTupleAtom(ShapesParser.EmptyTupleAtomContext ctx) {
        return new Expr.TupleExpr(List.of(), span(ctx));
    }

    @Override
    public Expr visitParenAtom(ShapesParser.ParenAtomContext ctx) {
        return expr(ctx.expr());
    }

    @Override
    public Expr visitTupleAtom(ShapesParser.TupleAtomContext ctx) {
        return new Expr.TupleExpr(exprs(ctx.expr()), span(ctx));
    }

    @Override
    public Expr visitDictAtom(ShapesParser.DictAtomContext ctx) {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        for (ShapesParser.DictEntryContext entry : ctx.dictEntry()) {
            keys.add(expr(entry.key));
            values.add(expr(entry.value));
        }
        return new Expr.DictExpr(List.copyOf(keys), List.copyOf(values), span(ctx));
    }

    private List<Expr> exprs(List<ShapesParser.ExprContext> contexts) {
        List<Expr> items = new ArrayList<>(contexts.size());
        for (ShapesParser.ExprContext e : contexts) {
            items.add(expr(e));
        }
        return List.copyOf(items);
    }

    // ------------------------------------------------------------ helpers

    static String unquote(String token) {
        int start = 0;
        boolean raw = false;
        char first = Character.toLowerCase(token.charAt(0));
        if (first == 'r' || first == 'b' || first == 'u') {
            raw = first == 'r';
            start = 1;
        }
        String body = token.substring(start + 1, token.length() - 1);
        if (raw) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case '\\', '\'', '"' -> out.append(next);
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String digits) {
        return digits.length() <= 24 ? digits : digits.substring(0, 10) + "..." + digits.substring(digits.length() - 4);
    }

    Span span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null ? start : ctx.getStop();
        return spanOf(start, stop);
    }

    Span span(Token token) {
        return spanOf(token, token);
    }

    Span spanOf(Token start, Token stop) {
        int endIndex = Math.max(stop.getStopIndex() + 1, start.getStartIndex());
        int endLine = lineOf(endIndex);
        return new Span(start.getLine(), start.getCharPositionInLine(), endLine, endIndex - lineStarts[endLine - 1]);
    }

    String source(ParserRuleContext ctx) {
        Token stop = ctx.getStop() == null ? ctx.getStart() : ctx.getStop();
        return text(ctx.getStart().getStartIndex(), stop.getStopIndex() + 1);
    }

    private int lineOf(int index) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int codePoint = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), codePoint++) {
            if (text.charAt(i) == '\n') {
                starts.add(codePoint + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
