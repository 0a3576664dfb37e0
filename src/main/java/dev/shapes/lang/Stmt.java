package dev.shapes.lang;

import java.util.List;
import java.util.Optional;

/** Statements of the notation, one per logical line (a {@code for} holds its body). */
public sealed interface Stmt {

    Span span();

    /** The statement's own source text, as the user wrote it. */
    String source();

    /** {@code use torch 1.13}: selects the framework profile for the statements that follow. */
    record Use(String framework, List<String> options, Span span, String source) implements Stmt {}

    /** {@code import torch.nn.functional as F} or {@code from keras import layers}. */
    record Import(Optional<String> fromModule, List<ImportName> names, Span span, String source) implements Stmt {}

    /** {@code logits: f32[B, 10] = [...]}: a tensor by dtype and shape, values optional. */
    record Declare(String name, String dtype, Span dtypeSpan, Optional<List<Expr>> dims,
                   Optional<Expr> value, Span span, String source) implements Stmt {}

    /** {@code a = b = expr}; each target may be a name, a tuple of names, a subscript or an attribute. */
    record Assign(List<Expr> targets, Expr value, Span span, String source) implements Stmt {}

    /** {@code x += expr}. */
    record AugAssign(Expr target, Expr.BinaryOp op, Expr value, Span span, String source) implements Stmt {}

    record ExprStmt(Expr expr, Span span, String source) implements Stmt {}

    /** {@code for xb, yb in loader:} followed by its indented body. */
    record For(Expr target, Expr iterable, List<Stmt> body, Span span, String source) implements Stmt {}

    /** A logical line that did not parse; it keeps its place so results stay in source order. */
    record Invalid(SyntaxProblem problem, Span span, String source) implements Stmt {}

    record ImportName(String dotted, Optional<String> alias) {
        /** The name the import binds: the alias, or the first component as Python does. */
        public String boundName(boolean fromImport) {
            if (alias.isPresent()) {
                return alias.get();
            }
            return fromImport ? dotted : dotted.split("\\.")[0];
        }
    }
}
