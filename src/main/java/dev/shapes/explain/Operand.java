package dev.shapes.explain;

import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.Optional;

/**
 * One operand of the call at fault, as written ({@code expr}, {@code source})
 * and as it was ({@code tensor} when it could be evaluated; otherwise the
 * {@code shape} the framework reported).
 */
record Operand(String role, Expr expr, String source, Optional<Tensor> tensor, Optional<Shape> reportedShape) {

    Span span() {
        return expr.span();
    }

    /** Not written in the cell (e.g. a model's output inside fit): it cannot be edited. */
    boolean synthetic() {
        return expr.span().equals(CallSite.NOWHERE);
    }

    Optional<Shape> shape() {
        return tensor.map(Tensor::shape).or(() -> reportedShape);
    }

    Optional<DType> dtype() {
        return tensor.map(Tensor::dtype);
    }

    int rank() {
        return shape().map(Shape::rank).orElse(-1);
    }

    Optional<Dim> dim(int axis) {
        return shape().filter(s -> axis >= 0 && axis < s.rank()).map(s -> s.dim(axis));
    }

    Optional<Dim> last() {
        return shape().filter(s -> s.rank() > 0).map(s -> s.dim(s.rank() - 1));
    }

    boolean hasValues() {
        return tensor.map(Tensor::hasValues).orElse(false);
    }

    /** {@code source} ready to have {@code .method()} appended. */
    String chainable() {
        return CellSyntax.isPrimary(expr) ? source : "(" + source + ")";
    }

    /** A name the user wrote for it: its source when short, else its role. */
    String label() {
        return source.length() <= 24 && !source.contains("\n") ? source : role;
    }

    /** {@code i64[32, 1]}, or just the shape when the dtype is not known. */
    String typeString() {
        return tensor.map(Tensor::typeString).orElseGet(() -> shape().map(Shape::toString).orElse("?"));
    }
}
