package dev.shapes.framework.numpy;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/** The {@code numpy} namespace: array factories, ufuncs, reductions, shape functions and dtypes. */
final class NumpyModule {

    private NumpyModule() {}

    static Module module(NumpyProfile profile, Module random, Module linalg) {
        NumpyOps ops = profile.ops();
        NumpyVersion version = profile.numpyVersion();
        Module np = new Module("numpy");
        np.put("random", random);
        np.put("linalg", linalg);
        dtypes(np, profile);
        np.put("newaxis", Value.NONE);
        np.put("pi", new Value.FloatValue(Math.PI));
        np.put("e", new Value.FloatValue(Math.E));
        np.put("inf", new Value.FloatValue(Double.POSITIVE_INFINITY));
        np.put("nan", new Value.FloatValue(Double.NaN));
        // what people reach for from PyTorch habits; NumPy has none of these
        np.absent("softmax", "log_softmax", "sigmoid", "relu", "one_hot", "cross_entropy", "logsumexp", "tensor",
                "unsqueeze", "cat", "argmax_keepdim");

        factories(np, profile, ops);
        ufuncs(np, profile, ops);
        reductions(np, profile, version);
        shapes(np, profile, ops);
        return np;
    }

    // ------------------------------------------------------------ dtypes

    private static void dtypes(Module np, NumpyProfile profile) {
        for (DType t : DType.values()) {
            if (t != DType.BF16) {
                np.put(t == DType.BOOL ? "bool_" : t.longName, profile.scalarType(t));
            }
        }
        if (!profile.numpyVersion().isLegacy()) {
            np.put("bool", profile.scalarType(DType.BOOL));
        } else {
            np.put("float_", profile.scalarType(DType.F64));
        }
        np.put("single", profile.scalarType(DType.F32));
        np.put("double", profile.scalarType(DType.F64));
        np.put("half", profile.scalarType(DType.F16));
        np.put("intp", profile.scalarType(DType.I64));
        np.put("int_", profile.scalarType(DType.I64));
        np.function("dtype", (args, ctx) -> {
            Bound b = Signature.of("dtype", "dtype", "align", "copy").def("align", false).def("copy", false).bind(args);
            return new ArrayDType(NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64), profile);
        });
    }

    // ------------------------------------------------------------ factories

    private static void factories(Module np, NumpyProfile profile, NumpyOps ops) {
        np.function("array", (args, ctx) -> {
            Bound b = Signature.of("array", "object", "dtype", "*", "copy", "order", "subok", "ndmin", "like")
                    .noneDefaults("dtype", "like", "order").def("copy", true).def("subok", false).def("ndmin", 0)
                    .bind(args);
            return profile.wrap(asArray(ops, b.get("object"), NumpyTypes.dtypeArgument(b.get("dtype")), ctx));
        });
        np.function("asarray", (args, ctx) -> {
            Bound b = Signature.of("asarray", "a", "dtype", "order", "*", "device", "copy", "like")
                    .noneDefaults("dtype", "order", "device", "copy", "like").bind(args);
            return profile.wrap(asArray(ops, b.get("a"), NumpyTypes.dtypeArgument(b.get("dtype")), ctx));
        });
        filled(np, profile, "zeros", 0.0);
        filled(np, profile, "ones", 1.0);
        filled(np, profile, "empty", Double.NaN);
        np.function("full", (args, ctx) -> {
            Bound b = Signature.of("full", "shape", "fill_value", "dtype", "order", "*", "like")
                    .noneDefaults("dtype", "like").def("order", "C").bind(args);
            Shape shape = NumpyOps.shapeArgument(b.get("shape"));
            Tensor fill = ops.array(b.get("fill_value"), "full");
            DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(fill.dtype());
            return profile.wrap(fillValue(dtype, shape, fill));
        });
        for (String like : List.of("zeros_like", "ones_like", "empty_like", "full_like")) {
            np.function(like, (args, ctx) -> {
                boolean full = like.equals("full_like");
                Signature sig = full ? Signature.of(like, "a", "fill_value", "dtype", "order", "subok", "shape")
                        : Signature.of(like, "a", "dtype", "order", "subok", "shape");
                Bound b = sig.noneDefaults("dtype", "shape").def("order", "K").def("subok", true).bind(args);
                Tensor a = ops.array(b.get("a"), like);
                DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(a.dtype());
                Shape shape = b.isNone("shape") ? a.shape() : NumpyOps.shapeArgument(b.get("shape"));
                if (like.startsWith("empty")) {
                    return profile.wrap(Tensor.shapeOnly(dtype, shape));
                }
                Tensor fill = full ? ops.array(b.get("fill_value"), like)
                        : Tensor.scalar(dtype, like.startsWith("zeros") ? 0 : 1);
                return profile.wrap(fillValue(dtype, shape, fill));
            });
        }
        np.function("arange", (args, ctx) -> {
            Bound b = Signature.of("arange", "start", "stop", "step", "dtype", "*", "device", "like")
                    .noneDefaults("stop", "step", "dtype", "device", "like").bind(args);
            return profile.wrap(arange(b));
        });
        np.function("eye", (args, ctx) -> {
            Bound b = Signature.of("eye", "N", "M", "k", "dtype", "order", "*", "device", "like")
                    .noneDefaults("M", "device", "like").def("k", 0).def("dtype", profile.scalarType(DType.F64))
                    .def("order", "C").bind(args);
            Dim n = NumpyOps.size(b.get("N"));
            Dim m = b.isNone("M") ? n : NumpyOps.size(b.get("M"));
            return profile.wrap(eye(n, m, b.integer("k"), NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64)));
        });
        np.function("identity", (args, ctx) -> {
            Bound b = Signature.of("identity", "n", "dtype", "*", "like").noneDefaults("dtype", "like").bind(args);
            Dim n = NumpyOps.size(b.get("n"));
            return profile.wrap(eye(n, n, 0, NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64)));
        });
        np.function("linspace", (args, ctx) -> {
            Bound b = Signature.of("linspace", "start", "stop", "num", "endpoint", "retstep", "dtype", "axis")
                    .def("num", 50).def("endpoint", true).def("retstep", false).noneDefaults("dtype").def("axis", 0)
                    .bind(args);
            long num = b.integer("num");
            if (num < 0) {
                throw new FrameworkException("ValueError", "Number of samples, " + num + ", must be non-negative.");
            }
            double start = b.number("start");
            double stop = b.number("stop");
            boolean endpoint = b.bool("endpoint");
            double div = endpoint ? num - 1 : num;
            double[] v = NumericBudget.allocate(num);
            for (int i = 0; i < num; i++) {
                v[i] = div > 0 ? start + (stop - start) * i / div : start;
            }
            DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64);
            return profile.wrap(Tensor.of(dtype, Shape.of(num), v));
        });
    }

    private static Tensor asArray(NumpyOps ops, Value object, Optional<DType> dtype, CallContext ctx) {
        if (object instanceof Value.TensorValue t) {
            return dtype.map(d -> ops.cast(t.tensor(), d, ctx)).orElse(t.tensor());
        }
        if (Python.sequenceItems(object) != null) {
            return ops.fromNested(object, dtype);
        }
        Tensor x = ops.array(object, "array");
        return dtype.map(x::cast).orElse(x);
    }

    private static void filled(Module np, NumpyProfile profile, String name, double fill) {
        np.function(name, (args, ctx) -> {
            Bound b = Signature.of(name, "shape", "dtype", "order", "*", "device", "like")
                    .def("dtype", profile.scalarType(DType.F64)).def("order", "C").noneDefaults("device", "like")
                    .bind(args);
            Shape shape = NumpyOps.shapeArgument(b.get("shape"));
            DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64);
            if (Double.isNaN(fill)) {
                return profile.wrap(Tensor.shapeOnly(dtype, shape));
            }
            return profile.wrap(fillValue(dtype, shape, Tensor.scalar(dtype, fill)));
        });
    }

    /** An array of one value (or a value broadcast); over the numeric budget it stays shape-only. */
    static Tensor fillValue(DType dtype, Shape shape, Tensor fill) {
        dev.shapes.tensor.Broadcast.Result fits = dev.shapes.tensor.Broadcast.shapes(fill.shape(), shape,
                new dev.shapes.tensor.Bindings());
        if (!fits.ok() || fits.shape().get().rank() != shape.rank() || !fits.shape().get().equals(shape)
                && shape.isFullyKnown()) {
            throw new FrameworkException("ValueError", "could not broadcast input array from shape "
                    + NumpyText.compact(fill.shape()) + " into shape " + NumpyText.compact(shape));
        }
        if (!fill.hasValues() || !shape.isFullyKnown() || !NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(dtype, shape);
        }
        return Kernels.expand(fill.cast(dtype), shape).cast(dtype);
    }

    private static Tensor arange(Bound b) {
        Value startArg = b.get("start");
        Value stopArg = b.get("stop");
        Value stepArg = b.get("step");
        boolean floating = false;
        for (Value v : List.of(startArg, stopArg, stepArg)) {
            floating |= v instanceof Value.FloatValue
                    || v instanceof Value.TensorValue t && t.tensor().dtype().isFloating();
        }
        Optional<DType> requested = NumpyTypes.dtypeArgument(b.get("dtype"));
        DType dtype = requested.orElse(floating ? DType.F64 : DType.I64);
        if (b.isNone("stop") && startArg instanceof SymbolicInt s) {
            return Tensor.shapeOnly(dtype, Shape.of(s.dim()));
        }
        double start = b.isNone("stop") ? 0 : number(startArg);
        double stop = b.isNone("stop") ? number(startArg) : number(stopArg);
        double step = b.isNone("step") ? 1 : number(stepArg);
        if (step == 0) {
            throw new FrameworkException("ZeroDivisionError", "division by zero");
        }
        long n = (long) Math.max(0, Math.ceil((stop - start) / step));
        Shape shape = Shape.of(n);
        if (!NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(dtype, shape);
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return Tensor.of(dtype, shape, v);
    }

    private static double number(Value v) {
        if (Python.isNumber(v)) {
            return Python.toDouble(v);
        }
        if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()) {
            return t.tensor().item();
        }
        if (v instanceof SymbolicInt s) {
            throw new NotationException("ValueError", "np.arange with a symbolic bound (" + s.dim() + ") is only "
                    + "modelled as np.arange(" + s.dim() + ")", null);
        }
        throw new NotationException("TypeError", "np.arange() takes numbers; it was given a " + v.typeName(), null);
    }

    private static Tensor eye(Dim n, Dim m, long k, DType dtype) {
        for (Dim d : List.of(n, m)) {
            if (d instanceof Dim.Known known && known.size() < 0) {
                throw new FrameworkException("ValueError", "negative dimensions are not allowed");
            }
        }
        Shape shape = Shape.of(n, m);
        if (!shape.isFullyKnown() || !NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(dtype, shape);
        }
        long rows = n.known().getAsLong();
        long cols = m.known().getAsLong();
        double[] v = new double[(int) (rows * cols)];
        for (long i = 0; i < rows; i++) {
            long j = i + k;
            if (j >= 0 && j < cols) {
                v[(int) (i * cols + j)] = 1;
            }
        }
        return Tensor.of(dtype, shape, v);
    }

    // ------------------------------------------------------------ ufuncs

    private static void ufuncs(Module np, NumpyProfile profile, NumpyOps ops) {
        math(np, profile, "exp", Math::exp, false);
        math(np, profile, "expm1", Math::expm1, false);
        math(np, profile, "exp2", v -> Math.pow(2, v), false);
        math(np, profile, "log", Math::log, true);
        math(np, profile, "log2", v -> Math.log(v) / Math.log(2), true);
        math(np, profile, "log10", Math::log10, true);
        math(np, profile, "log1p", Math::log1p, true);
        math(np, profile, "sqrt", Math::sqrt, false);
        math(np, profile, "tanh", Math::tanh, false);
        math(np, profile, "sin", Math::sin, false);
        math(np, profile, "cos", Math::cos, false);
        math(np, profile, "tan", Math::tan, false);
        math(np, profile, "arctan", Math::atan, false);
        math(np, profile, "sinh", Math::sinh, false);
        math(np, profile, "cosh", Math::cosh, false);
        math(np, profile, "floor", Math::floor, false);
        math(np, profile, "ceil", Math::ceil, false);
        for (String name : List.of("abs", "absolute")) {
            np.function(name, (args, ctx) -> profile.wrap(ops.sameType("absolute", one(profile.numpyVersion(), args, name), Math::abs, ctx)));
        }
        np.function("square", (args, ctx) -> profile.wrap(ops.sameType("square", one(profile.numpyVersion(), args, "square"), v -> v * v, ctx)));
        np.function("sign", (args, ctx) -> profile.wrap(ops.sameType("sign", one(profile.numpyVersion(), args, "sign"), Math::signum, ctx)));
        np.function("negative", (args, ctx) -> profile.wrap(ops.negative(one(profile.numpyVersion(), args, "negative"), ctx)));
        np.function("logical_not", (args, ctx) -> {
            Tensor x = ops.array(one(profile.numpyVersion(), args, "logical_not"), "logical_not");
            return profile.wrap(x.hasValues() ? Kernels.map(x, DType.BOOL, v -> v == 0 ? 1 : 0)
                    : Tensor.shapeOnly(DType.BOOL, x.shape()));
        });
        predicate(np, profile, "isnan", Double::isNaN);
        predicate(np, profile, "isinf", Double::isInfinite);
        predicate(np, profile, "isfinite", Double::isFinite);
        for (NumpyOps.Ufunc u : NumpyOps.Ufunc.values()) {
            binaryUfunc(np, profile, u.name, u);
        }
        binaryUfunc(np, profile, "true_divide", NumpyOps.Ufunc.DIVIDE);
        binaryUfunc(np, profile, "mod", NumpyOps.Ufunc.REMAINDER);
    }

    /** The TypeError of a ufunc called with the wrong number of positional arguments. */
    private static FrameworkException arity(NumpyVersion version, String name, String range, int given) {
        return new FrameworkException("TypeError", name + "() takes from " + range + " positional arguments but "
                + given + (given == 1 && !version.isLegacy() ? " was" : " were") + " given");
    }

    private static Value one(NumpyVersion version, Arguments args, String name) {
        if (args.positional().size() != 1) {
            throw arity(version, name, "1 to 2", args.positional().size());
        }
        if (args.keywords().containsKey("out")) {
            throw new NotationException("NotImplementedError", "out= is not modelled; assign the result instead", null);
        }
        return args.positional().get(0);
    }

    private static void math(Module np, NumpyProfile profile, String name, DoubleUnaryOperator f, boolean logLike) {
        np.function(name, (args, ctx) -> profile.wrap(profile.ops().math(name, one(profile.numpyVersion(), args, name), f, logLike, ctx)));
    }

    private static void predicate(Module np, NumpyProfile profile, String name,
                                  java.util.function.DoublePredicate test) {
        np.function(name, (args, ctx) -> {
            Tensor x = profile.ops().array(one(profile.numpyVersion(), args, name), name);
            return profile.wrap(x.hasValues() ? Kernels.map(x, DType.BOOL, v -> test.test(v) ? 1 : 0)
                    : Tensor.shapeOnly(DType.BOOL, x.shape()));
        });
    }

    private static void binaryUfunc(Module np, NumpyProfile profile, String name, NumpyOps.Ufunc u) {
        np.function(name, (args, ctx) -> {
            if (args.positional().size() != 2) {
                throw arity(profile.numpyVersion(), name, "2 to 3", args.positional().size());
            }
            Optional<Tensor> out = Optional.empty();
            Value outArg = args.keywords().get("out");
            if (outArg instanceof Value.TensorValue t) {
                out = Optional.of(t.tensor());
            } else if (outArg != null && !(outArg instanceof Value.NoneValue)) {
                throw new FrameworkException("TypeError", "return arrays must be of ArrayType");
            }
            Tensor r = profile.ops().binary(u, args.positional().get(0), args.positional().get(1), out, ctx);
            return profile.wrap(out.isPresent() ? r.cast(out.get().dtype()) : r);
        });
    }

    // ------------------------------------------------------------ reductions

    private static void reductions(Module np, NumpyProfile profile, NumpyVersion version) {
        reduction(np, profile, "sum", "sum", NumpyReductions.Kind.SUM, true);
        reduction(np, profile, "prod", "prod", NumpyReductions.Kind.PROD, true);
        reduction(np, profile, "mean", "mean", NumpyReductions.Kind.MEAN, true);
        reduction(np, profile, "std", "std", NumpyReductions.Kind.STD, true);
        reduction(np, profile, "var", "var", NumpyReductions.Kind.VAR, true);
        String max = version.isLegacy() ? "amax" : "max";
        String min = version.isLegacy() ? "amin" : "min";
        reduction(np, profile, "max", max, NumpyReductions.Kind.MAX, false);
        reduction(np, profile, "amax", max, NumpyReductions.Kind.MAX, false);
        reduction(np, profile, "min", min, NumpyReductions.Kind.MIN, false);
        reduction(np, profile, "amin", min, NumpyReductions.Kind.MIN, false);
        reduction(np, profile, "any", "any", NumpyReductions.Kind.ANY, false);
        reduction(np, profile, "all", "all", NumpyReductions.Kind.ALL, false);
        for (String name : List.of("argmax", "argmin")) {
            NumpyReductions.Kind kind = name.equals("argmax") ? NumpyReductions.Kind.ARGMAX : NumpyReductions.Kind.ARGMIN;
            np.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "a", "axis", "out", "*", "keepdims").noneDefaults("axis", "out")
                        .def("keepdims", false).bind(args);
                Tensor a = profile.ops().array(b.get("a"), name);
                return profile.wrap(profile.methods().reduce(a, b, kind, false, ctx));
            });
        }
    }

    private static void reduction(Module np, NumpyProfile profile, String name, String bindName,
                                  NumpyReductions.Kind kind, boolean withDtype) {
        np.function(name, (args, ctx) -> {
            Signature sig;
            if (kind == NumpyReductions.Kind.STD || kind == NumpyReductions.Kind.VAR) {
                sig = Signature.of(bindName, "a", "axis", "dtype", "out", "ddof", "keepdims", "*", "where", "mean",
                        "correction").def("ddof", 0).noneDefaults("dtype", "where", "mean", "correction");
            } else if (withDtype) {
                sig = Signature.of(bindName, "a", "axis", "dtype", "out", "keepdims", "initial", "where")
                        .noneDefaults("dtype", "initial", "where");
            } else {
                sig = Signature.of(bindName, "a", "axis", "out", "keepdims", "initial", "where")
                        .noneDefaults("initial", "where");
            }
            Bound b = sig.noneDefaults("axis", "out").def("keepdims", false).bind(args);
            Tensor a = profile.ops().array(b.get("a"), name);
            return profile.wrap(profile.methods().reduce(a, b, kind, withDtype, ctx));
        });
    }

    // ------------------------------------------------------------ shape functions

    private static void shapes(Module np, NumpyProfile profile, NumpyOps ops) {
        np.function("reshape", (args, ctx) -> {
            Bound b = Signature.of("reshape", "a", "shape", "order", "*", "newshape", "copy")
                    .noneDefaults("shape", "newshape", "copy").def("order", "C").bind(args);
            if (!(b.get("order") instanceof Value.StrValue)) {
                throw new FrameworkException("TypeError", "order must be str, not " + b.get("order").typeName());
            }
            Value shape = b.isNone("shape") ? b.get("newshape") : b.get("shape");
            Tensor a = ops.array(b.get("a"), "reshape");
            return profile.wrap(ops.reshape(a, NumpyOps.sizeItems(List.of(shape)), ctx));
        });
        np.function("expand_dims", (args, ctx) -> {
            Bound b = Signature.of("expand_dims", "a", "axis").bind(args);
            return profile.wrap(ops.expandDims(ops.array(b.get("a"), "expand_dims"), b.get("axis")));
        });
        np.function("squeeze", (args, ctx) -> {
            Bound b = Signature.of("squeeze", "a", "axis").noneDefaults("axis").bind(args);
            return profile.wrap(ops.squeeze(ops.array(b.get("a"), "squeeze"), b.get("axis"), ctx));
        });
        np.function("transpose", (args, ctx) -> {
            Bound b = Signature.of("transpose", "a", "axes").noneDefaults("axes").bind(args);
            return profile.wrap(ops.transpose(ops.array(b.get("a"), "transpose"),
                    NumpyOps.sizeItemsOrEmpty(List.of(b.get("axes")))));
        });
        np.function("swapaxes", (args, ctx) -> {
            Bound b = Signature.of("swapaxes", "a", "axis1", "axis2").bind(args);
            return profile.wrap(ops.swapaxes(ops.array(b.get("a"), "swapaxes"), NumpyOps.index(b.get("axis1")),
                    NumpyOps.index(b.get("axis2"))));
        });
        np.function("ravel", (args, ctx) -> {
            Bound b = Signature.of("ravel", "a", "order").def("order", "C").bind(args);
            return profile.wrap(NumpyOps.flatten(ops.array(b.get("a"), "ravel")));
        });
        np.function("shape", (args, ctx) -> {
            Bound b = Signature.of("shape", "a").bind(args);
            return ArrayMethods.shape(ops.array(b.get("a"), "shape").shape());
        });
        np.function("ndim", (args, ctx) -> {
            Bound b = Signature.of("ndim", "a").bind(args);
            return new Value.IntValue(ops.array(b.get("a"), "ndim").rank());
        });
        np.function("size", (args, ctx) -> {
            Bound b = Signature.of("size", "a", "axis").noneDefaults("axis").bind(args);
            Tensor a = ops.array(b.get("a"), "size");
            return ArrayMethods.size(b.isNone("axis") ? a.shape().numelDim()
                    : a.shape().dim(NumpyOps.axis(NumpyOps.index(b.get("axis")), a.rank())));
        });
        np.function("concatenate", (args, ctx) -> {
            Bound b = Signature.of("concatenate", "arrays", "axis", "out", "*", "dtype", "casting")
                    .def("axis", 0).noneDefaults("out", "dtype").def("casting", "same_kind").bind(args);
            return profile.wrap(ops.concatenate(arrays(ops, b.get("arrays"), "concatenate"), b.get("axis"), ctx));
        });
        np.function("stack", (args, ctx) -> {
            Bound b = Signature.of("stack", "arrays", "axis", "out", "*", "dtype", "casting")
                    .def("axis", 0).noneDefaults("out", "dtype").def("casting", "same_kind").bind(args);
            return profile.wrap(ops.stack(arrays(ops, b.get("arrays"), "stack"), b.get("axis"), ctx));
        });
        np.function("vstack", (args, ctx) -> {
            Bound b = Signature.of("vstack", "tup", "*", "dtype", "casting").noneDefaults("dtype")
                    .def("casting", "same_kind").bind(args);
            List<Tensor> parts = new ArrayList<>();
            for (Tensor t : arrays(ops, b.get("tup"), "vstack")) {
                parts.add(t.rank() == 0 ? t.withShape(Shape.of(1, 1))
                        : t.rank() == 1 ? t.withShape(t.shape().inserting(0, Dim.of(1))) : t);
            }
            return profile.wrap(ops.concatenate(parts, new Value.IntValue(0), ctx));
        });
        np.function("hstack", (args, ctx) -> {
            Bound b = Signature.of("hstack", "tup", "*", "dtype", "casting").noneDefaults("dtype")
                    .def("casting", "same_kind").bind(args);
            List<Tensor> parts = new ArrayList<>();
            for (Tensor t : arrays(ops, b.get("tup"), "hstack")) {
                parts.add(t.rank() == 0 ? t.withShape(Shape.of(1)) : t);
            }
            boolean vectors = !parts.isEmpty() && parts.get(0).rank() == 1;
            return profile.wrap(ops.concatenate(parts, new Value.IntValue(vectors ? 0 : 1), ctx));
        });
        np.function("where", (args, ctx) -> {
            if (args.positional().size() == 1 && args.keywords().isEmpty()) {
                return nonzero(profile, ops.array(args.positional().get(0), "where"), ctx);
            }
            if (args.positional().size() == 2) {
                throw new FrameworkException("ValueError", "either both or neither of x and y should be given");
            }
            Bound b = Signature.of("where", "condition", "x", "y").bind(args);
            return profile.wrap(ops.where(b.get("condition"), b.get("x"), b.get("y"), ctx));
        });
        np.function("nonzero", (args, ctx) -> {
            Bound b = Signature.of("nonzero", "a").bind(args);
            return nonzero(profile, ops.array(b.get("a"), "nonzero"), ctx);
        });
        np.function("take_along_axis", (args, ctx) -> {
            Bound b = Signature.of("take_along_axis", "arr", "indices", "axis").def("axis", -1).bind(args);
            return profile.wrap(ops.takeAlongAxis(ops.array(b.get("arr"), "take_along_axis"),
                    ops.array(b.get("indices"), "take_along_axis"), b.get("axis"), ctx));
        });
        np.function("clip", (args, ctx) -> {
            Bound b = Signature.of("clip", "a", "a_min", "a_max", "out", "*", "min", "max")
                    .noneDefaults("a_min", "a_max", "out", "min", "max").bind(args);
            if (!b.isNone("out")) {
                throw new FrameworkException("TypeError", "return arrays must be of ArrayType");
            }
            Value lo = b.isNone("a_min") ? b.get("min") : b.get("a_min");
            Value hi = b.isNone("a_max") ? b.get("max") : b.get("a_max");
            return profile.wrap(ops.clip(b.get("a"), lo, hi, ctx));
        });
        np.function("dot", (args, ctx) -> {
            Bound b = Signature.of("dot", "a", "b", "out").noneDefaults("out").bind(args);
            return profile.wrap(ops.dot(b.get("a"), b.get("b"), ctx));
        });
        np.function("matmul", (args, ctx) -> {
            if (args.positional().size() != 2) {
                throw arity(profile.numpyVersion(), "matmul", "2 to 3", args.positional().size());
            }
            return profile.wrap(ops.matmul(args.positional().get(0), args.positional().get(1), ctx));
        });
        np.function("broadcast_to", (args, ctx) -> {
            Bound b = Signature.of("broadcast_to", "array", "shape", "subok").def("subok", false).bind(args);
            Tensor a = ops.array(b.get("array"), "broadcast_to");
            Shape shape = NumpyOps.shapeArgument(b.get("shape"));
            dev.shapes.tensor.Broadcast.Result r = dev.shapes.tensor.Broadcast.shapes(a.shape(), shape, ctx.bindings());
            if (!r.ok() || !r.shape().get().equals(ctx.bindings().resolve(shape)) && shape.isFullyKnown()) {
                throw new FrameworkException("ValueError", "operands could not be broadcast together with remapped "
                        + "shapes [original->remapped]: " + NumpyText.compact(a.shape()) + "  and requested shape "
                        + NumpyText.compact(shape));
            }
            return profile.wrap(a.hasValues() && shape.isFullyKnown() && NumericBudget.allows(shape)
                    ? Kernels.expand(a, shape) : Tensor.shapeOnly(a.dtype(), shape));
        });
        np.function("broadcast_shapes", (args, ctx) -> {
            List<Shape> shapes = new ArrayList<>();
            for (Value v : args.positional()) {
                shapes.add(NumpyOps.shapeArgument(v));
            }
            return ArrayMethods.shape(broadcastShapes(shapes, ctx));
        });
    }

    /** {@code np.broadcast_shapes}: its own text, naming the first pair that does not fit. */
    private static Shape broadcastShapes(List<Shape> shapes, CallContext ctx) {
        Shape acc = Shape.SCALAR;
        for (int i = 0; i < shapes.size(); i++) {
            dev.shapes.tensor.Broadcast.Result r = dev.shapes.tensor.Broadcast.shapes(acc, shapes.get(i),
                    ctx.bindings());
            if (!r.ok()) {
                int first = 0;
                for (int j = 0; j < i; j++) {
                    if (!dev.shapes.tensor.Broadcast.shapes(shapes.get(j), shapes.get(i), ctx.bindings()).ok()) {
                        first = j;
                        break;
                    }
                }
                throw new FrameworkException("ValueError", "shape mismatch: objects cannot be broadcast to a single "
                        + "shape.  Mismatch is between arg " + first + " with shape " + NumpyText.tuple(shapes.get(first))
                        + " and arg " + i + " with shape " + NumpyText.tuple(shapes.get(i)) + ".");
            }
            acc = r.shape().get();
        }
        return acc;
    }

    private static List<Tensor> arrays(NumpyOps ops, Value v, String name) {
        List<Value> items = Python.sequenceItems(v);
        if (items == null) {
            if (v instanceof Value.TensorValue t && t.tensor().rank() > 0) {
                throw new NotationException("NotImplementedError", name + "() of one array (iterating its first "
                        + "axis) is not modelled; pass a list of arrays", null);
            }
            throw new FrameworkException("TypeError", "'" + v.typeName() + "' object is not iterable");
        }
        List<Tensor> out = new ArrayList<>();
        for (Value item : items) {
            out.add(ops.array(item, name));
        }
        return out;
    }

    /** {@code np.nonzero}: one index array per axis; their length is known only from values. */
    private static Value nonzero(NumpyProfile profile, Tensor x, CallContext ctx) {
        if (x.rank() == 0) {
            if (!profile.numpyVersion().isLegacy()) {
                throw new FrameworkException("ValueError", "Calling nonzero on 0d arrays is not allowed. Use "
                        + "np.atleast_1d(scalar).nonzero() instead.");
            }
            ctx.warn("Calling nonzero on 0d arrays is deprecated, as it behaves surprisingly. Use "
                    + "`atleast_1d(arr).nonzero()` if the old behavior was intended.");
            x = x.withShape(Shape.of(1));
        }
        List<Value> out = new ArrayList<>();
        if (!x.hasValues()) {
            for (int d = 0; d < x.rank(); d++) {
                out.add(profile.wrap(Tensor.shapeOnly(DType.I64, Shape.of(Dim.UNKNOWN))));
            }
            return new Value.TupleValue(out);
        }
        long[] sizes = x.shape().sizes();
        long[] strides = Kernels.strides(sizes);
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < x.data().length; i++) {
            if (x.data()[i] != 0) {
                hits.add(i);
            }
        }
        for (int d = 0; d < sizes.length; d++) {
            double[] coords = new double[hits.size()];
            for (int j = 0; j < coords.length; j++) {
                coords[j] = (hits.get(j) / strides[d]) % sizes[d];
            }
            out.add(profile.wrap(Tensor.of(DType.I64, Shape.of(coords.length), coords)));
        }
        return new Value.TupleValue(out);
    }

    // ------------------------------------------------------------ linalg

    static Module linalg(NumpyProfile profile) {
        Module linalg = new Module("numpy.linalg");
        linalg.function("norm", (args, ctx) -> {
            Bound b = Signature.of("norm", "x", "ord", "axis", "keepdims").noneDefaults("ord", "axis")
                    .def("keepdims", false).bind(args);
            if (!b.isNone("ord")) {
                throw new NotationException("NotImplementedError", "norm with ord= is not modelled", null);
            }
            Tensor x = profile.ops().array(b.get("x"), "norm");
            DType dtype = x.dtype().isFloating() ? x.dtype() : DType.F64;
            Tensor squares = x.hasValues() ? Kernels.map(x.cast(DType.F64), DType.F64, v -> v * v)
                    : Tensor.shapeOnly(DType.F64, x.shape());
            Tensor sum = NumpyReductions.reduce(squares, b.get("axis"), b.bool("keepdims"), NumpyReductions.Kind.SUM,
                    Optional.of(DType.F64), ctx);
            return profile.wrap(sum.hasValues() ? Kernels.map(sum, dtype, Math::sqrt)
                    : Tensor.shapeOnly(dtype, sum.shape()));
        });
        return linalg;
    }
}
