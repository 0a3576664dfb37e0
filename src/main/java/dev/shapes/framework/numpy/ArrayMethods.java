package dev.shapes.framework.numpy;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Attributes and methods of an ndarray: {@code a.shape}, {@code a.reshape(...)}, {@code a.sum(axis=1)}, ... */
final class ArrayMethods {

    /** A method's behaviour given its array. */
    @FunctionalInterface
    interface Body {
        Value call(Tensor self, Arguments args, CallContext ctx);
    }

    private final NumpyProfile profile;
    private final NumpyOps ops;
    private final Map<String, Body> methods = new LinkedHashMap<>();

    ArrayMethods(NumpyProfile profile) {
        this.profile = profile;
        this.ops = profile.ops();
        register();
    }

    List<String> names() {
        List<String> names = new ArrayList<>(List.of("shape", "ndim", "dtype", "size", "T", "itemsize", "nbytes"));
        names.addAll(methods.keySet());
        return names;
    }

    Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        Tensor self = target.tensor();
        switch (name) {
            case "shape":
                return Optional.of(shape(self.shape()));
            case "ndim":
                return Optional.of(new Value.IntValue(self.rank()));
            case "dtype":
                return Optional.of(new ArrayDType(self.dtype(), profile));
            case "size":
                return Optional.of(size(self.shape().numelDim()));
            case "itemsize":
                return Optional.of(new Value.IntValue(Math.max(1, self.dtype().bits / 8)));
            case "nbytes":
                return Optional.of(size(self.shape().numelDim().times(Dim.of(Math.max(1, self.dtype().bits / 8)))));
            case "T":
                return Optional.of(wrap(ops.transpose(self, List.of())));
            default:
                break;
        }
        Body body = methods.get(name);
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(new Function("ndarray." + name, (args, c) -> body.call(self, args, c)));
    }

    /** A shape as NumPy hands it out: a tuple of ints (symbolic sizes stay symbols). */
    static Value shape(Shape shape) {
        List<Value> items = new ArrayList<>();
        for (Dim d : shape.dims()) {
            items.add(size(d));
        }
        return new Value.TupleValue(items);
    }

    static Value size(Dim d) {
        return d instanceof Dim.Known k ? new Value.IntValue(k.size()) : new SymbolicInt(d);
    }

    private Value wrap(Tensor t) {
        return profile.wrap(t);
    }

    private void method(String name, Body body) {
        methods.put(name, body);
    }

    private void register() {
        method("reshape", (self, args, ctx) -> {
            checkOrder(args);
            return wrap(ops.reshape(self, NumpyOps.sizeItems(args.positional()), ctx));
        });
        reduction("sum", "_sum", NumpyReductions.Kind.SUM, true);
        reduction("prod", "_prod", NumpyReductions.Kind.PROD, true);
        reduction("mean", "_mean", NumpyReductions.Kind.MEAN, true);
        reduction("std", "_std", NumpyReductions.Kind.STD, true);
        reduction("var", "_var", NumpyReductions.Kind.VAR, true);
        reduction("max", "_amax", NumpyReductions.Kind.MAX, false);
        reduction("min", "_amin", NumpyReductions.Kind.MIN, false);
        reduction("any", "_any", NumpyReductions.Kind.ANY, false);
        reduction("all", "_all", NumpyReductions.Kind.ALL, false);
        argReduction("argmax", NumpyReductions.Kind.ARGMAX);
        argReduction("argmin", NumpyReductions.Kind.ARGMIN);
        method("astype", (self, args, ctx) -> {
            if (args.positional().isEmpty() && !args.keywords().containsKey("dtype")) {
                throw new FrameworkException("TypeError", "astype() missing required argument 'dtype' (pos 0)");
            }
            Bound b = Signature.of("astype", "dtype", "order", "casting", "subok", "copy")
                    .def("order", "K").def("casting", "unsafe").def("subok", true).def("copy", true).bind(args);
            DType target = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64);
            return wrap(ops.cast(self, target, ctx));
        });
        method("squeeze", (self, args, ctx) -> {
            Bound b = Signature.of("squeeze", "axis").noneDefaults("axis").bind(args);
            return wrap(ops.squeeze(self, b.get("axis"), ctx));
        });
        method("flatten", (self, args, ctx) -> wrap(NumpyOps.flatten(self)));
        method("ravel", (self, args, ctx) -> wrap(NumpyOps.flatten(self)));
        method("transpose", (self, args, ctx) -> wrap(ops.transpose(self, NumpyOps.sizeItemsOrEmpty(args.positional()))));
        method("swapaxes", (self, args, ctx) -> {
            Bound b = Signature.of("swapaxes", "axis1", "axis2").bind(args);
            return wrap(ops.swapaxes(self, NumpyOps.index(b.get("axis1")), NumpyOps.index(b.get("axis2"))));
        });
        method("copy", (self, args, ctx) -> wrap(self));
        method("clip", (self, args, ctx) -> {
            Bound b = Signature.of("clip", "min", "max").noneDefaults("min", "max").bind(args);
            return wrap(ops.clip(wrap(self), b.get("min"), b.get("max"), ctx));
        });
        method("dot", (self, args, ctx) -> {
            Bound b = Signature.of("dot", "b").bind(args);
            return wrap(ops.dot(wrap(self), b.get("b"), ctx));
        });
        method("item", (self, args, ctx) -> {
            if (self.shape().numel().orElse(2) != 1) {
                throw new FrameworkException("ValueError", "can only convert an array of size 1 to a Python scalar");
            }
            if (!self.hasValues()) {
                throw new NotationException("ValueError",
                        "item() of a shape-only array has no value; declare it with a value", null);
            }
            return python(self, self.data()[0]);
        });
        method("tolist", (self, args, ctx) -> {
            if (!self.hasValues()) {
                throw new NotationException("ValueError", "tolist() of a shape-only array has no values", null);
            }
            return toPython(self.nested());
        });
        method("round", (self, args, ctx) -> {
            Bound b = Signature.of("round", "decimals", "out").def("decimals", 0).noneDefaults("out").bind(args);
            long decimals = b.integer("decimals");
            double scale = Math.pow(10, decimals);
            return wrap(self.hasValues() ? dev.shapes.tensor.Kernels.map(self, self.dtype(),
                    v -> Math.rint(v * scale) / scale) : self.withoutValues());
        });
        method("cumsum", (self, args, ctx) -> {
            Bound b = Signature.of("cumsum", "axis", "dtype", "out").noneDefaults("axis", "dtype", "out").bind(args);
            DType out = NumpyReductions.reducedType(NumpyReductions.Kind.SUM, self.dtype(), NumpyTypes.dtypeArgument(b.get("dtype")));
            Shape shape = b.isNone("axis") ? Shape.of(self.shape().numelDim()) : self.shape();
            if (!b.isNone("axis")) {
                NumpyOps.axis(NumpyOps.index(b.get("axis")), self.rank());
            }
            return wrap(Tensor.shapeOnly(out, shape));
        });
    }

    private static void checkOrder(Arguments args) {
        Value order = args.keywords().get("order");
        if (order != null && !(order instanceof Value.StrValue s && List.of("C", "F", "A").contains(s.value()))) {
            throw new FrameworkException("ValueError", "order must be one of 'C', 'F', 'A', or 'K' (got "
                    + dev.shapes.eval.Python.repr(order) + ")");
        }
        for (String k : args.keywords().keySet()) {
            if (!k.equals("order") && !k.equals("shape") && !k.equals("copy")) {
                throw new FrameworkException("TypeError", "'" + k + "' is an invalid keyword argument for this function");
            }
        }
    }

    /** A reduction method; {@code withDtype} ones take {@code dtype} second, as sum and mean do. */
    private void reduction(String name, String bindName, NumpyReductions.Kind kind, boolean withDtype) {
        method(name, (self, args, ctx) -> {
            Signature sig = withDtype
                    ? Signature.of(bindName, "axis", "dtype", "out", "keepdims", "initial", "where")
                    : Signature.of(bindName, "axis", "out", "keepdims", "initial", "where");
            if (kind == NumpyReductions.Kind.STD || kind == NumpyReductions.Kind.VAR) {
                sig = Signature.of(bindName, "axis", "dtype", "out", "ddof", "keepdims", "*", "where", "mean",
                        "correction").def("ddof", 0).noneDefaults("where", "mean", "correction");
            } else {
                sig.noneDefaults("initial", "where");
            }
            sig.noneDefaults("axis", "out").def("keepdims", false);
            if (withDtype) {
                sig.noneDefaults("dtype");
            }
            Bound b = sig.bind(args);
            return wrap(reduce(self, b, kind, withDtype, ctx));
        });
    }

    private void argReduction(String name, NumpyReductions.Kind kind) {
        method(name, (self, args, ctx) -> {
            Bound b = Signature.of(name, "axis", "out", "*", "keepdims").noneDefaults("axis", "out")
                    .def("keepdims", false).bind(args);
            return wrap(reduce(self, b, kind, false, ctx));
        });
    }

    /** The shared body of reductions: the method's and the {@code np.} function's bindings. */
    Tensor reduce(Tensor self, Bound b, NumpyReductions.Kind kind, boolean withDtype, CallContext ctx) {
        if (!b.isNone("out")) {
            throw new NotationException("NotImplementedError", "out= is not modelled; assign the result instead", null);
        }
        if (b.values().containsKey("initial") && !b.isNone("initial")) {
            throw new NotationException("NotImplementedError", "initial= is not modelled", null);
        }
        if (b.values().containsKey("ddof") && b.integer("ddof") != 0) {
            throw new NotationException("NotImplementedError", "ddof other than 0 is not modelled", null);
        }
        Optional<DType> dtype = withDtype ? NumpyTypes.dtypeArgument(b.get("dtype")) : Optional.empty();
        boolean keepdims = b.values().containsKey("keepdims") && b.bool("keepdims");
        return NumpyReductions.reduce(self, b.get("axis"), keepdims, kind, dtype, ctx);
    }

    private static Value python(Tensor self, double v) {
        if (self.dtype().isBool()) {
            return new Value.BoolValue(v != 0);
        }
        return self.dtype().isFloating() ? new Value.FloatValue(v) : new Value.IntValue((long) v);
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
