package dev.shapes.framework.jax;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Module;
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
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** The {@code jax}, {@code jax.numpy} and {@code jax.nn} namespaces. */
final class JaxModules {

    private JaxModules() {}

    static final String JNP_DOCS = "https://docs.jax.dev/en/latest/jax.numpy.html";
    static final String NN_DOCS = "https://docs.jax.dev/en/latest/jax.nn.html";

    static Module jnp(JaxProfile p) {
        Module jnp = new Module("jax.numpy");
        dtypes(jnp);
        jnp.put("newaxis", Value.NONE);
        jnp.put("pi", new Value.FloatValue(Math.PI));
        jnp.put("inf", new Value.FloatValue(Double.POSITIVE_INFINITY));
        jnp.put("nan", new Value.FloatValue(Double.NaN));
        jnp.absent("softmax", "log_softmax", "one_hot", "sigmoid", "cross_entropy", "logsumexp");
        factories(jnp, p);
        elementwise(jnp, p);
        reductions(jnp, p);
        shapes(jnp, p);
        return jnp;
    }

    private static void dtypes(Module jnp) {
        for (DType t : DType.values()) {
            if (t == DType.BOOL) {
                jnp.put("bool", new Value.DTypeValue(t, "jnp.bool"));
                jnp.put("bool_", new Value.DTypeValue(t, "jnp.bool_"));
            } else {
                jnp.put(t.longName, new Value.DTypeValue(t, "jnp." + t.longName));
            }
        }
    }

    // ------------------------------------------------------------ factories

    private static void factories(Module jnp, JaxProfile p) {
        jnp.function("array", (args, ctx) -> {
            Bound b = Signature.of("array", "object", "dtype", "copy", "order", "ndmin", "*", "device")
                    .noneDefaults("dtype", "device").def("copy", true).def("order", "K").def("ndmin", 0).bind(args);
            return p.wrap(converted(b.get("object"), b.get("dtype"), "array", ctx));
        }, "jnp.array(object, dtype=None, copy=True)\nAn array from nested lists or another array; with x64 off "
                + "int64/float64 become int32/float32 (with a warning).\n" + JNP_DOCS);
        jnp.function("asarray", (args, ctx) -> {
            Bound b = Signature.of("asarray", "a", "dtype", "order", "*", "copy", "device")
                    .noneDefaults("dtype", "order", "copy", "device").bind(args);
            return p.wrap(converted(b.get("a"), b.get("dtype"), "asarray", ctx));
        }, "jnp.asarray(a, dtype=None)\n" + JNP_DOCS);
        for (String name : List.of("zeros", "ones")) {
            double fill = name.equals("zeros") ? 0 : 1;
            jnp.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "shape", "dtype", "*", "device").noneDefaults("dtype", "device")
                        .bind(args);
                Shape shape = shape(b.get("shape"));
                DType t = dtype(b.get("dtype"), name, ctx).orElse(DType.F32);
                return p.wrap(filled(t, shape, fill));
            }, "jnp." + name + "(shape, dtype=float32)\n" + JNP_DOCS);
        }
        for (String name : List.of("zeros_like", "ones_like")) {
            double fill = name.startsWith("zeros") ? 0 : 1;
            jnp.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "a", "dtype", "shape", "*", "device")
                        .noneDefaults("dtype", "shape", "device").bind(args);
                Tensor a = JaxArrays.array(b.get("a"), name);
                Shape shape = b.isNone("shape") ? a.shape() : shape(b.get("shape"));
                return p.wrap(filled(dtype(b.get("dtype"), name, ctx).orElse(a.dtype()), shape, fill));
            }, "jnp." + name + "(a, dtype=None)\n" + JNP_DOCS);
        }
        jnp.function("arange", (args, ctx) -> {
            Bound b = Signature.of("arange", "start", "stop", "step", "dtype", "*", "device")
                    .noneDefaults("stop", "step", "dtype", "device").bind(args);
            List<Value> bounds = new ArrayList<>();
            bounds.add(b.get("start"));
            if (!b.isNone("stop")) {
                bounds.add(b.get("stop"));
            }
            if (!b.isNone("step")) {
                if (bounds.size() == 1) {
                    bounds.add(0, new Value.IntValue(0));
                }
                bounds.add(b.get("step"));
            }
            Tensor r = JaxArrays.arange(bounds);
            return p.wrap(dtype(b.get("dtype"), "arange", ctx).map(t -> r.cast(JaxTypes.canonical(t))).orElse(r));
        }, "jnp.arange(start, stop=None, step=None, dtype=None)\nIntegers give int32 (x64 off).\n" + JNP_DOCS);
    }

    private static Tensor converted(Value v, Value dtypeArg, String fn, CallContext ctx) {
        Tensor t = JaxArrays.array(v, fn);
        java.util.Optional<DType> requested = dtype(dtypeArg, fn, ctx);
        return requested.map(d -> t.cast(JaxTypes.canonical(d))).orElse(t.cast(JaxTypes.canonical(t.dtype())));
    }

    /** A dtype argument; a 64-bit one is truncated with JAX's warning. */
    static java.util.Optional<DType> dtype(Value v, String fn, CallContext ctx) {
        java.util.Optional<DType> d = JaxTypes.argument(v);
        d.ifPresent(t -> {
            if (JaxTypes.canonical(t) != t) {
                ctx.warn(JaxTypes.truncationWarning(JaxTypes.spelling(v, t), t, fn));
            }
        });
        return d.map(JaxTypes::canonical);
    }

    private static Tensor filled(DType t, Shape shape, double fill) {
        if (!shape.isFullyKnown() || !dev.shapes.tensor.NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(t, shape);
        }
        double[] v = new double[(int) shape.numel().getAsLong()];
        java.util.Arrays.fill(v, fill);
        return Tensor.of(t, shape, v);
    }

    static Shape shape(Value v) {
        List<Value> items = Python.sequenceItems(v);
        List<Dim> dims = new ArrayList<>();
        if (items == null) {
            dims.add(Dim.of(JaxArrays.integer(v, "shape")));
        } else {
            for (Value item : items) {
                dims.add(Dim.of(JaxArrays.integer(item, "shape")));
            }
        }
        return new Shape(dims);
    }

    // ------------------------------------------------------------ elementwise

    private static void elementwise(Module jnp, JaxProfile p) {
        binary(jnp, p, "add", Expr.BinaryOp.ADD);
        binary(jnp, p, "subtract", Expr.BinaryOp.SUB);
        binary(jnp, p, "multiply", Expr.BinaryOp.MUL);
        binary(jnp, p, "divide", Expr.BinaryOp.DIV);
        binary(jnp, p, "true_divide", Expr.BinaryOp.DIV);
        binary(jnp, p, "power", Expr.BinaryOp.POW);
        binary(jnp, p, "equal", Expr.BinaryOp.EQ);
        binary(jnp, p, "not_equal", Expr.BinaryOp.NE);
        binary(jnp, p, "less", Expr.BinaryOp.LT);
        binary(jnp, p, "greater", Expr.BinaryOp.GT);
        for (String name : List.of("maximum", "minimum")) {
            jnp.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "x", "y").bind(args);
                JaxArrays.Operand x = JaxArrays.operand(b.get("x"), name, 0);
                JaxArrays.Operand y = JaxArrays.operand(b.get("y"), name, 1);
                Tensor shape = JaxArrays.binary(Expr.BinaryOp.ADD, x, y, ctx);
                if (!shape.hasValues()) {
                    return p.wrap(shape);
                }
                Tensor r = Kernels.binary(x.tensor().cast(DType.F64), y.tensor().cast(DType.F64), shape.shape(),
                        DType.F64, name.equals("maximum") ? Math::max : Math::min);
                return p.wrap(r.cast(shape.dtype()));
            }, "jnp." + name + "(x, y)\nElementwise, with broadcasting.\n" + JNP_DOCS);
        }
        unary(jnp, p, "exp", Math::exp);
        unary(jnp, p, "log", Math::log);
        unary(jnp, p, "log1p", Math::log1p);
        unary(jnp, p, "sqrt", Math::sqrt);
        unary(jnp, p, "tanh", Math::tanh);
        for (String name : List.of("abs", "square", "negative")) {
            jnp.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "x").bind(args);
                Tensor x = JaxArrays.array(b.get("x"), name);
                if (name.equals("negative")) {
                    return p.wrap(JaxArrays.negate(x));
                }
                if (!x.hasValues()) {
                    return p.wrap(x.withoutValues());
                }
                return p.wrap(Kernels.map(x, x.dtype(), name.equals("abs") ? Math::abs : v -> v * v));
            }, "jnp." + name + "(x)\n" + JNP_DOCS);
        }
        jnp.function("where", (args, ctx) -> {
            Bound b = Signature.of("where", "condition", "x", "y").bind(args);
            Tensor c = JaxArrays.array(b.get("condition"), "where");
            JaxArrays.Operand x = JaxArrays.operand(b.get("x"), "where", 1);
            JaxArrays.Operand y = JaxArrays.operand(b.get("y"), "where", 2);
            Shape out = JaxArrays.broadcastShapes(List.of(c.shape(), x.tensor().shape(), y.tensor().shape()),
                    ctx.bindings());
            DType t = JaxTypes.promote(x.typed(), y.typed());
            if (!c.hasValues() || !x.tensor().hasValues() || !y.tensor().hasValues() || !out.isFullyKnown()) {
                return p.wrap(Tensor.shapeOnly(t, out));
            }
            double[] cv = Kernels.expand(c.cast(DType.F64), out).data();
            double[] xv = Kernels.expand(x.tensor().cast(DType.F64), out).data();
            double[] yv = Kernels.expand(y.tensor().cast(DType.F64), out).data();
            double[] rv = new double[cv.length];
            for (int i = 0; i < rv.length; i++) {
                rv[i] = cv[i] != 0 ? xv[i] : yv[i];
            }
            return p.wrap(Tensor.of(t, out, rv));
        }, "jnp.where(condition, x, y)\n" + JNP_DOCS);
        jnp.function("matmul", (args, ctx) -> {
            Bound b = Signature.of("matmul", "a", "b", "*", "precision", "preferred_element_type")
                    .noneDefaults("precision", "preferred_element_type").bind(args);
            return p.wrap(JaxArrays.matmul(JaxArrays.operand(b.get("a"), "matmul", 0),
                    JaxArrays.operand(b.get("b"), "matmul", 1), false, ctx));
        }, "jnp.matmul(a, b)\na [..., n, k] @ b [..., k, m] -> [..., n, m]; k must agree (dot_general).\n" + JNP_DOCS);
        jnp.function("dot", (args, ctx) -> {
            Bound b = Signature.of("dot", "a", "b", "*", "precision", "preferred_element_type")
                    .noneDefaults("precision", "preferred_element_type").bind(args);
            return p.wrap(JaxArrays.matmul(JaxArrays.operand(b.get("a"), "dot", 0),
                    JaxArrays.operand(b.get("b"), "dot", 1), true, ctx));
        }, "jnp.dot(a, b)\nFor vectors and matrices: the last axis of a against the first of b.\n" + JNP_DOCS);
    }

    private static void binary(Module jnp, JaxProfile p, String name, Expr.BinaryOp op) {
        jnp.function(name, (args, ctx) -> {
            Bound b = Signature.of(name, "x", "y").bind(args);
            return p.wrap(JaxArrays.binary(op, JaxArrays.operand(b.get("x"), name, 0),
                    JaxArrays.operand(b.get("y"), name, 1), ctx));
        }, "jnp." + name + "(x, y)\nElementwise with NumPy broadcasting; arrays of different ranks that do not "
                + "broadcast raise ValueError, same-rank ones TypeError.\n" + JNP_DOCS);
    }

    private static void unary(Module jnp, JaxProfile p, String name, DoubleUnaryOperator f) {
        jnp.function(name, (args, ctx) -> {
            Bound b = Signature.of(name, "x").bind(args);
            return p.wrap(JaxArrays.unaryFloat(JaxArrays.array(b.get("x"), name), f));
        }, "jnp." + name + "(x)\nElementwise; integer input gives float32.\n" + JNP_DOCS);
    }

    // ------------------------------------------------------------ reductions

    private static void reductions(Module jnp, JaxProfile p) {
        reduction(jnp, p, "sum", JaxArrays.Reduction.SUM);
        reduction(jnp, p, "mean", JaxArrays.Reduction.MEAN);
        reduction(jnp, p, "max", JaxArrays.Reduction.MAX);
        reduction(jnp, p, "min", JaxArrays.Reduction.MIN);
        reduction(jnp, p, "prod", JaxArrays.Reduction.PROD);
        reduction(jnp, p, "any", JaxArrays.Reduction.ANY);
        reduction(jnp, p, "all", JaxArrays.Reduction.ALL);
        for (String name : List.of("argmax", "argmin")) {
            JaxArrays.Reduction kind = name.equals("argmax") ? JaxArrays.Reduction.ARGMAX : JaxArrays.Reduction.ARGMIN;
            jnp.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "a", "axis", "out", "keepdims").noneDefaults("axis", "out")
                        .def("keepdims", false).bind(args);
                Tensor a = JaxArrays.array(b.get("a"), name);
                return p.wrap(JaxArrays.reduce(kind, a, b.get("axis"), Python.truthy(b.get("keepdims"))));
            }, "jnp." + name + "(a, axis=None, keepdims=False)\nReturns int32 indices.\n" + JNP_DOCS);
        }
    }

    private static void reduction(Module jnp, JaxProfile p, String name, JaxArrays.Reduction kind) {
        jnp.function(name, (args, ctx) -> p.wrap(reduce(name, kind, args, ctx)),
                "jnp." + name + "(a, axis=None, dtype=None, keepdims=False)\n" + JNP_DOCS);
    }

    static Tensor reduce(String name, JaxArrays.Reduction kind, dev.shapes.eval.Arguments args, CallContext ctx) {
        Bound b = Signature.of(name, "a", "axis", "dtype", "out", "keepdims", "initial", "where")
                .noneDefaults("axis", "dtype", "out", "initial", "where").def("keepdims", false).bind(args);
        Tensor a = JaxArrays.array(b.get("a"), name);
        Tensor r = JaxArrays.reduce(kind, a, b.get("axis"), Python.truthy(b.get("keepdims")));
        return dtype(b.get("dtype"), name, ctx).map(r::cast).orElse(r);
    }

    // ------------------------------------------------------------ shape functions

    private static void shapes(Module jnp, JaxProfile p) {
        jnp.function("reshape", (args, ctx) -> {
            Bound b = Signature.of("reshape", "a", "shape", "order", "*", "copy").def("order", "C")
                    .noneDefaults("copy").bind(args);
            return p.wrap(JaxArrays.reshape(JaxArrays.array(b.get("a"), "reshape"), b.get("shape"), ctx.bindings()));
        }, "jnp.reshape(a, shape)\nThe element count must match; one size may be -1.\n" + JNP_DOCS);
        jnp.function("squeeze", (args, ctx) -> {
            Bound b = Signature.of("squeeze", "a", "axis").noneDefaults("axis").bind(args);
            return p.wrap(JaxArrays.squeeze(JaxArrays.array(b.get("a"), "squeeze"), b.get("axis"), ctx.bindings()));
        }, "jnp.squeeze(a, axis=None)\nThe squeezed axes must have size 1.\n" + JNP_DOCS);
        jnp.function("expand_dims", (args, ctx) -> {
            Bound b = Signature.of("expand_dims", "a", "axis").bind(args);
            return p.wrap(JaxArrays.expandDims(JaxArrays.array(b.get("a"), "expand_dims"), b.get("axis")));
        }, "jnp.expand_dims(a, axis)\nInserts an axis of size 1.\n" + JNP_DOCS);
        jnp.function("take_along_axis", (args, ctx) -> {
            Bound b = Signature.of("take_along_axis", "arr", "indices", "axis", "mode", "fill_value")
                    .noneDefaults("mode", "fill_value").bind(args);
            Tensor arr = JaxArrays.array(b.get("arr"), "take_along_axis");
            Tensor idx = JaxArrays.array(b.get("indices"), "take_along_axis");
            JaxArrays.Gathered g = JaxArrays.takeAlongAxis(arr, idx, b.get("axis"), ctx.bindings());
            if (g.outOfRange() > 0) {
                long size = arr.rank() == 0 ? 0 : arr.shape().dim(JaxArrays.canonicalAxis(
                        JaxArrays.integer(b.get("axis"), "axis"), arr.rank())).known().orElse(-1);
                JaxNotes.nanLabels(ctx, "jnp.take_along_axis", g.outOfRange(), size,
                        "You most likely meant indices in [0, " + size + ").");
            } else if (g.negatives() > 0) {
                long size = arr.shape().dim(JaxArrays.canonicalAxis(JaxArrays.integer(b.get("axis"), "axis"),
                        arr.rank())).known().orElse(-1);
                JaxNotes.negativeLabels(ctx, "jnp.take_along_axis", g.negatives(), size);
            }
            return p.wrap(g.tensor());
        }, "jnp.take_along_axis(arr, indices, axis)\nindices must have arr's rank (labels[:, None] for class "
                + "indices); out-of-range indices give NaN, negative ones wrap.\n" + JNP_DOCS);
        jnp.function("transpose", (args, ctx) -> {
            Bound b = Signature.of("transpose", "a", "axes").noneDefaults("axes").bind(args);
            return p.wrap(JaxProfile.transpose(JaxArrays.array(b.get("a"), "transpose"), b.get("axes")));
        }, "jnp.transpose(a, axes=None)\n" + JNP_DOCS);
    }

    // ------------------------------------------------------------ jax.nn

    static Module nn(JaxProfile p) {
        Module nn = new Module("jax.nn");
        nn.function("one_hot", (args, ctx) -> {
            Bound b = Signature.of("one_hot", "x", "num_classes", "*", "dtype", "axis").noneDefaults("dtype")
                    .def("axis", -1).bind(args);
            return p.wrap(oneHot(b, ctx));
        }, "jax.nn.one_hot(x, num_classes, *, dtype=float32, axis=-1)\nAppends a class axis: labels [N] give "
                + "[N, C], labels [N, 1] give [N, 1, C]. Labels outside [0, C) give an all-zero row.\n" + NN_DOCS);
        for (String name : List.of("log_softmax", "softmax")) {
            nn.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "x", "axis", "where").def("axis", -1).noneDefaults("where").bind(args);
                Tensor x = JaxArrays.array(b.get("x"), name);
                Value axis = b.get("axis");
                if (axis instanceof Value.NoneValue) {
                    throw new dev.shapes.eval.NotationException("NotImplementedError", "jax.nn." + name
                            + " over all axes (axis=None) is not modelled", b.span("axis"));
                }
                return p.wrap(JaxArrays.logSoftmax(x, axis, name.equals("log_softmax")));
            }, "jax.nn." + name + "(x, axis=-1)\nSame shape as x.\n" + NN_DOCS);
        }
        nnUnary(nn, p, "sigmoid", v -> 1 / (1 + Math.exp(-v)));
        nnUnary(nn, p, "log_sigmoid", JaxArrays::logSigmoid);
        nnUnary(nn, p, "softplus", JaxArrays::softplus);
        nnUnary(nn, p, "relu", v -> Math.max(v, 0));
        nn.function("logsumexp", (args, ctx) -> {
            Bound b = Signature.of("logsumexp", "a", "axis", "b", "keepdims", "return_sign", "where")
                    .noneDefaults("axis", "b", "where").def("keepdims", false).def("return_sign", false).bind(args);
            Tensor a = JaxArrays.array(b.get("a"), "logsumexp");
            return p.wrap(JaxArrays.logsumexp(a, b.get("axis"), Python.truthy(b.get("keepdims"))));
        }, "jax.nn.logsumexp(a, axis=None, keepdims=False)\n" + NN_DOCS);
        return nn;
    }

    private static void nnUnary(Module nn, JaxProfile p, String name, DoubleUnaryOperator f) {
        nn.function(name, (args, ctx) -> {
            Bound b = Signature.of(name, "x").bind(args);
            Tensor x = JaxArrays.array(b.get("x"), name);
            if (name.equals("relu") && !x.dtype().isFloating()) {
                return p.wrap(x.hasValues() ? Kernels.map(x, x.dtype(), f) : x);
            }
            return p.wrap(JaxArrays.unaryFloat(x, f));
        }, "jax.nn." + name + "(x)\nElementwise.\n" + NN_DOCS);
    }

    private static Tensor oneHot(Bound b, CallContext ctx) {
        Tensor x = JaxArrays.array(b.get("x"), "one_hot");
        long classes = JaxArrays.integer(b.get("num_classes"), "num_classes");
        if (!x.dtype().isIntegral()) {
            ctx.warn("jax.nn.one_hot input should be integer-typed; got dtype=" + JaxText.dtype(x.dtype()));
        }
        DType t = dtype(b.get("dtype"), "one_hot", ctx).orElse(DType.F32);
        int outRank = x.rank() + 1;
        int axis = JaxArrays.canonicalAxis(JaxArrays.integer(b.get("axis"), "axis"), outRank);
        List<Dim> dims = new ArrayList<>(x.shape().dims());
        dims.add(axis, Dim.of(classes));
        Shape out = new Shape(dims);
        Shape labels = ctx.bindings().resolve(x.shape());
        if (labels.rank() >= 2 && labels.dim(labels.rank() - 1).is(1) && axis == outRank - 1) {
            JaxNotes.oneHotAxis(ctx, labels, ctx.bindings().resolve(out));
        }
        if (!x.hasValues() || !out.isFullyKnown() || !dev.shapes.tensor.NumericBudget.allows(out)) {
            return Tensor.shapeOnly(t, out);
        }
        double[] in = x.data();
        int outside = 0;
        for (double v : in) {
            if (!(v >= 0 && v < classes)) {
                outside++;
            }
        }
        if (outside > 0) {
            JaxNotes.oneHotZeroRows(ctx, outside, classes);
        }
        // class axis last, then moved into place
        double[] r = new double[(int) (in.length * classes)];
        for (int i = 0; i < in.length; i++) {
            for (int k = 0; k < classes; k++) {
                r[(int) (i * classes + k)] = in[i] == k ? 1 : 0;
            }
        }
        List<Dim> lastDims = new ArrayList<>(x.shape().dims());
        lastDims.add(Dim.of(classes));
        Tensor last = Tensor.of(t, new Shape(lastDims), r);
        if (axis == outRank - 1) {
            return last;
        }
        int[] perm = new int[outRank];
        for (int i = 0, src = 0; i < outRank; i++) {
            perm[i] = i == axis ? outRank - 1 : src++;
        }
        return Kernels.permute(last, perm, out);
    }
}
