package dev.shapes.framework.torch;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Attributes and methods of a PyTorch tensor: {@code x.shape}, {@code x.view(...)}, {@code x.long()}, ... */
final class TensorMethods {

    /** A method's behaviour given its tensor. */
    @FunctionalInterface
    interface Body {
        Value call(Tensor self, Arguments args, CallContext ctx);
    }

    private final TorchProfile profile;
    private final TorchVersion version;
    private final Map<String, Body> methods = new LinkedHashMap<>();

    TensorMethods(TorchProfile profile) {
        this.profile = profile;
        this.version = profile.torchVersion();
        register();
    }

    List<String> names() {
        List<String> names = new ArrayList<>(List.of("shape", "dtype", "ndim", "T"));
        names.addAll(methods.keySet());
        return names;
    }

    Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        Tensor self = target.tensor();
        switch (name) {
            case "shape":
                return Optional.of(size(self.shape()));
            case "dtype":
                return Optional.of(new Value.DTypeValue(self.dtype(), TorchTypes.pythonName(self.dtype())));
            case "ndim":
                return Optional.of(new Value.IntValue(self.rank()));
            case "T":
                if (self.rank() != 2 && self.rank() != 0 && !version.isLegacy()) {
                    ctx.warn("The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                            + "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                            + "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to "
                            + "reverse the dimensions of a tensor.");
                }
                List<Long> order = new ArrayList<>();
                for (int i = self.rank() - 1; i >= 0; i--) {
                    order.add((long) i);
                }
                return Optional.of(wrap(TorchOps.permute(self, order, version)));
            default:
                break;
        }
        Body body = methods.get(name);
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(new Function("Tensor." + name, (args, c) -> body.call(self, args, c)));
    }

    private Value wrap(Tensor t) {
        return profile.wrap(t);
    }

    /** {@code torch.Size}: a tuple of ints (symbolic or unknown sizes stay as their names). */
    static Value size(Shape shape) {
        List<Value> items = new ArrayList<>();
        for (Dim d : shape.dims()) {
            items.add(d instanceof Dim.Known k ? new Value.IntValue(k.size()) : new SymbolicSize(d));
        }
        return new Value.TupleValue(items);
    }

    /** A size that is a symbol or unknown ({@code B}, {@code None}); usable where sizes are expected. */
    record SymbolicSize(Dim dim) implements Value.PyObject {
        @Override
        public String typeName() {
            return "SymInt";
        }

        @Override
        public String describe() {
            return dim.toString();
        }
    }

    private void method(String name, Body body) {
        methods.put(name, body);
    }

    private void register() {
        method("size", (self, args, ctx) -> {
            Bound b = Signature.of("size", "dim").noneDefaults("dim").bind(args);
            if (b.isNone("dim")) {
                return size(self.shape());
            }
            int d = TorchOps.dim(b.integer("dim"), self.rank());
            if (self.rank() == 0) {
                throw new FrameworkException("IndexError", "Dimension specified as " + b.integer("dim")
                        + " but tensor has no dimensions");
            }
            return size(Shape.of(self.shape().dim(d))) instanceof Value.TupleValue t ? t.items().get(0) : Value.NONE;
        });
        method("dim", (self, args, ctx) -> new Value.IntValue(self.rank()));
        method("numel", (self, args, ctx) -> {
            Dim n = self.shape().numelDim();
            return n instanceof Dim.Known k ? new Value.IntValue(k.size()) : new SymbolicSize(n);
        });
        method("view", (self, args, ctx) -> {
            if (args.positional().size() == 1 && args.positional().get(0) instanceof Value.DTypeValue) {
                return wrap(self.cast(((Value.DTypeValue) args.positional().get(0)).dtype()).withoutValues());
            }
            return wrap(TorchOps.reshape(self, sizes(args.positional(), "view"), true));
        });
        method("reshape", (self, args, ctx) -> wrap(TorchOps.reshape(self, sizes(args.positional(), "reshape"))));
        method("view_as", (self, args, ctx) -> wrap(TorchOps.reshape(self, known(other(args, "view_as").shape()), true)));
        method("reshape_as", (self, args, ctx) -> wrap(TorchOps.reshape(self, known(other(args, "reshape_as").shape()))));
        method("squeeze", (self, args, ctx) -> {
            Bound b = Signature.of("squeeze", "dim").noneDefaults("dim").bind(args);
            if (b.isNone("dim")) {
                return wrap(TorchOps.squeeze(self, List.of()));
            }
            Value d = b.get("dim");
            List<Value> many = Python.sequenceItems(d);
            if (many != null) {
                List<Long> dims = new ArrayList<>();
                for (Value v : many) {
                    dims.add(((Value.IntValue) v).value());
                }
                return wrap(TorchOps.squeeze(self, dims));
            }
            return wrap(TorchOps.squeeze(self, List.of(b.integer("dim"))));
        });
        method("unsqueeze", (self, args, ctx) -> {
            Bound b = Signature.of("unsqueeze", "dim").bind(args);
            return wrap(TorchOps.unsqueeze(self, b.integer("dim")));
        });
        method("flatten", (self, args, ctx) -> {
            Bound b = Signature.of("flatten", "start_dim", "end_dim").def("start_dim", 0).def("end_dim", -1).bind(args);
            return wrap(TorchOps.flatten(self, b.integer("start_dim"), b.integer("end_dim")));
        });
        method("transpose", (self, args, ctx) -> {
            Bound b = Signature.of("transpose", "dim0", "dim1").bind(args);
            return wrap(TorchOps.transpose(self, b.integer("dim0"), b.integer("dim1"), version));
        });
        method("t", (self, args, ctx) -> {
            if (self.rank() > 2) {
                throw new FrameworkException("RuntimeError", "t() expects a tensor with <= 2 dimensions, but self is "
                        + self.rank() + "D");
            }
            return wrap(self.rank() < 2 ? self : TorchOps.transpose(self, 0, 1, version));
        });
        method("permute", (self, args, ctx) -> wrap(TorchOps.permute(self, sizes(args.positional(), "permute"), version)));
        for (String same : List.of("detach", "cpu", "cuda", "requires_grad_")) {
            method(same, (self, args, ctx) -> wrap(self));
        }
        for (String copy : List.of("contiguous", "clone")) {
            method(copy, (self, args, ctx) -> wrap(self.withStrides(null)));
        }
        castMethod("float", DType.F32);
        castMethod("double", DType.F64);
        castMethod("half", DType.F16);
        castMethod("bfloat16", DType.BF16);
        castMethod("long", DType.I64);
        castMethod("int", DType.I32);
        castMethod("short", DType.I16);
        castMethod("char", DType.I8);
        castMethod("byte", DType.U8);
        castMethod("bool", DType.BOOL);
        method("to", (self, args, ctx) -> {
            for (Value v : args.positional()) {
                if (v instanceof Value.DTypeValue d) {
                    return wrap(self.cast(d.dtype()));
                }
                if (v instanceof Value.TensorValue other) {
                    return wrap(self.cast(other.tensor().dtype()));
                }
            }
            Value d = args.keywords().get("dtype");
            if (d instanceof Value.DTypeValue dt) {
                return wrap(self.cast(dt.dtype()));
            }
            return wrap(self);
        });
        method("type_as", (self, args, ctx) -> wrap(self.cast(other(args, "type_as").dtype())));
        reduction("sum", Kernels.Reduction.SUM);
        reduction("mean", Kernels.Reduction.MEAN);
        reduction("prod", Kernels.Reduction.PROD);
        reduction("argmax", Kernels.Reduction.ARGMAX);
        reduction("argmin", Kernels.Reduction.ARGMIN);
        reduction("any", Kernels.Reduction.ANY);
        reduction("all", Kernels.Reduction.ALL);
        extreme("max", Kernels.Reduction.MAX, Kernels.Reduction.ARGMAX);
        extreme("min", Kernels.Reduction.MIN, Kernels.Reduction.ARGMIN);
        method("softmax", (self, args, ctx) -> {
            Bound b = Signature.of("softmax", "dim", "dtype").noneDefaults("dtype").bind(args);
            return wrap(TorchOps.softmax(self, b.integer("dim"), false, version));
        });
        method("log_softmax", (self, args, ctx) -> {
            Bound b = Signature.of("log_softmax", "dim", "dtype").noneDefaults("dtype").bind(args);
            return wrap(TorchOps.softmax(self, b.integer("dim"), true, version));
        });
        method("sigmoid", (self, args, ctx) -> wrap(TorchOps.floatUnary(self, TorchOps::sigmoid)));
        method("exp", (self, args, ctx) -> wrap(TorchOps.floatUnary(self, Math::exp)));
        method("log", (self, args, ctx) -> wrap(TorchOps.floatUnary(self, Math::log)));
        method("tanh", (self, args, ctx) -> wrap(TorchOps.floatUnary(self, Math::tanh)));
        method("sqrt", (self, args, ctx) -> wrap(TorchOps.floatUnary(self, Math::sqrt)));
        method("relu", (self, args, ctx) -> wrap(self.hasValues() ? Kernels.map(self, self.dtype(), v -> Math.max(v, 0))
                : self));
        method("abs", (self, args, ctx) -> wrap(self.hasValues() ? Kernels.map(self, self.dtype(), Math::abs) : self));
        method("neg", (self, args, ctx) -> wrap(TorchOps.negate(self)));
        method("item", (self, args, ctx) -> {
            if (self.shape().numel().orElse(2) != 1) {
                throw new FrameworkException("RuntimeError", "a Tensor with " + self.shape().numelDim()
                        + " elements cannot be converted to Scalar");
            }
            if (!self.hasValues()) {
                throw new dev.shapes.eval.NotationException("ValueError",
                        "item() of a shape-only tensor has no value; declare it with a value", null);
            }
            double v = self.data()[0];
            return self.dtype().isFloating() ? new Value.FloatValue(v)
                    : self.dtype() == DType.BOOL ? new Value.BoolValue(v != 0) : new Value.IntValue((long) v);
        });
        method("matmul", (self, args, ctx) -> wrap(TorchOps.matmul(self, other(args, "matmul"), ctx, version)));
        method("mm", (self, args, ctx) -> {
            Tensor o = other(args, "mm");
            if (self.rank() != 2) {
                throw new FrameworkException("RuntimeError", "self must be a matrix");
            }
            if (o.rank() != 2) {
                throw new FrameworkException("RuntimeError", "mat2 must be a matrix");
            }
            return wrap(TorchOps.matmul(self, o, ctx, version));
        });
        for (Map.Entry<String, Expr.BinaryOp> op : Map.of("add", Expr.BinaryOp.ADD, "sub", Expr.BinaryOp.SUB,
                "mul", Expr.BinaryOp.MUL, "div", Expr.BinaryOp.DIV, "eq", Expr.BinaryOp.EQ, "ne", Expr.BinaryOp.NE,
                "lt", Expr.BinaryOp.LT, "gt", Expr.BinaryOp.GT, "le", Expr.BinaryOp.LE, "ge", Expr.BinaryOp.GE).entrySet()) {
            method(op.getKey(), (self, args, ctx) -> {
                Bound b = Signature.of(op.getKey(), "other").bind(args);
                return wrap(TorchOps.binary(op.getValue(), wrap(self), b.get("other"), ctx));
            });
        }
        method("expand", (self, args, ctx) -> wrap(expand(self, sizes(args.positional(), "expand"), ctx)));
        method("expand_as", (self, args, ctx) -> wrap(expand(self, known(other(args, "expand_as").shape()), ctx)));
        method("masked_fill", (self, args, ctx) -> {
            Bound b = Signature.of("masked_fill", "mask", "value").bind(args);
            Tensor mask = b.tensor("mask", "masked_fill(): argument 'mask' (position 1) must be Tensor, not {type}");
            if (mask.dtype() != DType.BOOL) {
                throw new FrameworkException("RuntimeError", "masked_fill_ only supports boolean masks, but got mask "
                        + "with dtype " + (version.isLegacy() ? TorchTypes.name(mask.dtype()).toLowerCase()
                        : TorchTypes.pythonName(mask.dtype()).substring(6)));
            }
            Shape out = TorchOps.broadcast(self.shape(), mask.shape(), ctx);
            if (!out.equals(self.shape()) && !ctx.bindings().resolve(out).equals(ctx.bindings().resolve(self.shape()))) {
                throw new FrameworkException("RuntimeError", "masked_fill_ only supports masks broadcastable to self");
            }
            double fill = b.number("value");
            if (!self.hasValues() || !mask.hasValues()) {
                return wrap(self.withoutValues());
            }
            return wrap(Kernels.binary(self, mask, self.shape(), self.dtype(), (x, m) -> m != 0 ? fill : x));
        });
        method("gather", (self, args, ctx) -> {
            Bound b = Signature.of("gather", "dim", "index").bind(args);
            Tensor index = b.tensor("index", "gather(): argument 'index' (position 2) must be Tensor, not {type}");
            return wrap(gather(self, b.integer("dim"), index, ctx));
        });
        method("tolist", (self, args, ctx) -> {
            if (!self.hasValues()) {
                throw new dev.shapes.eval.NotationException("ValueError",
                        "tolist() of a shape-only tensor has no values", null);
            }
            return toPython(self.nested());
        });
    }

    private void castMethod(String name, DType dtype) {
        method(name, (self, args, ctx) -> wrap(self.cast(dtype)));
    }

    private void reduction(String name, Kernels.Reduction kind) {
        method(name, (self, args, ctx) -> {
            Bound b = Signature.of(name, "dim", "keepdim", "*", "dtype").noneDefaults("dim", "dtype")
                    .def("keepdim", false).bind(args);
            return wrap(TorchOps.reduce(self, dims(b), b.bool("keepdim"), kind, name));
        });
    }

    private void extreme(String name, Kernels.Reduction values, Kernels.Reduction indices) {
        method(name, (self, args, ctx) -> {
            if (args.positional().size() == 1 && args.positional().get(0) instanceof Value.TensorValue other) {
                Tensor o = other.tensor();
                Shape out = TorchOps.broadcast(self.shape(), o.shape(), ctx);
                DType t = TorchTypes.promote(self.dtype(), o.dtype());
                if (!self.hasValues() || !o.hasValues()) {
                    return wrap(Tensor.shapeOnly(t, out));
                }
                return wrap(Kernels.binary(self.cast(t), o.cast(t), out, t,
                        values == Kernels.Reduction.MAX ? Math::max : Math::min));
            }
            Bound b = Signature.of(name, "dim", "keepdim").noneDefaults("dim").def("keepdim", false).bind(args);
            if (b.isNone("dim")) {
                return wrap(TorchOps.reduce(self, List.of(), false, values, name));
            }
            List<Long> d = List.of(b.integer("dim"));
            Value v = wrap(TorchOps.reduce(self, d, b.bool("keepdim"), values, name));
            Value i = wrap(TorchOps.reduce(self, d, b.bool("keepdim"), indices, name));
            return new Value.TupleValue(List.of(v, i));
        });
    }

    private static List<Long> dims(Bound b) {
        if (b.isNone("dim")) {
            return List.of();
        }
        List<Value> many = Python.sequenceItems(b.get("dim"));
        if (many != null) {
            List<Long> out = new ArrayList<>();
            for (Value v : many) {
                out.add((long) Python.toDouble(v));
            }
            return out;
        }
        return List.of(b.integer("dim"));
    }

    private static Tensor other(Arguments args, String name) {
        if (args.positional().isEmpty() || !(args.positional().get(0) instanceof Value.TensorValue t)) {
            throw new FrameworkException("TypeError", name + "(): argument 'other' (position 1) must be Tensor, not "
                    + (args.positional().isEmpty() ? "nothing" : args.positional().get(0).typeName()));
        }
        return t.tensor();
    }

    private static List<Long> known(Shape shape) {
        List<Long> out = new ArrayList<>();
        for (Dim d : shape.dims()) {
            out.add(d.known().orElseThrow(() -> new dev.shapes.eval.NotationException("ValueError",
                    "the target shape " + shape + " is not fully known", null)));
        }
        return out;
    }

    /** Size arguments: ints, a tuple, or a torch.Size possibly holding symbolic sizes. */
    static List<Long> sizes(List<Value> args, String function) {
        List<Value> items = args;
        if (args.size() == 1 && Python.sequenceItems(args.get(0)) != null) {
            items = Python.sequenceItems(args.get(0));
        }
        for (Value v : items) {
            if (v instanceof SymbolicSize s) {
                throw new dev.shapes.eval.NotationException("ValueError", function + "() was given the size "
                        + s.dim() + ", which is not a number; Shapes needs the sizes of " + function
                        + "() as integers or -1", null);
            }
        }
        return TorchOps.sizeArguments(items, function);
    }

    private Tensor expand(Tensor self, List<Long> sizes, CallContext ctx) {
        int rank = sizes.size();
        if (rank < self.rank()) {
            throw new FrameworkException("RuntimeError", "expand(" + TorchText.size(self.shape()).replace("torch.Size", "torch.FloatTensor{")
                    .replace("(", "").replace(")", "") + "}, size=" + sizes + "): the number of sizes provided ("
                    + rank + ") must be greater or equal to the number of dimensions in the tensor (" + self.rank() + ")");
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            int j = i - (rank - self.rank());
            long want = sizes.get(i);
            Dim have = j >= 0 ? self.shape().dim(j) : Dim.of(1);
            if (want < -1) {
                // PyTorch 1.13 overflows computing numel ("numel: integer multiplication overflow"); 2.x is unrecorded
                throw new dev.shapes.eval.NotationException("NotImplementedError", "expand() with the negative size "
                        + want + " is not modelled; sizes are -1 (keep) or a size", null);
            }
            if (want == -1) {
                if (j < 0) {
                    throw new FrameworkException("RuntimeError", "The expanded size of the tensor (-1) isn't allowed in "
                            + "a leading, non-existing dimension " + i);
                }
                out.add(have);
            } else if (have.is(1) || have.is(want)) {
                out.add(Dim.of(want));
            } else if (have instanceof Dim.Known) {
                throw new FrameworkException("RuntimeError", "The expanded size of the tensor (" + want + ") must match "
                        + "the existing size (" + have + ") at non-singleton dimension " + i + ".  Target sizes: "
                        + sizes + ".  Tensor sizes: " + TorchText.sizes(self.shape()));
            } else {
                ctx.bindings().unify(have, Dim.of(want), "tensor", "expand");
                out.add(Dim.of(want));
            }
        }
        Shape shape = new Shape(out);
        long[] inStrides = TorchOps.stridesOf(self);
        long[] outStrides = null;
        if (inStrides != null && shape.isFullyKnown()) {
            outStrides = new long[rank];
            for (int i = 0; i < rank; i++) {
                int j = i - (rank - self.rank());
                outStrides[i] = j < 0 || (self.shape().dim(j).is(1) && !shape.dim(i).is(1)) ? 0 : inStrides[j];
            }
        }
        Tensor result = self.hasValues() ? Kernels.expand(self, shape) : Tensor.shapeOnly(self.dtype(), shape);
        return TorchOps.laidOut(result, outStrides);
    }

    private Tensor gather(Tensor self, long d, Tensor index, CallContext ctx) {
        int axis = TorchOps.dim(d, self.rank());
        if (index.dtype() != DType.I64) {
            throw new FrameworkException("RuntimeError", "gather(): Expected dtype int64 for index");
        }
        if (index.rank() != self.rank()) {
            throw new FrameworkException("RuntimeError", "Index tensor must have the same number of dimensions as "
                    + "input tensor");
        }
        for (int i = 0; i < self.rank(); i++) {
            if (i != axis && index.shape().dim(i).known().orElse(0) > self.shape().dim(i).known().orElse(Long.MAX_VALUE)) {
                throw new FrameworkException("RuntimeError", "Size does not match at dimension " + i
                        + " expected index " + TorchText.sizes(index.shape()) + " to be smaller than self "
                        + TorchText.sizes(self.shape()) + " apart from dimension " + axis);
            }
        }
        if (!self.hasValues() || !index.hasValues()) {
            return Tensor.shapeOnly(self.dtype(), index.shape());
        }
        long size = self.shape().dim(axis).known().getAsLong();
        for (double v : index.data()) {
            if (v < -size || v >= size) {
                throw new FrameworkException("RuntimeError", "index " + (long) v + " is out of bounds for dimension "
                        + axis + " with size " + size);
            }
        }
        return Kernels.takeAlongAxis(self, index, axis, index.shape());
    }

    private static Value toPython(Object nested) {
        if (nested instanceof List<?> list) {
            List<Value> items = new ArrayList<>();
            for (Object o : list) {
                items.add(toPython(o));
            }
            return new Value.ListValue(items);
        }
        if (nested instanceof Boolean b) {
            return new Value.BoolValue(b);
        }
        if (nested instanceof Long l) {
            return new Value.IntValue(l);
        }
        return new Value.FloatValue((Double) nested);
    }
}
