package dev.shapes.framework.torch;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.torch.loss.Losses;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code torch} namespace: tensor factories, dtypes, and the functions that mirror tensor methods. */
final class TorchModule {

    private TorchModule() {}

    static Module module(TorchProfile profile, Module nn, Module functional) {
        TorchVersion version = profile.torchVersion();
        Module torch = new Module("torch");
        torch.put("nn", nn);
        for (Map.Entry<String, Value> dtype : TorchTypes.dtypeObjects().entrySet()) {
            torch.put(dtype.getKey(), dtype.getValue());
        }
        torch.function("tensor", (args, ctx) -> {
            Bound b = Signature.of("tensor", "data", "*", "dtype", "device", "requires_grad")
                    .noneDefaults("dtype", "device").def("requires_grad", false).bind(args);
            Value data = b.get("data");
            if (data instanceof Value.TensorValue t) {
                ctx.warn("To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or "
                        + "sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).");
                return profile.wrap(dtypeOf(b).map(t.tensor()::cast).orElse(t.tensor()));
            }
            Python.Nested nested = Python.nested(data).orElseThrow(() -> new FrameworkException("ValueError",
                    "expected sequence of length " + "matching the first element at dim 1"));
            DType dtype = dtypeOf(b).orElse(Python.literalDType(nested));
            return profile.wrap(Tensor.of(dtype, nested.shape(), nested.values()));
        });
        factory(torch, profile, "zeros", 0.0, false);
        factory(torch, profile, "ones", 1.0, false);
        factory(torch, profile, "empty", Double.NaN, true);
        factory(torch, profile, "randn", Double.NaN, true);
        factory(torch, profile, "rand", Double.NaN, true);
        torch.function("full", (args, ctx) -> {
            Bound b = Signature.of("full", "size", "fill_value", "*", "dtype", "device", "requires_grad")
                    .noneDefaults("dtype", "device").def("requires_grad", false).bind(args);
            Shape shape = Shape.of(toLongs(TorchOps.sizeArguments(List.of(b.get("size")), "full")));
            Value fill = b.get("fill_value");
            DType dtype = dtypeOf(b).orElse(fill instanceof Value.FloatValue ? DType.F32
                    : fill instanceof Value.BoolValue ? DType.BOOL : DType.I64);
            return profile.wrap(filled("torch.full", dtype, shape, b.number("fill_value")));
        });
        for (String like : List.of("zeros_like", "ones_like", "randn_like", "rand_like", "empty_like")) {
            torch.function(like, (args, ctx) -> {
                Bound b = Signature.of(like, "input", "*", "dtype", "device").noneDefaults("dtype", "device").bind(args);
                Tensor x = Losses.tensor(b, "input", like, 1);
                DType dtype = dtypeOf(b).orElse(x.dtype());
                double fill = like.startsWith("zeros") ? 0 : like.startsWith("ones") ? 1 : Double.NaN;
                return profile.wrap(Double.isNaN(fill) || !x.hasValues() && !x.shape().isFullyKnown()
                        ? Tensor.shapeOnly(dtype, x.shape()) : filled("torch." + like, dtype, x.shape(), fill));
            });
        }
        torch.function("randint", (args, ctx) -> {
            List<Value> pos = args.positional();
            Value size = args.keywords().get("size");
            if (size == null && !pos.isEmpty()) {
                size = pos.get(pos.size() - 1);
            }
            if (size == null) {
                throw new FrameworkException("TypeError", "randint() missing 1 required positional arguments: \"size\"");
            }
            Shape shape = Shape.of(toLongs(TorchOps.sizeArguments(List.of(size), "randint")));
            Value dtype = args.keywords().get("dtype");
            return profile.wrap(Tensor.shapeOnly(dtype instanceof Value.DTypeValue d ? d.dtype() : DType.I64, shape));
        });
        torch.function("arange", (args, ctx) -> {
            Bound b = Signature.of("arange", "start", "end", "step", "*", "dtype", "device")
                    .noneDefaults("end", "dtype", "device").def("step", 1).bind(args);
            double start = b.isNone("end") ? 0 : b.number("start");
            double end = b.isNone("end") ? b.number("start") : b.number("end");
            double step = b.number("step");
            boolean floating = b.get("start") instanceof Value.FloatValue || b.get("end") instanceof Value.FloatValue
                    || b.get("step") instanceof Value.FloatValue;
            DType dtype = dtypeOf(b).orElse(floating ? DType.F32 : DType.I64);
            if (step == 0) {
                throw new FrameworkException("RuntimeError", "step must be nonzero");
            }
            long n = (long) Math.max(0, Math.ceil((end - start) / step));
            Shape shape = Shape.of(n);
            if (!NumericBudget.allows(shape)) {
                throw new NumericBudget.Exceeded("torch.arange", shape);
            }
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) {
                v[i] = start + i * step;
            }
            return profile.wrap(Tensor.of(dtype, shape, v));
        });
        torch.function("eye", (args, ctx) -> {
            Bound b = Signature.of("eye", "n", "m", "*", "dtype", "device").noneDefaults("m", "dtype", "device").bind(args);
            long n = b.integer("n");
            long m = b.isNone("m") ? n : b.integer("m");
            if (n < 0 || m < 0) {
                String which = n < 0 ? "n" : "m";
                throw new FrameworkException("RuntimeError", which + " must be greater or equal to 0, got "
                        + (n < 0 ? n : m));
            }
            DType dtype = dtypeOf(b).orElse(DType.F32);
            Shape shape = Shape.of(n, m);
            if (!NumericBudget.allows(shape)) {
                throw new NumericBudget.Exceeded("torch.eye", shape);
            }
            double[] v = new double[(int) (n * m)];
            for (int i = 0; i < Math.min(n, m); i++) {
                v[(int) (i * m + i)] = 1;
            }
            return profile.wrap(Tensor.of(dtype, shape, v));
        });
        torch.function("cat", (args, ctx) -> joined(profile, args, ctx, "cat", false));
        torch.function("concat", (args, ctx) -> joined(profile, args, ctx, "concat", false));
        torch.function("stack", (args, ctx) -> joined(profile, args, ctx, "stack", true));
        torch.function("matmul", (args, ctx) -> {
            Bound b = Signature.of("matmul", "input", "other").bind(args);
            return profile.wrap(TorchOps.matmul(Losses.tensor(b, "input", "matmul", 1),
                    Losses.tensor(b, "other", "matmul", 2), ctx, version));
        });
        torch.function("broadcast_tensors", (args, ctx) -> {
            Shape shape = Shape.SCALAR;
            for (Value v : args.positional()) {
                shape = TorchOps.broadcast(shape, TorchOps.tensorOf(v).shape(), ctx);
            }
            List<Value> out = new ArrayList<>();
            for (Value v : args.positional()) {
                Tensor t = TorchOps.tensorOf(v);
                out.add(profile.wrap(t.hasValues() && shape.isFullyKnown() ? Kernels.expand(t, shape)
                        : Tensor.shapeOnly(t.dtype(), shape)));
            }
            return new Value.TupleValue(out);
        });
        torch.function("where", (args, ctx) -> {
            Bound b = Signature.of("where", "condition", "input", "other").bind(args);
            Tensor c = Losses.tensor(b, "condition", "where", 1);
            Value x = b.get("input");
            Value y = b.get("other");
            DType dtype = TorchTypes.resultType(x, y);
            Tensor tx = TorchOps.asTensor(x, dtype);
            Tensor ty = TorchOps.asTensor(y, dtype);
            Shape shape = TorchOps.broadcast(TorchOps.broadcast(c.shape(), tx.shape(), ctx), ty.shape(), ctx);
            if (!c.hasValues() || !tx.hasValues() || !ty.hasValues() || !shape.isFullyKnown()) {
                return profile.wrap(Tensor.shapeOnly(dtype, shape));
            }
            Tensor left = Kernels.binary(c, tx.cast(dtype), shape, dtype, (cond, v) -> cond != 0 ? v : Double.NaN);
            return profile.wrap(Kernels.binary(left, ty.cast(dtype), shape, dtype,
                    (v, other) -> Double.isNaN(v) ? other : v));
        });
        torch.function("manual_seed", (args, ctx) -> Value.NONE);
        torch.function("Size", (args, ctx) -> {
            List<Long> sizes = TorchOps.sizeArguments(args.positional(), "Size");
            return TensorMethods.size(Shape.of(toLongs(sizes)));
        });
        // torch.<fn>(x, ...) as x.<fn>(...)
        for (String name : List.of("softmax", "log_softmax", "sigmoid", "exp", "log", "tanh", "sqrt", "relu", "abs",
                "argmax", "argmin", "sum", "mean", "max", "min", "prod", "squeeze", "unsqueeze", "flatten",
                "transpose", "permute", "reshape", "t", "gather", "masked_fill", "mm", "neg", "any", "all")) {
            torch.function(name, (args, ctx) -> asMethod(profile, name, args, ctx));
        }
        for (Map.Entry<String, Expr.BinaryOp> op : Map.of("add", Expr.BinaryOp.ADD, "sub", Expr.BinaryOp.SUB,
                "mul", Expr.BinaryOp.MUL, "div", Expr.BinaryOp.DIV, "eq", Expr.BinaryOp.EQ,
                "pow", Expr.BinaryOp.POW).entrySet()) {
            torch.function(op.getKey(), (args, ctx) -> {
                Bound b = Signature.of(op.getKey(), "input", "other").bind(args);
                return profile.wrap(TorchOps.binary(op.getValue(), b.get("input"), b.get("other"), ctx));
            });
        }
        return torch;
    }

    private static Value asMethod(TorchProfile profile, String name, Arguments args, CallContext ctx) {
        if (args.positional().isEmpty() || !(args.positional().get(0) instanceof Value.TensorValue self)) {
            Value first = args.positional().isEmpty() ? args.keywords().get("input") : args.positional().get(0);
            if (first instanceof Value.TensorValue self) {
                Map<String, Value> rest = new java.util.LinkedHashMap<>(args.keywords());
                rest.remove("input");
                return callMethod(profile, self, name, new Arguments(args.positional(), rest, args.positionalSpans(),
                        Map.of(), args.positionalSources(), Map.of(), args.callSpan()), ctx);
            }
            throw new FrameworkException("TypeError", name + "(): argument 'input' (position 1) must be Tensor, not "
                    + (first == null ? "nothing" : first.typeName()));
        }
        List<Value> rest = args.positional().subList(1, args.size() - args.keywords().size());
        Arguments tail = new Arguments(rest, args.keywords(),
                args.positionalSpans().subList(1, args.positionalSpans().size()), args.keywordSpans(),
                args.positionalSources().subList(1, args.positionalSources().size()), args.keywordSources(),
                args.callSpan());
        return callMethod(profile, self, name, tail, ctx);
    }

    private static Value callMethod(TorchProfile profile, Value.TensorValue self, String name, Arguments args,
                                    CallContext ctx) {
        Value method = profile.attribute(self, name, ctx).orElseThrow();
        return ((Value.PyObject) method).call(args, ctx);
    }

    private static void factory(Module torch, TorchProfile profile, String name, double fill, boolean random) {
        torch.function(name, (args, ctx) -> {
            Map<String, Value> keywords = args.keywords();
            List<Long> sizes = TorchOps.sizeArguments(args.positional(), name);
            Value dtypeArg = keywords.get("dtype");
            DType dtype = dtypeArg instanceof Value.DTypeValue d ? d.dtype() : DType.F32;
            Shape shape = Shape.of(toLongs(sizes));
            for (long s : sizes) {
                if (s < 0) {
                    throw new FrameworkException("RuntimeError", "Trying to create tensor with negative dimension " + s
                            + ": " + sizes);
                }
            }
            if (random) {
                return profile.wrap(Tensor.shapeOnly(dtype, shape));
            }
            return profile.wrap(filled("torch." + name, dtype, shape, fill));
        });
    }

    /** A tensor of one value; over the numeric budget it is refused with a clear message. */
    private static Tensor filled(String what, DType dtype, Shape shape, double fill) {
        if (!NumericBudget.allows(shape)) {
            throw new NumericBudget.Exceeded(what + "(" + shape.format("", ", ", "", "None", false) + ")", shape);
        }
        double[] v = new double[(int) shape.numel().getAsLong()];
        java.util.Arrays.fill(v, fill);
        return Tensor.of(dtype, shape, v);
    }

    private static Value joined(TorchProfile profile, Arguments args, CallContext ctx, String name, boolean stack) {
        Bound b = Signature.of(name, "tensors", "dim").def("dim", 0).bind(args);
        List<Value> items = Python.sequenceItems(b.get("tensors"));
        if (items == null) {
            throw new FrameworkException("TypeError", name + "() received an invalid combination of arguments - got ("
                    + b.get("tensors").typeName() + "), but expected one of:\n * (tuple of Tensors tensors, int dim = 0)");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Value.TensorValue t)) {
                throw new FrameworkException("TypeError", "expected Tensor as element " + i + " in argument 0, but got "
                        + items.get(i).typeName());
            }
            tensors.add(t.tensor());
        }
        long dim = b.integer("dim");
        return profile.wrap(stack ? TorchOps.stack(tensors, dim, ctx) : TorchOps.cat(tensors, dim, ctx));
    }

    private static java.util.Optional<DType> dtypeOf(Bound b) {
        return b.get("dtype") instanceof Value.DTypeValue d ? java.util.Optional.of(d.dtype()) : java.util.Optional.empty();
    }

    private static long[] toLongs(List<Long> sizes) {
        long[] out = new long[sizes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes.get(i);
        }
        return out;
    }
}
