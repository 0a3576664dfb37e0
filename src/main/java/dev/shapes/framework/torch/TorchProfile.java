package dev.shapes.framework.torch;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PyTorch at one version: {@code torch}, {@code nn} and {@code F} predefined, tensors that behave as torch's. */
public final class TorchProfile implements Profile {

    private final TorchVersion version;
    private final Module torch;
    private final Module nn;
    private final Module functional;
    private final Map<String, Value> globals = new LinkedHashMap<>();
    private final TensorMethods methods;
    private final Module data;

    TorchProfile(TorchVersion version) {
        this.version = version;
        this.functional = Functional.module(this);
        this.nn = NnModule.module(this, functional);
        this.torch = TorchModule.module(this, nn, functional);
        this.methods = new TensorMethods(this);
        this.data = DataLoading.module(this);
        torch.put("utils", new Module("torch.utils").put("data", data));
        globals.put("torch", torch);
        globals.put("nn", nn);
        globals.put("F", functional);
        globals.put("DataLoader", data.member("DataLoader").orElseThrow());
        globals.put("TensorDataset", data.member("TensorDataset").orElseThrow());
    }

    public TorchVersion torchVersion() {
        return version;
    }

    @Override
    public String framework() {
        return "torch";
    }

    @Override
    public String version() {
        return version.label;
    }

    @Override
    public String label() {
        return "PyTorch " + version.label;
    }

    @Override
    public Map<String, Value> globals() {
        return globals;
    }

    @Override
    public Optional<Value> module(String dotted) {
        return switch (dotted) {
            case "torch" -> Optional.of(torch);
            case "torch.nn" -> Optional.of(nn);
            case "torch.nn.functional" -> Optional.of(functional);
            case "torch.utils.data" -> Optional.of(data);
            default -> Optional.empty();
        };
    }

    @Override
    public Value wrap(Tensor tensor) {
        return new Value.TensorValue(tensor, "torch");
    }

    @Override
    public Value binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        if (op == Expr.BinaryOp.MATMUL) {
            if (!(left instanceof Value.TensorValue a) || !(right instanceof Value.TensorValue b)) {
                throw Python.unsupported(op, left, right);
            }
            return wrap(TorchOps.matmul(a.tensor(), b.tensor(), ctx, version));
        }
        return wrap(TorchOps.binary(op, left, right, ctx));
    }

    @Override
    public Value binaryInPlace(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        Value result = binary(op, left, right, ctx);
        if (left instanceof Value.TensorValue target) {
            Tensor out = ((Value.TensorValue) result).tensor();
            if (!out.shape().equals(target.tensor().shape()) && !ctx.bindings().resolve(out.shape())
                    .equals(ctx.bindings().resolve(target.tensor().shape()))) {
                throw new FrameworkException("RuntimeError", "output with shape " + TorchText.sizes(target.tensor().shape())
                        + " doesn't match the broadcast shape " + TorchText.sizes(out.shape()));
            }
            if (out.dtype() != target.tensor().dtype() && TorchTypes.promote(out.dtype(), target.tensor().dtype())
                    != target.tensor().dtype()) {
                throw new FrameworkException("RuntimeError", "result type " + TorchTypes.name(out.dtype())
                        + " can't be cast to the desired output type " + TorchTypes.name(target.tensor().dtype()));
            }
            return wrap(out.cast(target.tensor().dtype()));
        }
        return result;
    }

    @Override
    public Value unary(Expr.UnaryOp op, Value operand, CallContext ctx) {
        Tensor x = TorchOps.tensorOf(operand);
        return switch (op) {
            case NEGATE -> wrap(TorchOps.negate(x));
            case PLUS -> operand;
            case INVERT -> {
                if (x.dtype().isFloating()) {
                    throw new FrameworkException(version.notImplementedType(),
                            "\"bitwise_not_cpu\" not implemented for '" + TorchTypes.name(x.dtype()) + "'");
                }
                yield wrap(x.hasValues() ? dev.shapes.tensor.Kernels.map(x, x.dtype(),
                        v -> x.dtype() == dev.shapes.tensor.DType.BOOL ? (v == 0 ? 1 : 0) : ~(long) v)
                        : x.withoutValues());
            }
        };
    }

    @Override
    public Value subscript(Value target, List<Value> index, CallContext ctx) {
        return wrap(TorchOps.index(TorchOps.tensorOf(target), index, ctx, version));
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
        return TorchText.size(shape);
    }
}
