package dev.shapes.framework.tf;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Module;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.numpy.NumpyFramework;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * TensorFlow at one version and mode: {@code tf} and {@code np} predefined;
 * declared tensors are {@code tf.constant}s, and a declaration with a
 * {@code None} size is a placeholder of the session's graph. Eager texts by
 * default; {@code use tf graph} builds every op into the graph (TF 2's
 * {@code tf.compat.v1} with eager execution disabled) and {@code use tf 1}
 * gives TF 1.15's texts.
 */
public final class TfProfile implements Profile {

    private final TfRuntime rt;
    private final Profile numpy;
    private final Module tf;
    private final Map<String, Value> globals = new LinkedHashMap<>();
    private final Map<String, Value> roots = new LinkedHashMap<>();

    TfProfile(TfRuntime rt, Map<String, Value> companions) {
        this.rt = rt;
        this.numpy = new NumpyFramework().profile(List.of());
        Value keras = companions.get("keras");
        Value np = numpy.module("numpy").orElseThrow();
        this.tf = TfModule.build(rt, keras);
        globals.put("tf", tf);
        globals.put("np", np);
        if (keras != null) {
            globals.put("keras", keras);
        }
        roots.put("tensorflow", tf);
        roots.put("tf", tf);
        companions.forEach(roots::put);
        roots.put("numpy", np);
        roots.put("np", np);
    }

    public TfRuntime runtime() {
        return rt;
    }

    @Override
    public String framework() {
        return "tf";
    }

    @Override
    public String version() {
        return rt.v1() ? "1" : "2";
    }

    @Override
    public String label() {
        return rt.v1() ? "TensorFlow 1.15" : rt.style().graph() ? "TensorFlow 2.21 (graph)" : "TensorFlow 2.21";
    }

    @Override
    public Map<String, Value> globals() {
        return globals;
    }

    @Override
    public Optional<Value> module(String dotted) {
        String[] parts = dotted.split("\\.");
        Value current = roots.get(parts[0]);
        for (int i = 1; i < parts.length && current != null; i++) {
            current = current instanceof Module m ? m.member(parts[i]).orElse(null) : null;
        }
        return Optional.ofNullable(current);
    }

    @Override
    public Value declare(String name, Tensor tensor, CallContext ctx) {
        boolean placeholder = tensor.shape().dims().stream().anyMatch(d -> d instanceof Dim.Unknown);
        if (placeholder) {
            return TfModule.placeholder(rt, ctx, tensor, "Placeholder");
        }
        return wrap(tensor);
    }

    @Override
    public Value wrap(Tensor tensor) {
        return new Value.TensorValue(tensor, "tf");
    }

    /** A NumPy array (from {@code np}, a dataset, {@code to_categorical}): TF programs hold those too. */
    private static boolean isArray(Value v) {
        return v instanceof Value.TensorValue t && t.framework().equals("numpy");
    }

    /** Arithmetic among NumPy arrays (and numbers) follows NumPy, even in a TF program. */
    private static boolean numpyOnly(Value a, Value b) {
        return (isArray(a) || !(a instanceof Value.TensorValue)) && (isArray(b) || !(b instanceof Value.TensorValue));
    }

    @Override
    public Value binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        if (numpyOnly(left, right)) {
            return numpy.binary(op, left, right, ctx);
        }
        if (op == Expr.BinaryOp.MATMUL) {
            if (!(left instanceof Value.TensorValue) || !(right instanceof Value.TensorValue)) {
                throw Python.unsupported(op, left, right);
            }
            return TfModule.matmul(rt, ctx, left, right, false, false);
        }
        return TfModule.elementwise(rt, op, left, right, ctx);
    }

    @Override
    public Value binaryInPlace(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        if (numpyOnly(left, right)) {
            return numpy.binaryInPlace(op, left, right, ctx);
        }
        return binary(op, left, right, ctx);
    }

    @Override
    public Value unary(Expr.UnaryOp op, Value operand, CallContext ctx) {
        if (isArray(operand)) {
            return numpy.unary(op, operand, ctx);
        }
        if (op == Expr.UnaryOp.PLUS) {
            return operand;
        }
        String opType = op == Expr.UnaryOp.NEGATE ? "Neg" : "LogicalNot";
        return rt.op(ctx, opType, opType, TfRuntime.typeAttr(operand), List.of(operand),
                (in, exec) -> op == Expr.UnaryOp.NEGATE ? TensorMath.map(in.get(0), v -> -v)
                        : TensorMath.map(in.get(0), v -> v == 0 ? 1 : 0));
    }

    @Override
    public Value subscript(Value target, List<Value> index, CallContext ctx) {
        if (isArray(target)) {
            return numpy.subscript(target, index, ctx);
        }
        List<Indexing.Index> items = new ArrayList<>();
        for (Value v : index) {
            items.add(item(v));
        }
        return rt.op(ctx, "strided_slice", "StridedSlice", TfRuntime.typeAttr(target), List.of(target),
                (in, exec) -> {
                    Indexing.Result r = Indexing.apply(in.get(0), items, exec.bindings());
                    if (r.ok()) {
                        return r.tensor();
                    }
                    if (r.problem() instanceof Indexing.Problem.OutOfBounds o) {
                        String text = "slice index " + o.index() + " of dimension " + o.axis() + " out of bounds.";
                        throw exec.shapeError("StridedSlice", text, text, List.of(in.get(0).shape()), true);
                    }
                    if (r.problem() instanceof Indexing.Problem.TooManyIndices t) {
                        throw new FrameworkException("ValueError", "Index out of range using input dim " + t.rank()
                                + "; input has only " + t.rank() + " dims");
                    }
                    throw new FrameworkException("TypeError", "Only integers, slices (`:`), ellipsis (`...`), "
                            + "tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices");
                });
    }

    private static Indexing.Index item(Value v) {
        if (v instanceof Value.IntValue i) {
            return new Indexing.Index.At(i.value());
        }
        if (v instanceof Value.NoneValue) {
            return new Indexing.Index.NewAxis();
        }
        if (v instanceof Value.EllipsisValue) {
            return new Indexing.Index.Rest();
        }
        if (v instanceof Value.SliceValue s) {
            return new Indexing.Index.Range(bound(s.start()), bound(s.stop()),
                    s.step().filter(Python::isNumber).map(x -> (long) Python.toDouble(x)).orElse(1L));
        }
        if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                && t.tensor().dtype().isIntegral()) {
            return new Indexing.Index.At((long) t.tensor().item());
        }
        throw new FrameworkException("TypeError", "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) "
                + "and scalar tf.int32/tf.int64 tensors are valid indices, got " + Python.repr(v));
    }

    private static OptionalLong bound(Optional<Value> v) {
        return v.filter(Python::isNumber).map(x -> OptionalLong.of((long) Python.toDouble(x)))
                .orElse(OptionalLong.empty());
    }

    @Override
    public Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        if (isArray(target)) {
            return numpy.attribute(target, name, ctx);
        }
        Tensor t = target.tensor();
        boolean symbolic = rt.graph().contains(target);
        switch (name) {
            case "shape":
                return Optional.of(shapeValue(t.shape()));
            case "get_shape":
                return Optional.of(new Function("Tensor.get_shape", (a, c) -> shapeValue(t.shape())));
            case "dtype":
                return Optional.of(new Value.DTypeValue(t.dtype(), "tf." + t.dtype().longName));
            case "ndim":
                return Optional.of(new Value.IntValue(t.rank()));
            case "name":
                if (!symbolic) {
                    throw new FrameworkException("AttributeError", "Tensor.name is undefined when eager execution is "
                            + "enabled.");
                }
                return Optional.of(new Value.StrValue(rt.graph().node(target).orElseThrow().name() + ":0"));
            case "numpy":
                if (symbolic) {
                    throw new FrameworkException("AttributeError", "'Tensor' object has no attribute 'numpy'");
                }
                return Optional.of(new Function("Tensor.numpy", (a, c) -> c.wrap(t)));
            default:
                return Optional.empty();
        }
    }

    static Value shapeValue(Shape shape) {
        List<Value> items = new ArrayList<>();
        for (Dim d : shape.dims()) {
            items.add(d instanceof Dim.Known k ? new Value.IntValue(k.size())
                    : d instanceof Dim.Unknown ? Value.NONE : new Value.StrValue(d.toString()));
        }
        return new Value.TupleValue(items);
    }

    @Override
    public List<String> tensorAttributeNames() {
        return List.of("shape", "get_shape", "dtype", "ndim", "name", "numpy");
    }

    @Override
    public String formatShape(Shape shape) {
        return rt.style().tuple(shape);
    }

}
