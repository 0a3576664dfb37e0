package dev.shapes.eval;

import dev.shapes.lang.Expr;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One framework at one version, as the interpreter sees it: the names it
 * predefines, the modules it can import, and what its tensors do with
 * operators, subscripts and attributes. Calls are made on the values it hands
 * out ({@link Value.PyObject}).
 */
public interface Profile {

    /** The framework's id: {@code torch}, {@code numpy}, {@code keras}, {@code tf}. */
    String framework();

    /** The version whose texts this profile reproduces, e.g. {@code 2.x} or {@code 1.13}. */
    String version();

    /** Human name, e.g. "PyTorch 2.x". */
    String label();

    /** Names defined as if the usual imports had run ({@code torch}, {@code nn}, {@code F}, ...). */
    Map<String, Value> globals();

    /** The module an {@code import} names (e.g. {@code torch.nn.functional}), if this profile models it. */
    Optional<Value> module(String dotted);

    /** A tensor of this framework (an operation's result). */
    Value wrap(Tensor tensor);

    /**
     * The value a declaration {@code name: dtype[dims]} defines; by default the
     * tensor itself. TensorFlow makes declarations with a {@code None} size
     * graph placeholders.
     */
    default Value declare(String name, Tensor tensor, CallContext ctx) {
        return wrap(tensor);
    }

    Value binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx);

    /** {@code left op= right}; by default the operator, then the result must fit {@code left}. */
    default Value binaryInPlace(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        return binary(op, left, right, ctx);
    }

    Value unary(Expr.UnaryOp op, Value operand, CallContext ctx);

    Value subscript(Value target, List<Value> index, CallContext ctx);

    /** {@code target[index] = value}; returns the updated tensor. */
    default Value assignSubscript(Value target, List<Value> index, Value value, CallContext ctx) {
        throw new NotationException("UnsupportedError",
                "assigning into a tensor by subscript is not modelled for " + label(), null);
    }

    /** An attribute or method of a tensor of this framework ({@code x.shape}, {@code x.view}). */
    Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx);

    /** Attribute names of tensors, for completion. */
    default List<String> tensorAttributeNames() {
        return List.of();
    }

    /** How this framework prints a shape in its messages, e.g. {@code torch.Size([32, 10])}. */
    String formatShape(dev.shapes.tensor.Shape shape);
}
