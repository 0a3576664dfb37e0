package dev.shapes.framework.ndarray;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code np} names Keras programs use around their models: building and
 * reshaping arrays ({@code np.array}, {@code np.zeros}, {@code np.random.rand},
 * {@code reshape}, {@code expand_dims}, {@code concatenate}), picking labels
 * ({@code argmax}, {@code squeeze}) and a few reductions. Random arrays are
 * shape-only.
 */
public final class NumpyModule {

    private NumpyModule() {}

    public static Module module() {
        Module np = new Module("numpy");
        for (DType t : DType.values()) {
            np.put(t.longName, new Value.DTypeValue(t, "<class 'numpy." + t.longName + "'>"));
        }
        np.put("bool_", new Value.DTypeValue(DType.BOOL, "<class 'numpy.bool'>"));
        np.put("float_", new Value.DTypeValue(DType.F64, "<class 'numpy.float64'>"));
        np.put("newaxis", Value.NONE);
        np.put("pi", new Value.FloatValue(Math.PI));
        np.put("e", new Value.FloatValue(Math.E));
        np.function("array", NumpyModule::array);
        np.function("asarray", NumpyModule::array);
        factory(np, "zeros", 0.0);
        factory(np, "ones", 1.0);
        factory(np, "empty", Double.NaN);
        np.function("full", (args, ctx) -> {
            Bound b = Signature.of("full", "shape", "fill_value", "dtype").noneDefaults("dtype").bind(args);
            Shape shape = Shape.of(toLongs(NumpyArrays.sizes(List.of(b.get("shape")), "full")));
            Value fill = b.get("fill_value");
            DType dtype = b.isNone("dtype") ? (fill instanceof Value.FloatValue ? DType.F64
                    : fill instanceof Value.BoolValue ? DType.BOOL : DType.I64) : NumpyArrays.dtype(b.get("dtype"));
            return NumpyArrays.wrap(filled(dtype, shape, b.number("fill_value")));
        });
        for (String like : List.of("zeros_like", "ones_like", "empty_like")) {
            np.function(like, (args, ctx) -> {
                Bound b = Signature.of(like, "a", "dtype").noneDefaults("dtype").bind(args);
                Tensor a = array(b.get("a"));
                DType dtype = b.isNone("dtype") ? a.dtype() : NumpyArrays.dtype(b.get("dtype"));
                return NumpyArrays.wrap(like.startsWith("empty") ? Tensor.shapeOnly(dtype, a.shape())
                        : filled(dtype, a.shape(), like.startsWith("zeros") ? 0 : 1));
            });
        }
        np.function("arange", (args, ctx) -> {
            Bound b = Signature.of("arange", "start", "stop", "step", "dtype").noneDefaults("stop", "dtype")
                    .def("step", 1).bind(args);
            double start = b.isNone("stop") ? 0 : b.number("start");
            double stop = b.isNone("stop") ? b.number("start") : b.number("stop");
            double step = b.number("step");
            boolean floating = b.get("start") instanceof Value.FloatValue || b.get("stop") instanceof Value.FloatValue
                    || b.get("step") instanceof Value.FloatValue;
            DType dtype = b.isNone("dtype") ? (floating ? DType.F64 : DType.I64) : NumpyArrays.dtype(b.get("dtype"));
            if (step == 0) {
                throw new FrameworkException("ZeroDivisionError", "division by zero");
            }
            long n = (long) Math.max(0, Math.ceil((stop - start) / step));
            Shape shape = Shape.of(n);
            if (!NumericBudget.allows(shape)) {
                return NumpyArrays.wrap(Tensor.shapeOnly(dtype, shape));
            }
            double[] v = new double[(int) n];
            for (int i = 0; i < n; i++) {
                v[i] = start + i * step;
            }
            return NumpyArrays.wrap(Tensor.of(dtype, shape, v));
        });
        np.function("eye", (args, ctx) -> {
            Bound b = Signature.of("eye", "N", "M", "k", "dtype").noneDefaults("M", "dtype").def("k", 0).bind(args);
            long n = b.integer("N");
            long m = b.isNone("M") ? n : b.integer("M");
            DType dtype = b.isNone("dtype") ? DType.F64 : NumpyArrays.dtype(b.get("dtype"));
            Shape shape = Shape.of(n, m);
            if (!NumericBudget.allows(shape)) {
                return NumpyArrays.wrap(Tensor.shapeOnly(dtype, shape));
            }
            double[] v = new double[(int) (n * m)];
            for (int i = 0; i < Math.min(n, m); i++) {
                v[(int) (i * m + i)] = 1;
            }
            return NumpyArrays.wrap(Tensor.of(dtype, shape, v));
        });
        np.put("random", random());
        for (String name : List.of("argmax", "argmin", "sum", "mean", "max", "min", "amax", "amin", "prod")) {
            np.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "a", "axis", "out", "keepdims").noneDefaults("axis", "out")
                        .def("keepdims", false).bind(args);
                Tensor a = array(b.get("a"));
                return NumpyArrays.wrap(NumpyArrays.reduce(a, b.isNone("axis") ? Optional.empty()
                        : Optional.of(b.integer("axis")), b.bool("keepdims"), NumpyArrays.reduction(name)));
            });
        }
        np.function("squeeze", (args, ctx) -> {
            Bound b = Signature.of("squeeze", "a", "axis").noneDefaults("axis").bind(args);
            return NumpyArrays.wrap(NumpyArrays.squeeze(array(b.get("a")), b.isNone("axis") ? Optional.empty()
                    : Optional.of(b.integer("axis")), ctx));
        });
        np.function("reshape", (args, ctx) -> {
            Bound b = Signature.of("reshape", "a", "shape", "order").def("order", "C").bind(args);
            return NumpyArrays.wrap(NumpyArrays.reshape(array(b.get("a")), NumpyArrays.sizes(List.of(b.get("shape")),
                    "reshape"), ctx));
        });
        np.function("expand_dims", (args, ctx) -> {
            Bound b = Signature.of("expand_dims", "a", "axis").bind(args);
            return NumpyArrays.wrap(NumpyArrays.expandDims(array(b.get("a")), b.integer("axis")));
        });
        np.function("transpose", (args, ctx) -> {
            Bound b = Signature.of("transpose", "a", "axes").noneDefaults("axes").bind(args);
            return NumpyArrays.wrap(NumpyArrays.transpose(array(b.get("a")), b.isNone("axes") ? List.of()
                    : NumpyArrays.sizes(List.of(b.get("axes")), "transpose")));
        });
        np.function("concatenate", (args, ctx) -> {
            Bound b = Signature.of("concatenate", "arrays", "axis").def("axis", 0).bind(args);
            return NumpyArrays.wrap(NumpyArrays.concatenate(arrays(b.get("arrays")), b.integer("axis"), ctx));
        });
        np.function("vstack", (args, ctx) -> {
            Bound b = Signature.of("vstack", "tup").bind(args);
            List<Tensor> parts = new ArrayList<>();
            for (Tensor t : arrays(b.get("tup"))) {
                parts.add(t.rank() == 1 ? TensorMath.reshape(t, t.shape().inserting(0, dev.shapes.tensor.Dim.of(1))) : t);
            }
            return NumpyArrays.wrap(NumpyArrays.concatenate(parts, 0, ctx));
        });
        np.function("hstack", (args, ctx) -> {
            Bound b = Signature.of("hstack", "tup").bind(args);
            List<Tensor> parts = arrays(b.get("tup"));
            return NumpyArrays.wrap(NumpyArrays.concatenate(parts, parts.get(0).rank() == 1 ? 0 : 1, ctx));
        });
        np.function("stack", (args, ctx) -> {
            Bound b = Signature.of("stack", "arrays", "axis").def("axis", 0).bind(args);
            List<Tensor> parts = arrays(b.get("arrays"));
            long axis = b.integer("axis");
            for (int i = 1; i < parts.size(); i++) {
                if (!parts.get(i).shape().equals(parts.get(0).shape())) {
                    throw new FrameworkException("ValueError", "all input arrays must have the same shape");
                }
            }
            int a = NumpyArrays.axis(axis, parts.get(0).rank() + 1);
            List<Tensor> expanded = parts.stream().map(t -> NumpyArrays.expandDims(t, a)).toList();
            return NumpyArrays.wrap(NumpyArrays.concatenate(expanded, a, ctx));
        });
        unary(np, "log", Math::log);
        unary(np, "exp", Math::exp);
        unary(np, "sqrt", Math::sqrt);
        unary(np, "abs", Math::abs);
        unary(np, "tanh", Math::tanh);
        unary(np, "log1p", Math::log1p);
        np.function("clip", (args, ctx) -> {
            Bound b = Signature.of("clip", "a", "a_min", "a_max").bind(args);
            Tensor a = array(b.get("a"));
            double lo = b.isNone("a_min") ? Double.NEGATIVE_INFINITY : b.number("a_min");
            double hi = b.isNone("a_max") ? Double.POSITIVE_INFINITY : b.number("a_max");
            return NumpyArrays.wrap(TensorMath.map(a, v -> Math.min(Math.max(v, lo), hi)));
        });
        np.function("where", (args, ctx) -> {
            Bound b = Signature.of("where", "condition", "x", "y").bind(args);
            Tensor c = array(b.get("condition"));
            Tensor x = array(b.get("x"));
            Tensor y = array(b.get("y"));
            Shape out = NumpyArrays.broadcast(List.of(c.shape(), x.shape(), y.shape()), ctx);
            DType dtype = NumpyArrays.promote(x.dtype(), y.dtype());
            Tensor left = TensorMath.zip(c, x.cast(dtype), out, dtype, (cond, v) -> cond != 0 ? v : Double.NaN);
            return NumpyArrays.wrap(TensorMath.zip(left, y.cast(dtype), out, dtype, (v, o) -> Double.isNaN(v) ? o : v));
        });
        return np;
    }

    private static void unary(Module np, String name, java.util.function.DoubleUnaryOperator f) {
        np.function(name, (args, ctx) -> {
            Bound b = Signature.of(name, "x").bind(args);
            Tensor x = array(b.get("x"));
            DType out = x.dtype().isFloating() ? x.dtype() : DType.F64;
            return NumpyArrays.wrap(TensorMath.map(x, out, f));
        });
    }

    private static Module random() {
        Module random = new Module("numpy.random");
        random.function("seed", (args, ctx) -> Value.NONE);
        for (String name : List.of("rand", "randn")) {
            random.function(name, (args, ctx) -> NumpyArrays.wrap(Tensor.shapeOnly(DType.F64,
                    Shape.of(toLongs(NumpyArrays.sizes(args.positional(), name))))));
        }
        for (String name : List.of("random", "random_sample", "normal", "uniform")) {
            random.function(name, (args, ctx) -> {
                Value size = args.keywords().get("size");
                if (size == null && name.startsWith("random") && !args.positional().isEmpty()) {
                    size = args.positional().get(0);
                }
                if (size == null && !name.startsWith("random") && args.positional().size() == 3) {
                    size = args.positional().get(2);
                }
                if (size == null || size instanceof Value.NoneValue) {
                    return new Value.FloatValue(0.5);
                }
                return NumpyArrays.wrap(Tensor.shapeOnly(DType.F64, Shape.of(toLongs(NumpyArrays.sizes(List.of(size),
                        name)))));
            });
        }
        random.function("randint", (args, ctx) -> {
            Bound b = Signature.of("randint", "low", "high", "size", "dtype").noneDefaults("high", "size")
                    .def("dtype", "int64").bind(args);
            DType dtype = NumpyArrays.dtype(b.get("dtype"));
            if (b.isNone("size")) {
                return new Value.IntValue((long) b.number("low"));
            }
            return NumpyArrays.wrap(Tensor.shapeOnly(dtype, Shape.of(toLongs(NumpyArrays.sizes(List.of(b.get("size")),
                    "randint")))));
        });
        return random;
    }

    private static Value array(Arguments args, CallContext ctx) {
        Bound b = Signature.of("array", "object", "dtype", "*", "copy", "order", "subok", "ndmin")
                .noneDefaults("dtype", "copy", "order", "subok").def("ndmin", 0).bind(args);
        Value obj = b.get("object");
        Tensor t;
        if (obj instanceof Value.TensorValue tv) {
            t = tv.tensor();
        } else {
            List<Value> items = Python.sequenceItems(obj);
            if (items != null && !items.isEmpty() && items.stream().allMatch(v -> v instanceof Value.TensorValue)) {
                List<Tensor> parts = new ArrayList<>();
                for (Value v : items) {
                    Tensor p = ((Value.TensorValue) v).tensor();
                    parts.add(TensorMath.reshape(p, p.shape().inserting(0, dev.shapes.tensor.Dim.of(1))));
                }
                t = NumpyArrays.concatenate(parts, 0, ctx);
            } else {
                t = NumpyArrays.asArray(obj);
                if (t == null) {
                    throw new FrameworkException("ValueError", "setting an array element with a sequence. The "
                            + "requested array has an inhomogeneous shape after 1 dimensions.");
                }
            }
        }
        if (!b.isNone("dtype")) {
            t = t.cast(NumpyArrays.dtype(b.get("dtype")));
        }
        return NumpyArrays.wrap(t);
    }

    private static Tensor array(Value v) {
        Tensor t = NumpyArrays.asArray(v);
        if (t == null) {
            throw new FrameworkException("TypeError", "expected an array, got " + v.typeName());
        }
        return t;
    }

    private static List<Tensor> arrays(Value v) {
        List<Value> items = Python.sequenceItems(v);
        if (items == null) {
            throw new FrameworkException("TypeError", "expected a sequence of arrays");
        }
        List<Tensor> out = new ArrayList<>();
        for (Value item : items) {
            out.add(array(item));
        }
        return out;
    }

    private static void factory(Module np, String name, double fill) {
        np.function(name, (args, ctx) -> {
            Bound b = Signature.of(name, "shape", "dtype", "order").noneDefaults("dtype").def("order", "C").bind(args);
            Shape shape = Shape.of(toLongs(NumpyArrays.sizes(List.of(b.get("shape")), name)));
            DType dtype = b.isNone("dtype") ? DType.F64 : NumpyArrays.dtype(b.get("dtype"));
            return NumpyArrays.wrap(Double.isNaN(fill) ? Tensor.shapeOnly(dtype, shape) : filled(dtype, shape, fill));
        });
    }

    static Tensor filled(DType dtype, Shape shape, double fill) {
        if (!NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(dtype, shape);
        }
        double[] v = new double[(int) shape.numel().getAsLong()];
        java.util.Arrays.fill(v, fill);
        return Tensor.of(dtype, shape, v);
    }

    static long[] toLongs(List<Long> sizes) {
        long[] out = new long[sizes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes.get(i);
        }
        return out;
    }
}
