package dev.shapes.framework.numpy;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** NumPy at one version: {@code np} and {@code numpy} predefined, arrays that behave as ndarrays. */
public final class NumpyProfile implements Profile {

    private final NumpyVersion version;
    private final NumpyOps ops;
    private final NumpyIndex indexing;
    private final Map<DType, ScalarType> scalarTypes = new LinkedHashMap<>();
    private final Module numpy;
    private final Module random;
    private final Module linalg;
    private final ArrayMethods methods;
    private final Map<String, Value> globals = new LinkedHashMap<>();

    NumpyProfile(NumpyVersion version) {
        this.version = version;
        this.ops = new NumpyOps(version);
        this.indexing = new NumpyIndex(version);
        for (DType t : DType.values()) {
            if (t != DType.BF16) {
                scalarTypes.put(t, new ScalarType(t, t == DType.BOOL ? "bool" : t.longName, this));
            }
        }
        this.methods = new ArrayMethods(this);
        this.random = NumpyRandom.module(this);
        this.linalg = NumpyModule.linalg(this);
        this.numpy = NumpyModule.module(this, random, linalg);
        globals.put("np", numpy);
        globals.put("numpy", numpy);
    }

    public NumpyVersion numpyVersion() {
        return version;
    }

    NumpyOps ops() {
        return ops;
    }

    ArrayMethods methods() {
        return methods;
    }

    ScalarType scalarType(DType dtype) {
        return scalarTypes.get(dtype);
    }

    @Override
    public String framework() {
        return "numpy";
    }

    @Override
    public String version() {
        return version.label;
    }

    @Override
    public String label() {
        return "NumPy " + version.label;
    }

    @Override
    public Map<String, Value> globals() {
        return globals;
    }

    @Override
    public Optional<Value> module(String dotted) {
        return switch (dotted) {
            case "numpy" -> Optional.of(numpy);
            case "numpy.random" -> Optional.of(random);
            case "numpy.linalg" -> Optional.of(linalg);
            default -> Optional.empty();
        };
    }

    @Override
    public Value wrap(Tensor tensor) {
        if (tensor.dtype() == DType.BF16) {
            throw new NotationException("TypeError", "NumPy has no bfloat16 dtype; declare f16, f32 or f64", null);
        }
        return new Value.TensorValue(tensor, "numpy");
    }

    @Override
    public Value binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        if (op == Expr.BinaryOp.MATMUL) {
            return wrap(ops.matmul(left, right, ctx));
        }
        Optional<Boolean> failed = ops.legacyFailedComparison(op, left, right, ctx);
        if (failed.isPresent()) {
            return new Value.BoolValue(failed.get());
        }
        return wrap(ops.operator(op, left, right, ctx));
    }

    /** {@code a op= b}: the array is the ufunc's output, so it takes part in broadcasting and keeps its dtype. */
    @Override
    public Value binaryInPlace(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        if (!(left instanceof Value.TensorValue target)) {
            return binary(op, left, right, ctx);
        }
        if (op == Expr.BinaryOp.MATMUL && version.isLegacy()) {
            throw new dev.shapes.eval.FrameworkException("TypeError", "In-place matrix multiplication is not (yet) "
                    + "supported. Use 'a = a @ b' instead of 'a @= b'.");
        }
        if (op == Expr.BinaryOp.MATMUL) {
            Tensor product = ops.matmul(left, right, ctx);
            Tensor x = target.tensor();
            if (!product.shape().equals(x.shape()) && product.rank() == x.rank() && x.rank() >= 2) {
                int core = product.shape().dim(x.rank() - 2).equals(x.shape().dim(x.rank() - 2)) ? 1 : 0;
                int axis = x.rank() - 2 + core;
                throw new dev.shapes.eval.FrameworkException("ValueError", "matmul: Output operand 0 has a mismatch "
                        + "in its core dimension " + core + ", with gufunc signature (n?,k),(k,m?)->(n?,m?) (size "
                        + x.shape().dim(axis) + " is different from " + product.shape().dim(axis) + ")");
            }
            if (!product.shape().equals(x.shape())) {
                throw new dev.shapes.eval.NotationException("NotImplementedError", "a @= b whose product has shape "
                        + NumpyText.tuple(product.shape()) + " is not modelled for an array of shape "
                        + NumpyText.tuple(x.shape()), null);
            }
            return wrap(product.cast(x.dtype()));
        }
        NumpyOps.Ufunc u = NumpyOps.Ufunc.of(op).orElseThrow();
        if (!(right instanceof Value.TensorValue) && !Python.isNumber(right) && Python.sequenceItems(right) == null) {
            throw Python.unsupported(op, left, right);
        }
        Tensor result = ops.binary(u, left, right, Optional.of(target.tensor()), ctx);
        return wrap(result.cast(target.tensor().dtype()));
    }

    @Override
    public Value unary(Expr.UnaryOp op, Value operand, CallContext ctx) {
        return switch (op) {
            case NEGATE -> wrap(ops.negative(operand, ctx));
            case PLUS -> operand;
            case INVERT -> wrap(ops.invert(operand));
        };
    }

    @Override
    public Value subscript(Value target, List<Value> index, CallContext ctx) {
        return wrap(indexing.get(((Value.TensorValue) target).tensor(), index, ctx));
    }

    @Override
    public Value assignSubscript(Value target, List<Value> index, Value value, CallContext ctx) {
        Tensor x = ((Value.TensorValue) target).tensor();
        Tensor v = ops.array(value, "__setitem__");
        return wrap(indexing.set(x, index, v, ctx));
    }

    @Override
    public Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        return methods.attribute(target, name, ctx);
    }

    @Override
    public List<String> tensorAttributeNames() {
        return methods.names();
    }

    @Override
    public String formatShape(Shape shape) {
        return NumpyText.tuple(shape);
    }
}
