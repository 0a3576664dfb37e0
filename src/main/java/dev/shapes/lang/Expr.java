package dev.shapes.lang;

import java.util.List;
import java.util.Optional;

/** Expressions of the notation: the Python subset users paste from their code. */
public sealed interface Expr {

    Span span();

    record Name(String id, Span span) implements Expr {}

    record IntLiteral(long value, Span span) implements Expr {}

    record FloatLiteral(double value, Span span) implements Expr {}

    record StringLiteral(String value, Span span) implements Expr {}

    record NoneLiteral(Span span) implements Expr {}

    record BoolLiteral(boolean value, Span span) implements Expr {}

    record EllipsisLiteral(Span span) implements Expr {}

    record ListExpr(List<Expr> items, Span span) implements Expr {}

    record TupleExpr(List<Expr> items, Span span) implements Expr {}

    record DictExpr(List<Expr> keys, List<Expr> values, Span span) implements Expr {}

    record Attribute(Expr target, String name, Span span) implements Expr {}

    record Call(Expr callee, List<Argument> arguments, Span span) implements Expr {}

    record Subscript(Expr target, List<Expr> indices, Span span) implements Expr {}

    /** {@code lower:upper:step} inside a subscript; absent parts are empty. */
    record Slice(Optional<Expr> lower, Optional<Expr> upper, Optional<Expr> step, Span span) implements Expr {}

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}

    record Not(Expr operand, Span span) implements Expr {}

    record Logical(boolean isAnd, Expr left, Expr right, Span span) implements Expr {}

    /** A call argument; {@code keyword} is empty for a positional one. */
    record Argument(Optional<String> keyword, Expr value, Span span) {}

    enum UnaryOp {
        NEGATE("-"), PLUS("+"), INVERT("~");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOOR_DIV("//"), MOD("%"), POW("**"), MATMUL("@"),
        LT("<"), GT(">"), EQ("=="), NE("!="), LE("<="), GE(">=");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public boolean isComparison() {
            return ordinal() >= LT.ordinal();
        }

        public static BinaryOp fromSymbol(String symbol) {
            for (BinaryOp op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("not an operator: " + symbol);
        }
    }
}
