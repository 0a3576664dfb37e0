package dev.shapes.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts about the notation's syntax: what parses to what, and how syntax errors are reported. */
class CellParserTest {

    private static Stmt only(String text) {
        List<Stmt> statements = CellParser.parse(text);
        assertEquals(1, statements.size(), () -> "statements of " + text + ": " + statements);
        return statements.get(0);
    }

    private static SyntaxProblem problem(String text) {
        Stmt s = only(text);
        assertInstanceOf(Stmt.Invalid.class, s, () -> text + " should not parse");
        return ((Stmt.Invalid) s).problem();
    }

    @Test
    void declarationWithSymbolicProductAndUnknownDims() {
        Stmt.Declare d = (Stmt.Declare) only("x: f32[B*T, None, 10]");
        assertEquals("x", d.name());
        assertEquals("f32", d.dtype());
        List<Expr> dims = d.dims().orElseThrow();
        assertEquals(3, dims.size());
        assertInstanceOf(Expr.Binary.class, dims.get(0));
        assertInstanceOf(Expr.NoneLiteral.class, dims.get(1));
        assertEquals(10, ((Expr.IntLiteral) dims.get(2)).value());
    }

    @Test
    void scalarDeclarationHasEmptyDimsAndAValue() {
        Stmt.Declare d = (Stmt.Declare) only("y: i64[] = 3");
        assertEquals(List.of(), d.dims().orElseThrow());
        assertEquals(3, ((Expr.IntLiteral) d.value().orElseThrow()).value());
    }

    @Test
    void callOnCallResultWithKeywords() {
        Stmt.Assign a = (Stmt.Assign) only("loss = nn.CrossEntropyLoss(reduction=\"sum\")(a, b)");
        Expr.Call outer = (Expr.Call) a.value();
        Expr.Call inner = (Expr.Call) outer.callee();
        assertEquals("reduction", inner.arguments().get(0).keyword().orElseThrow());
        assertEquals("sum", ((Expr.StringLiteral) inner.arguments().get(0).value()).value());
        assertEquals(2, outer.arguments().size());
    }

    @Test
    void subscriptsWithSlicesEllipsisNoneAndTensors() {
        Stmt.ExprStmt e = (Stmt.ExprStmt) only("x[..., 1:3, None, ::2, idx]");
        Expr.Subscript s = (Expr.Subscript) e.expr();
        assertEquals(5, s.indices().size());
        assertInstanceOf(Expr.EllipsisLiteral.class, s.indices().get(0));
        Expr.Slice slice = (Expr.Slice) s.indices().get(1);
        assertTrue(slice.lower().isPresent() && slice.upper().isPresent() && slice.step().isEmpty());
        assertInstanceOf(Expr.NoneLiteral.class, s.indices().get(2));
        assertTrue(((Expr.Slice) s.indices().get(3)).step().isPresent());
        assertInstanceOf(Expr.Name.class, s.indices().get(4));
    }

    @Test
    void powerBindsTighterThanUnaryMinusAsInPython() {
        Stmt.ExprStmt e = (Stmt.ExprStmt) only("-2 ** 2");
        Expr.Unary u = (Expr.Unary) e.expr();
        assertEquals(Expr.BinaryOp.POW, ((Expr.Binary) u.operand()).op());
    }

    @Test
    void matmulAndMultiplicationShareAPrecedenceLevelLeftToRight() {
        Expr.Binary b = (Expr.Binary) ((Stmt.ExprStmt) only("a @ b * c")).expr();
        assertEquals(Expr.BinaryOp.MUL, b.op());
        assertEquals(Expr.BinaryOp.MATMUL, ((Expr.Binary) b.left()).op());
    }

    @Test
    void semicolonsCommentsAndBracketContinuationLines() {
        List<Stmt> statements = CellParser.parse("a = 1; b = 2  # two\nc = f(a,\n      b)\n");
        assertEquals(3, statements.size());
        assertEquals(2, statements.get(2).span().line());
        assertEquals("c = f(a,\n      b)", statements.get(2).source());
    }

    @Test
    void tuplesListsAndDicts() {
        Stmt.Assign a = (Stmt.Assign) only("t = (1,), [1, 2], {'a': 1}");
        Expr.TupleExpr t = (Expr.TupleExpr) a.value();
        assertInstanceOf(Expr.TupleExpr.class, t.items().get(0));
        assertInstanceOf(Expr.ListExpr.class, t.items().get(1));
        assertInstanceOf(Expr.DictExpr.class, t.items().get(2));
    }

    @Test
    void forLoopTakesItsIndentedBody() {
        List<Stmt> statements = CellParser.parse("for xb, yb in loader:\n    out = model(xb)\n    loss = f(out, yb)\nz = 1\n");
        assertEquals(2, statements.size());
        Stmt.For loop = (Stmt.For) statements.get(0);
        assertEquals(2, loop.body().size());
        assertInstanceOf(Expr.TupleExpr.class, loop.target());
    }

    @Test
    void forWithoutBodyIsAnError() {
        SyntaxProblem p = problem("for x in y:");
        assertTrue(p.message().startsWith("expected an indented block after 'for' statement on line 1"), p.message());
    }

    @Test
    void importsBindTheirNames() {
        Stmt.Import i = (Stmt.Import) only("import torch.nn.functional as F");
        assertEquals("F", i.names().get(0).boundName(false));
        Stmt.Import f = (Stmt.Import) only("from keras import layers, losses");
        assertEquals(List.of("layers", "losses"), f.names().stream().map(n -> n.boundName(true)).toList());
    }

    @Test
    void syntaxErrorReportsLineColumnTokenAndExpectation() {
        List<Stmt> statements = CellParser.parse("use torch\ny = a +\n");
        SyntaxProblem p = ((Stmt.Invalid) statements.get(1)).problem();
        assertEquals(2, p.span().line());
        assertEquals(7, p.span().column());
        assertEquals("invalid syntax: the statement ends too early; expected an expression", p.message());
    }

    @Test
    void unexpectedTokenIsNamed() {
        SyntaxProblem p = problem("z = a @@ b");
        assertEquals("invalid syntax: unexpected '@'; expected an expression", p.message());
        assertEquals(7, p.span().column());
    }

    @Test
    void neverClosedBracketKeepsTheFollowingStatements() {
        List<Stmt> statements = CellParser.parse("x = f(a, b\ny = 2\n");
        assertEquals(2, statements.size());
        SyntaxProblem p = ((Stmt.Invalid) statements.get(0)).problem();
        assertEquals("'(' was never closed", p.message());
        assertEquals(5, p.span().column());
        assertInstanceOf(Stmt.Assign.class, statements.get(1));
    }

    @Test
    void unterminatedStringAndInvalidCharacterUsePythonWords() {
        assertEquals("unterminated string literal (detected at line 1)", problem("s = 'abc").message());
        assertEquals("invalid character '…' (U+2026)", problem("x = a…").message());
    }

    @Test
    void assigningToACallIsRejectedAsPythonDoes() {
        assertEquals("cannot assign to function call here. Maybe you meant '==' instead of '='?",
                problem("f(x) = 3").message());
    }

    @Test
    void positionalAfterKeywordIsRejected() {
        assertEquals("positional argument follows keyword argument", problem("f(a=1, b)").message());
    }

    @Test
    void deepNestingIsBoundedWithAnError() {
        String deep = "x = " + "(".repeat(CellParser.MAX_NESTING + 5) + "1" + ")".repeat(CellParser.MAX_NESTING + 5);
        assertTrue(problem(deep).message().startsWith("too many nested parentheses"));
    }

    @Test
    void cellHeaderKeepsLineNumbers() {
        CellHeader h = CellHeader.of("%%shapes torch 1.13\nx: f32[2]\n").orElseThrow();
        assertEquals("shapes", h.magic());
        assertEquals(List.of("torch", "1.13"), h.arguments());
        assertEquals(2, CellParser.parse(h.body()).get(0).span().line());
    }

    @Test
    void charactersOutsideTheBmpDoNotShiftLaterStatements() {
        // the lexer counts code points, Java strings count UTF-16 units: 😀 is one and two
        List<Stmt> statements = CellParser.parse("e = \"😀\"; f = 1\ng = \"😀😀\" + h\nk = 2\n");
        assertEquals(List.of("e = \"😀\"", "f = 1", "g = \"😀😀\" + h", "k = 2"),
                statements.stream().map(Stmt::source).toList());
        assertEquals(new Span(1, 9, 1, 14), statements.get(1).span());
        assertEquals(new Span(2, 0, 2, 12), statements.get(2).span(), "columns count code points");
    }
}
