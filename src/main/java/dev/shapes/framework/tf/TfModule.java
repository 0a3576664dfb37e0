package dev.shapes.framework.tf;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tf} namespace: tensor creation, the array and math ops,
 * {@code tf.nn}, {@code tf.math}, {@code tf.random}, {@code tf.keras} (Keras 3,
 * given), and the TF-1 graph API ({@code tf.compat.v1.placeholder},
 * {@code Session}, {@code Variable}, {@code train.*Optimizer}). In TF 1.x the
 * graph API also sits at the top level ({@code tf.placeholder}, {@code tf.Session}).
 */
public final class TfModule {

    private TfModule() {}

    public static Module build(TfRuntime rt, Value keras) {
        Module tf = new Module("tensorflow");
        for (DType t : DType.values()) {
            tf.put(t.longName, new Value.DTypeValue(t, "tf." + t.longName));
        }
        tf.put("double", new Value.DTypeValue(DType.F64, "tf.float64"));
        tf.put("half", new Value.DTypeValue(DType.F16, "tf.float16"));
        tf.put("newaxis", Value.NONE);
        tf.put("__version__", new Value.StrValue(rt.v1() ? "1.15.5" : "2.21.0"));
        if (keras != null) {
            tf.put("keras", keras);
            if (!rt.v1() && keras instanceof Module k) {
                k.member("losses").ifPresent(l -> tf.put("losses", l));
            }
        }
        creation(tf, rt);
        arrays(tf, rt);
        Module math = math(rt);
        tf.put("math", math);
        for (String name : List.of("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "argmax",
                "argmin", "exp", "sqrt", "square", "abs", "sigmoid", "tanh", "add", "subtract", "multiply", "divide",
                "maximum", "minimum", "equal", "not_equal", "greater", "less", "pow", "negative")) {
            math.member(name).ifPresent(f -> tf.put(name, f));
        }
        if (rt.v1()) {
            math.member("log").ifPresent(f -> tf.put("log", f));
            tf.put("div", math.member("divide").orElseThrow());
            tf.put("mul", math.member("multiply").orElseThrow());
        }
        Module nn = nn(rt);
        tf.put("nn", nn);
        tf.put("random", random(rt));
        Module v1 = compatV1(rt, tf, nn);
        Module compat = new Module("tensorflow.compat");
        compat.put("v1", v1);
        tf.put("compat", compat);
        Module train = (Module) v1.member("train").orElseThrow();
        if (rt.v1()) {
            for (String name : List.of("placeholder", "Session", "InteractiveSession", "global_variables_initializer",
                    "initialize_all_variables", "random_normal", "truncated_normal", "random_uniform")) {
                v1.member(name).ifPresent(f -> tf.put(name, f));
            }
            tf.put("train", train);
        } else {
            Module train2 = new Module("tensorflow.train");
            train2.function("Checkpoint", (args, ctx) -> Value.NONE);
            for (String name : List.of("GradientDescentOptimizer", "AdamOptimizer", "RMSPropOptimizer",
                    "AdagradOptimizer", "MomentumOptimizer")) {
                train2.put(name, new Removed("tensorflow._api.v2.train", name));
            }
            tf.put("train", train2);
            for (String name : List.of("Session", "InteractiveSession", "placeholder", "global_variables_initializer",
                    "initialize_all_variables", "log", "random_normal", "truncated_normal", "random_uniform",
                    "contrib", "to_float", "to_int32", "to_int64", "div", "mul", "sub", "get_variable",
                    "reset_default_graph", "variable_scope", "layers")) {
                tf.put(name, new Removed("tensorflow", name));
            }
        }
        return tf;
    }

    // ------------------------------------------------------------ helpers

    static Tensor tensor(Value v) {
        return TfRuntime.tensor(v, Optional.empty());
    }

    static Optional<DType> dtype(Bound b, String param) {
        Value v = b.get(param);
        if (v instanceof Value.NoneValue) {
            return Optional.empty();
        }
        if (v instanceof Value.DTypeValue d) {
            return Optional.of(d.dtype());
        }
        if (v instanceof Value.StrValue s) {
            return Optional.of(DType.parse(s.value()).orElseThrow(() -> new FrameworkException("TypeError",
                    "Cannot convert the argument `type_value`: '" + s.value() + "' to a TensorFlow DType.")));
        }
        throw new FrameworkException("TypeError", "Cannot convert the argument `type_value`: " + Python.repr(v)
                + " to a TensorFlow DType.");
    }

    static List<Long> ints(Value v, String what) {
        if (v instanceof Value.IntValue i) {
            return List.of(i.value());
        }
        if (v instanceof Value.TensorValue t && t.tensor().hasValues() && !t.tensor().dtype().isFloating()
                && t.tensor().rank() <= 1) {
            List<Long> out = new ArrayList<>();
            for (double d : t.tensor().data()) {
                out.add((long) d);
            }
            return out;
        }
        List<Value> items = Python.sequenceItems(v);
        if (items == null) {
            throw new FrameworkException("TypeError", "Expected list for '" + what + "' argument, got "
                    + Python.repr(v) + " of type '" + v.typeName() + "' instead.");
        }
        List<Long> out = new ArrayList<>();
        for (Value item : items) {
            if (item instanceof Value.IntValue i) {
                out.add(i.value());
            } else if (item instanceof Value.NoneValue) {
                out.add(-1L);
            } else if (item instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()) {
                out.add((long) t.tensor().item());
            } else {
                throw new FrameworkException("TypeError", "Expected int32, but got " + Python.repr(item) + " of type '"
                        + item.typeName() + "'.");
            }
        }
        return out;
    }

    static Shape shapeArg(Value v) {
        List<Long> sizes = ints(v, "shape");
        List<Dim> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(s < 0 ? Dim.UNKNOWN : Dim.of(s));
        }
        return new Shape(dims);
    }

    static Tensor filled(DType dtype, Shape shape, double fill) {
        if (!shape.isFullyKnown() || !NumericBudget.allows(shape)) {
            return Tensor.shapeOnly(dtype, shape);
        }
        double[] v = new double[(int) shape.numel().getAsLong()];
        java.util.Arrays.fill(v, fill);
        return Tensor.of(dtype, shape, v);
    }

    // ------------------------------------------------------------ creation

    private static void creation(Module tf, TfRuntime rt) {
        tf.function("constant", (args, ctx) -> {
            Bound b = Signature.of("constant", "value", "dtype", "shape", "name").noneDefaults("dtype", "shape", "name")
                    .bind(args);
            Tensor t = TfRuntime.tensor(b.get("value"), dtype(b, "dtype"));
            if (!b.isNone("shape")) {
                Shape s = shapeArg(b.get("shape"));
                t = t.rank() == 0 && t.hasValues() ? filled(t.dtype(), s, t.item()) : TensorMath.reshape(t, s);
            }
            return ctx.wrap(t);
        });
        tf.function("convert_to_tensor", (args, ctx) -> {
            Bound b = Signature.of("convert_to_tensor", "value", "dtype", "dtype_hint", "name")
                    .noneDefaults("dtype", "dtype_hint", "name").bind(args);
            return ctx.wrap(TfRuntime.tensor(b.get("value"), dtype(b, "dtype")));
        });
        for (String name : List.of("zeros", "ones")) {
            tf.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "shape", "dtype", "name").def("dtype", new Value.DTypeValue(DType.F32,
                        "tf.float32")).noneDefaults("name").bind(args);
                return ctx.wrap(filled(dtype(b, "dtype").orElse(DType.F32), shapeArg(b.get("shape")),
                        name.equals("zeros") ? 0 : 1));
            });
            tf.function(name + "_like", (args, ctx) -> {
                Bound b = Signature.of(name + "_like", "input", "dtype", "name").noneDefaults("dtype", "name")
                        .bind(args);
                Tensor x = tensor(b.get("input"));
                return ctx.wrap(filled(dtype(b, "dtype").orElse(x.dtype()), x.shape(), name.equals("zeros") ? 0 : 1));
            });
        }
        tf.function("fill", (args, ctx) -> {
            Bound b = Signature.of("fill", "dims", "value", "name").noneDefaults("name").bind(args);
            Tensor v = tensor(b.get("value"));
            return ctx.wrap(filled(v.dtype(), shapeArg(b.get("dims")), v.hasValues() ? v.item() : 0));
        });
        tf.function("range", (args, ctx) -> {
            Bound b = Signature.of("range", "start", "limit", "delta", "dtype", "name").noneDefaults("limit", "dtype",
                    "name").def("delta", 1).bind(args);
            double start = b.isNone("limit") ? 0 : b.number("start");
            double limit = b.isNone("limit") ? b.number("start") : b.number("limit");
            double delta = b.number("delta");
            boolean floating = b.get("start") instanceof Value.FloatValue || b.get("limit") instanceof Value.FloatValue;
            DType dtype = dtype(b, "dtype").orElse(floating ? DType.F32 : DType.I32);
            long n = (long) Math.max(0, Math.ceil((limit - start) / delta));
            double[] v = new double[(int) Math.min(n, NumericBudget.maxElements())];
            for (int i = 0; i < v.length; i++) {
                v[i] = start + i * delta;
            }
            return ctx.wrap(v.length == n ? Tensor.of(dtype, Shape.of(n), v) : Tensor.shapeOnly(dtype, Shape.of(n)));
        });
        tf.function("eye", (args, ctx) -> {
            Bound b = Signature.of("eye", "num_rows", "num_columns", "batch_shape", "dtype", "name")
                    .noneDefaults("num_columns", "batch_shape", "name").def("dtype", new Value.DTypeValue(DType.F32,
                            "tf.float32")).bind(args);
            long n = b.integer("num_rows");
            long m = b.isNone("num_columns") ? n : b.integer("num_columns");
            double[] v = new double[(int) (n * m)];
            for (int i = 0; i < Math.min(n, m); i++) {
                v[(int) (i * m + i)] = 1;
            }
            return ctx.wrap(Tensor.of(dtype(b, "dtype").orElse(DType.F32), Shape.of(n, m), v));
        });
        tf.function("Variable", (args, ctx) -> variable(rt, args, ctx));
        tf.function("shape", (args, ctx) -> {
            Tensor x = tensor(args.positional().get(0));
            Shape s = ctx.bindings().resolve(x.shape());
            if (!s.isFullyKnown() || rt.graph().contains(args.positional().get(0))) {
                return ctx.wrap(Tensor.shapeOnly(DType.I32, Shape.of(x.rank())));
            }
            long[] sizes = s.sizes();
            double[] v = new double[sizes.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = sizes[i];
            }
            return ctx.wrap(Tensor.of(DType.I32, Shape.of(sizes.length), v));
        });
        tf.function("rank", (args, ctx) -> ctx.wrap(Tensor.scalar(DType.I32, tensor(args.positional().get(0)).rank())));
        tf.function("size", (args, ctx) -> {
            Dim n = ctx.bindings().resolve(tensor(args.positional().get(0)).shape().numelDim());
            return ctx.wrap(n instanceof Dim.Known k ? Tensor.scalar(DType.I32, k.size())
                    : Tensor.shapeOnly(DType.I32, Shape.SCALAR));
        });
        tf.function("function", (args, ctx) -> args.positional().isEmpty() ? Value.NONE : args.positional().get(0));
    }

    /** {@code tf.Variable(initial_value, ...)}: in a graph a variable node; eagerly a tensor holding its value. */
    static Value variable(TfRuntime rt, Arguments args, CallContext ctx) {
        Bound b = Signature.of("Variable", "initial_value", "trainable", "validate_shape", "caching_device", "name",
                        "variable_def", "dtype", "import_scope", "constraint", "synchronization", "aggregation",
                        "shape").def("trainable", true).def("validate_shape", true)
                .noneDefaults("caching_device", "name", "variable_def", "dtype", "import_scope", "constraint",
                        "synchronization", "aggregation", "shape").bind(args);
        Tensor init = TfRuntime.tensor(b.get("initial_value"), dtype(b, "dtype"));
        if (!rt.graphMode() && !rt.graph().contains(b.get("initial_value"))) {
            return ctx.wrap(init);
        }
        String name = rt.graph().uniqueName(b.string("name").orElse("Variable"));
        Value.TensorValue v = (Value.TensorValue) ctx.wrap(init.withoutValues());
        Value initial = b.get("initial_value");
        rt.graph().register(v, new TfGraph.Node(name, rt.v1() ? "VariableV2" : "VarHandleOp", "",
                rt.graph().contains(initial) ? List.of(initial) : List.of(), null, init));
        return v;
    }

    // ------------------------------------------------------------ array ops

    private static void arrays(Module tf, TfRuntime rt) {
        tf.function("reshape", (args, ctx) -> {
            Bound b = Signature.of("reshape", "tensor", "shape", "name").noneDefaults("name").bind(args);
            List<Long> sizes = ints(b.get("shape"), "shape");
            return rt.op(ctx, "Reshape", "Reshape", "T=" + enumOf(b.get("tensor")) + ", Tshape=DT_INT32",
                    List.of(b.get("tensor")), List.of("shape"), (in, exec) -> TfOps.reshape(in.get(0), sizes, exec, false));
        });
        tf.function("squeeze", (args, ctx) -> {
            Bound b = Signature.of("squeeze", "input", "axis", "name", "squeeze_dims").noneDefaults("axis", "name",
                    "squeeze_dims").bind(args);
            Value axis = b.isNone("axis") ? b.get("squeeze_dims") : b.get("axis");
            List<Long> axes = axis instanceof Value.NoneValue ? List.of() : ints(axis, "axis");
            return rt.op(ctx, "Squeeze", "Squeeze", "T=" + enumOf(b.get("input")) + ", squeeze_dims=" + axes,
                    List.of(b.get("input")), (in, exec) -> TfOps.squeeze(in.get(0), axes, exec));
        });
        tf.function("expand_dims", (args, ctx) -> {
            Bound b = Signature.of("expand_dims", "input", "axis", "name").noneDefaults("name").bind(args);
            long axis = b.integer("axis");
            return rt.op(ctx, "ExpandDims", "ExpandDims", "T=" + enumOf(b.get("input")) + ", Tdim=DT_INT32",
                    List.of(b.get("input")), List.of("dim"), (in, exec) -> TfOps.expandDims(in.get(0), axis, exec));
        });
        tf.function("cast", (args, ctx) -> {
            Bound b = Signature.of("cast", "x", "dtype", "name").noneDefaults("name").bind(args);
            DType target = dtype(b, "dtype").orElseThrow();
            return rt.op(ctx, "Cast", "Cast", "DstT=" + TfText.enumName(target), List.of(b.get("x")),
                    (in, exec) -> TfOps.cast(in.get(0), target));
        });
        tf.function("one_hot", (args, ctx) -> {
            Bound b = Signature.of("one_hot", "indices", "depth", "on_value", "off_value", "axis", "dtype", "name")
                    .noneDefaults("on_value", "off_value", "axis", "dtype", "name").bind(args);
            long depth = b.integer("depth");
            if (depth < 0) {
                throw TfErrors.eager("OneHot", "depth must be non-negative, got: " + depth, true);
            }
            double on = b.isNone("on_value") ? 1 : b.number("on_value");
            double off = b.isNone("off_value") ? 0 : b.number("off_value");
            DType dtype = dtype(b, "dtype").orElse(DType.F32);
            return rt.op(ctx, "one_hot", "OneHot", "T=" + TfText.enumName(dtype) + ", TI=" + enumOf(b.get("indices"))
                    + ", axis=-1", List.of(b.get("indices")), (in, exec) -> TfOps.oneHot(in.get(0), depth, on, off,
                    dtype));
        });
        tf.function("transpose", (args, ctx) -> {
            Bound b = Signature.of("transpose", "a", "perm", "conjugate", "name").noneDefaults("perm", "name")
                    .def("conjugate", false).bind(args);
            List<Long> perm = b.isNone("perm") ? List.of() : ints(b.get("perm"), "perm");
            return rt.op(ctx, "transpose", "Transpose", "T=" + enumOf(b.get("a")) + ", Tperm=DT_INT32",
                    List.of(b.get("a")), List.of("perm"), (in, exec) -> TfOps.transpose(in.get(0), perm, exec));
        });
        tf.function("matmul", (args, ctx) -> {
            Bound b = Signature.of("matmul", "a", "b", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b",
                            "a_is_sparse", "b_is_sparse", "output_type", "grad_a", "grad_b", "name")
                    .def("transpose_a", false).def("transpose_b", false).def("adjoint_a", false)
                    .def("adjoint_b", false).def("a_is_sparse", false).def("b_is_sparse", false)
                    .noneDefaults("output_type", "name").def("grad_a", false).def("grad_b", false).bind(args);
            boolean ta = b.bool("transpose_a");
            boolean tb = b.bool("transpose_b");
            return matmul(rt, ctx, b.get("a"), b.get("b"), ta, tb);
        });
        tf.function("concat", (args, ctx) -> {
            Bound b = Signature.of("concat", "values", "axis", "name").def("name", "concat").bind(args);
            List<Value> items = Python.sequenceItems(b.get("values"));
            long axis = b.integer("axis");
            if (items == null || items.isEmpty()) {
                throw new FrameworkException("ValueError", "List argument 'values' to 'ConcatV2' Op with length 0 "
                        + "shorter than minimum length 2.");
            }
            if (items.size() == 1) {
                return items.get(0);
            }
            return rt.op(ctx, "concat", "ConcatV2", "N=" + items.size() + ", T=" + enumOf(items.get(0))
                    + ", Tidx=DT_INT32", items, List.of("axis"), (in, exec) -> TfOps.concat(in, axis, exec));
        });
        tf.function("stack", (args, ctx) -> {
            Bound b = Signature.of("stack", "values", "axis", "name").def("axis", 0).def("name", "stack").bind(args);
            List<Value> items = Python.sequenceItems(b.get("values"));
            long axis = b.integer("axis");
            if (items == null || items.isEmpty()) {
                throw new FrameworkException("ValueError", "List argument 'values' to 'Pack' Op with length 0 shorter "
                        + "than minimum length 1.");
            }
            int stackedRank = tensor(items.get(0)).rank() + 1;
            if (axis < -stackedRank || axis >= stackedRank) {
                throw new FrameworkException("ValueError", "Argument `axis` = " + axis + " not in range [" + (-stackedRank)
                        + ", " + stackedRank + ")");
            }
            return rt.op(ctx, "stack", "Pack", "N=" + items.size() + ", T=" + enumOf(items.get(0)) + ", axis=" + axis,
                    items, (in, exec) -> {
                        Tensor first = in.get(0);
                        for (int i = 1; i < in.size(); i++) {
                            if (!first.shape().equals(in.get(i).shape())) {
                                throw exec.shapeError("Pack", "Shapes of all inputs must match: values[0].shape = "
                                        + TfText.kernel(first.shape()) + " != values[" + i + "].shape = "
                                        + TfText.kernel(in.get(i).shape()), "Shapes must be equal rank, but are "
                                        + first.rank() + " and " + in.get(i).rank(), in.stream().map(Tensor::shape)
                                        .toList(), true);
                            }
                        }
                        int a = (int) (axis < 0 ? axis + first.rank() + 1 : axis);
                        List<Tensor> expanded = in.stream().map(t -> TensorMath.reshape(t, t.shape().inserting(a,
                                Dim.of(1)))).toList();
                        return TfOps.concat(expanded, a, exec);
                    });
        });
        tf.function("argmax", (args, ctx) -> argmax(rt, args, ctx, false));
        tf.function("argmin", (args, ctx) -> argmax(rt, args, ctx, true));
        tf.function("where", (args, ctx) -> {
            Bound b = Signature.of("where", "condition", "x", "y", "name").noneDefaults("x", "y", "name").bind(args);
            Tensor c = tensor(b.get("condition"));
            Tensor x = tensor(b.get("x"));
            Tensor y = tensor(b.get("y"));
            TfExec exec = TfExec.eager(ctx.bindings());
            Shape out = TfOps.broadcast("SelectV2", TfOps.broadcast("SelectV2", c.shape(), x.shape(), exec, true),
                    y.shape(), exec, true);
            Tensor left = TensorMath.zip(c, x, out, x.dtype(), (cond, v) -> cond != 0 ? v : Double.NaN);
            return ctx.wrap(TensorMath.zip(left, y, out, x.dtype(), (v, o) -> Double.isNaN(v) ? o : v));
        });
        tf.function("identity", (args, ctx) -> args.positional().get(0));
    }

    static String enumOf(Value v) {
        return v instanceof Value.TensorValue t ? TfText.enumName(t.tensor().dtype()) : "DT_FLOAT";
    }

    static Value matmul(TfRuntime rt, CallContext ctx, Value a, Value b, boolean ta, boolean tb) {
        Tensor x = tensor(a);
        Tensor y = tensor(b);
        boolean batch = x.rank() != 2 || y.rank() != 2;
        String op = batch ? "BatchMatMulV2" : "MatMul";
        String attrs = batch ? "T=" + enumOf(a) + ", adj_x=" + ta + ", adj_y=" + tb
                : "T=" + enumOf(a) + ", transpose_a=" + ta + ", transpose_b=" + tb;
        return rt.op(ctx, "MatMul", op, attrs, List.of(a, b), (in, exec) -> TfOps.matmul(in.get(0), in.get(1), ta,
                tb, exec));
    }

    private static Value argmax(TfRuntime rt, Arguments args, CallContext ctx, boolean min) {
        String fn = min ? "argmin" : "argmax";
        Bound b = Signature.of(fn, "input", "axis", "output_type", "name").noneDefaults("axis", "name")
                .def("output_type", new Value.DTypeValue(DType.I64, "tf.int64")).bind(args);
        long axis = b.isNone("axis") ? 0 : b.integer("axis");
        DType out = dtype(b, "output_type").orElse(DType.I64);
        String op = min ? "ArgMin" : "ArgMax";
        return rt.op(ctx, op, op, "T=" + enumOf(b.get("input")) + ", Tidx=DT_INT32, output_type="
                + TfText.enumName(out), List.of(b.get("input")), List.of("dimension"), (in, exec) -> TfOps.argmax(in.get(0), axis, out, min,
                exec));
    }

    // ------------------------------------------------------------ math

    /** An elementwise op between two values (Python numbers take the tensor's dtype). */
    public static Value elementwise(TfRuntime rt, Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        Tensor a = operand(left, right);
        Tensor b = operand(right, left);
        String opType = TfOps.opName(op, a.dtype());
        if (rt.v1() && op == Expr.BinaryOp.ADD) {
            opType = "Add";
        }
        Value l = left instanceof Value.TensorValue ? left : ctx.wrap(a);
        Value r = right instanceof Value.TensorValue ? right : ctx.wrap(b);
        return rt.op(ctx, TfOps.defaultNodeName(TfOps.opName(op, a.dtype())), opType, "T=" + TfText.enumName(a.dtype()),
                List.of(l, r), (in, exec) -> TfOps.arithmetic(op, in.get(0), in.get(1), exec));
    }

    /** A Python number beside a tensor becomes a scalar of the tensor's dtype. */
    private static Tensor operand(Value v, Value other) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        if (other instanceof Value.TensorValue t && Python.isNumber(v)) {
            DType dtype = t.tensor().dtype();
            if (v instanceof Value.FloatValue f && !dtype.isFloating()) {
                throw new FrameworkException("TypeError", "Cannot convert " + Python.formatFloat(f.value())
                        + " to EagerTensor of dtype " + dtype.longName);
            }
            return Tensor.scalar(dtype, Python.toDouble(v));
        }
        return tensor(v);
    }

    private static Module math(TfRuntime rt) {
        Module math = new Module("tensorflow.math");
        for (Map.Entry<String, Kernels.Reduction> r : Map.of("reduce_sum", Kernels.Reduction.SUM, "reduce_mean",
                Kernels.Reduction.MEAN, "reduce_max", Kernels.Reduction.MAX, "reduce_min", Kernels.Reduction.MIN,
                "reduce_prod", Kernels.Reduction.PROD).entrySet()) {
            String name = r.getKey();
            String opType = switch (r.getValue()) {
                case SUM -> "Sum";
                case MEAN -> "Mean";
                case MAX -> "Max";
                case MIN -> "Min";
                default -> "Prod";
            };
            math.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "input_tensor", "axis", "keepdims", "name", "reduction_indices",
                        "keep_dims").noneDefaults("axis", "name", "reduction_indices", "keep_dims")
                        .def("keepdims", false).bind(args);
                Value axis = b.isNone("axis") ? b.get("reduction_indices") : b.get("axis");
                List<Long> axes = axis instanceof Value.NoneValue ? List.of() : ints(axis, "axis");
                boolean keep = b.bool("keepdims") || b.bool("keep_dims");
                return rt.op(ctx, opType, opType, "T=" + enumOf(b.get("input_tensor")) + ", Tidx=DT_INT32, keep_dims="
                        + keep, List.of(b.get("input_tensor")), List.of("reduction_indices"), (in, exec) -> TfOps.reduce(in.get(0), axes, keep,
                        r.getValue(), opType, exec));
            });
        }
        Map<String, java.util.function.DoubleUnaryOperator> unary = new LinkedHashMap<>();
        unary.put("exp", Math::exp);
        unary.put("log", Math::log);
        unary.put("sqrt", Math::sqrt);
        unary.put("square", v -> v * v);
        unary.put("abs", Math::abs);
        unary.put("sigmoid", TensorMath::sigmoid);
        unary.put("tanh", Math::tanh);
        unary.put("negative", v -> -v);
        unary.put("log1p", Math::log1p);
        for (Map.Entry<String, java.util.function.DoubleUnaryOperator> u : unary.entrySet()) {
            String name = u.getKey();
            String opType = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            math.function(name, (args, ctx) -> {
                Value x = args.positional().isEmpty() ? args.keywords().get("x") : args.positional().get(0);
                return rt.op(ctx, opType, opType, "T=" + enumOf(x), List.of(x), (in, exec) -> {
                    Tensor t = in.get(0);
                    if (!t.dtype().isFloating() && !name.equals("abs") && !name.equals("square")
                            && !name.equals("negative")) {
                        throw new FrameworkException("InvalidArgumentError", "Value for attr 'T' of "
                                + TfText.opName(t.dtype()) + " is not in the list of allowed values: bfloat16, half, "
                                + "float, double, complex64, complex128\n\t; NodeDef: {{node " + opType + "}}; [Op:"
                                + opType + "] name: ");
                    }
                    return TensorMath.map(t, u.getValue());
                });
            });
        }
        Map<String, Expr.BinaryOp> binary = new LinkedHashMap<>();
        binary.put("add", Expr.BinaryOp.ADD);
        binary.put("subtract", Expr.BinaryOp.SUB);
        binary.put("multiply", Expr.BinaryOp.MUL);
        binary.put("divide", Expr.BinaryOp.DIV);
        binary.put("pow", Expr.BinaryOp.POW);
        binary.put("equal", Expr.BinaryOp.EQ);
        binary.put("not_equal", Expr.BinaryOp.NE);
        binary.put("greater", Expr.BinaryOp.GT);
        binary.put("less", Expr.BinaryOp.LT);
        for (Map.Entry<String, Expr.BinaryOp> e : binary.entrySet()) {
            math.function(e.getKey(), (args, ctx) -> {
                Bound b = Signature.of(e.getKey(), "x", "y", "name").noneDefaults("name").bind(args);
                return elementwise(rt, e.getValue(), b.get("x"), b.get("y"), ctx);
            });
        }
        for (String name : List.of("maximum", "minimum")) {
            math.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "x", "y", "name").noneDefaults("name").bind(args);
                Tensor a = operand(b.get("x"), b.get("y"));
                Tensor c = operand(b.get("y"), b.get("x"));
                String op = name.equals("maximum") ? "Maximum" : "Minimum";
                return rt.op(ctx, op, op, "T=" + TfText.enumName(a.dtype()), List.of(ctx.wrap(a), ctx.wrap(c)),
                        (in, exec) -> {
                            TfOps.sameDType(op, in.get(0), in.get(1), exec);
                            Shape out = TfOps.broadcast(op, in.get(0).shape(), in.get(1).shape(), exec, true);
                            return TensorMath.zip(in.get(0), in.get(1), out, in.get(0).dtype(),
                                    name.equals("maximum") ? Math::max : Math::min);
                        });
            });
        }
        math.function("argmax", (args, ctx) -> argmax(rt, args, ctx, false));
        math.function("argmin", (args, ctx) -> argmax(rt, args, ctx, true));
        math.function("clip_by_value", (args, ctx) -> clip(rt, args, ctx));
        return math;
    }

    private static Value clip(TfRuntime rt, Arguments args, CallContext ctx) {
        Bound b = Signature.of("clip_by_value", "t", "clip_value_min", "clip_value_max", "name").noneDefaults("name")
                .bind(args);
        double lo = b.number("clip_value_min");
        double hi = b.number("clip_value_max");
        return rt.op(ctx, "clip_by_value", "Minimum", "T=" + enumOf(b.get("t")), List.of(b.get("t")),
                (in, exec) -> TensorMath.map(in.get(0), v -> Math.min(Math.max(v, lo), hi)));
    }

    // ------------------------------------------------------------ nn

    private static Module nn(TfRuntime rt) {
        Module nn = new Module("tensorflow.nn");
        nn.function("sparse_softmax_cross_entropy_with_logits", (args, ctx) -> {
            Bound b = xentArgs("sparse_softmax_cross_entropy_with_logits", args, rt);
            return rt.op(ctx, "SparseSoftmaxCrossEntropyWithLogits", "SparseSoftmaxCrossEntropyWithLogits",
                    "T=" + enumOf(b.get("logits")) + ", Tlabels=" + enumOf(b.get("labels")),
                    List.of(b.get("labels"), b.get("logits")),
                    (in, exec) -> TfNn.sparseSoftmaxCrossEntropy(in.get(0), in.get(1), exec));
        }, """
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)
                labels: int32/int64 class ids (d0, ..., dn) in [0, C); logits: float (d0, ..., dn, C)
                returns: per-example loss, the labels' shape
                https://www.tensorflow.org/api_docs/python/tf/nn/sparse_softmax_cross_entropy_with_logits""");
        nn.function("softmax_cross_entropy_with_logits", (args, ctx) -> {
            Bound b = xentArgs("softmax_cross_entropy_with_logits", args, rt);
            return rt.op(ctx, "softmax_cross_entropy_with_logits", "SoftmaxCrossEntropyWithLogits",
                    "T=" + enumOf(b.get("logits")), List.of(b.get("labels"), b.get("logits")),
                    (in, exec) -> TfNn.softmaxCrossEntropy(in.get(0), in.get(1), exec));
        }, """
                tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=-1)
                labels: a distribution per row, the logits' shape (broadcastable); logits: float (..., C)
                returns: per-example loss, the logits' shape without the class axis
                https://www.tensorflow.org/api_docs/python/tf/nn/softmax_cross_entropy_with_logits""");
        nn.function("sigmoid_cross_entropy_with_logits", (args, ctx) -> {
            Bound b = xentArgs("sigmoid_cross_entropy_with_logits", args, rt);
            return rt.op(ctx, "logistic_loss", "AddV2", "T=" + enumOf(b.get("logits")),
                    List.of(b.get("labels"), b.get("logits")),
                    (in, exec) -> TfNn.sigmoidCrossEntropy(in.get(0), in.get(1), exec));
        }, """
                tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)
                labels, logits: float, the same shape; returns the elementwise loss, that shape
                https://www.tensorflow.org/api_docs/python/tf/nn/sigmoid_cross_entropy_with_logits""");
        nn.function("softmax", (args, ctx) -> activation(rt, args, ctx, "Softmax", true));
        nn.function("log_softmax", (args, ctx) -> activation(rt, args, ctx, "LogSoftmax", true));
        nn.function("relu", (args, ctx) -> activation(rt, args, ctx, "Relu", false));
        nn.function("sigmoid", (args, ctx) -> activation(rt, args, ctx, "Sigmoid", false));
        nn.function("tanh", (args, ctx) -> activation(rt, args, ctx, "Tanh", false));
        nn.function("dropout", (args, ctx) -> args.positional().isEmpty() ? args.keywords().get("x")
                : args.positional().get(0));
        nn.function("l2_loss", (args, ctx) -> {
            Value t = args.positional().get(0);
            return rt.op(ctx, "L2Loss", "L2Loss", "T=" + enumOf(t), List.of(t), (in, exec) -> {
                Tensor sq = TensorMath.map(in.get(0), v -> v * v / 2);
                return TensorMath.reduceAll(sq, Kernels.Reduction.SUM, in.get(0).dtype());
            });
        });
        return nn;
    }

    /** The cross-entropies take keywords only in TF 2 ({@code _sentinel} enforces it in TF 1). */
    private static Bound xentArgs(String name, Arguments args, TfRuntime rt) {
        Bound b = Signature.of(name, "labels", "logits", "axis", "name").noneDefaults("labels", "logits", "name")
                .def("axis", -1).bind(args);
        if (b.isNone("labels") || b.isNone("logits")) {
            throw new FrameworkException("ValueError", "Both `labels` and `logits` must be provided for " + name
                    + "Received: labels=" + repr(b.get("labels")) + " and logits=" + repr(b.get("logits")));
        }
        if (!(b.get("axis") instanceof Value.IntValue a) || a.value() != -1) {
            throw new NotationException("UnsupportedError", name + " with an axis other than -1 is not modelled",
                    b.span("axis"));
        }
        return b;
    }

    private static String repr(Value v) {
        return v instanceof Value.TensorValue t ? TfNn.repr(t.tensor()) : Python.repr(v);
    }

    private static Value activation(TfRuntime rt, Arguments args, CallContext ctx, String op, boolean softmax) {
        Value x = args.positional().isEmpty() ? args.keywords().getOrDefault("logits", args.keywords().get("features"))
                : args.positional().get(0);
        return rt.op(ctx, op, op, "T=" + enumOf(x), List.of(x), (in, exec) -> {
            Tensor t = in.get(0);
            return switch (op) {
                case "Softmax" -> t.rank() == 0 ? t : TensorMath.softmax(t, t.rank() - 1);
                case "LogSoftmax" -> t.rank() == 0 ? t : TensorMath.logSoftmax(t);
                case "Relu" -> TensorMath.map(t, v -> Math.max(v, 0));
                case "Sigmoid" -> TensorMath.map(t, TensorMath::sigmoid);
                default -> TensorMath.map(t, Math::tanh);
            };
        });
    }

    // ------------------------------------------------------------ random

    private static Module random(TfRuntime rt) {
        Module random = new Module("tensorflow.random");
        for (String name : List.of("normal", "uniform", "truncated_normal")) {
            random.function(name, (args, ctx) -> {
                Value shape = args.positional().isEmpty() ? args.keywords().get("shape") : args.positional().get(0);
                Value dtype = args.keywords().get("dtype");
                DType t = dtype instanceof Value.DTypeValue d ? d.dtype() : DType.F32;
                return ctx.wrap(Tensor.shapeOnly(t, shapeArg(shape)));
            });
        }
        random.function("set_seed", (args, ctx) -> Value.NONE);
        return random;
    }

    // ------------------------------------------------------------ TF 1 graph API

    private static Module compatV1(TfRuntime rt, Module tf, Module nn) {
        Module v1 = new Module("tensorflow.compat.v1");
        v1.function("placeholder", (args, ctx) -> {
            Bound b = Signature.of("placeholder", "dtype", "shape", "name").noneDefaults("shape", "name").bind(args);
            if (!rt.graphMode()) {
                throw new FrameworkException("RuntimeError", "tf.placeholder() is not compatible with eager "
                        + "execution.");
            }
            DType dtype = dtype(b, "dtype").orElse(DType.F32);
            Shape shape = b.isNone("shape") ? Shape.SCALAR : shapeArg(b.get("shape"));
            return placeholder(rt, ctx, Tensor.shapeOnly(dtype, shape), b.string("name").orElse("Placeholder"));
        });
        v1.function("disable_eager_execution", (args, ctx) -> {
            rt.graph().disableEager();
            return Value.NONE;
        });
        v1.function("disable_v2_behavior", (args, ctx) -> {
            rt.graph().disableEager();
            return Value.NONE;
        });
        v1.function("reset_default_graph", (args, ctx) -> Value.NONE);
        v1.function("Session", (args, ctx) -> new TfSession(rt));
        v1.function("InteractiveSession", (args, ctx) -> new TfSession(rt));
        v1.function("global_variables_initializer", (args, ctx) -> new TfSession.Operation("init", List.of(), true));
        v1.function("initialize_all_variables", (args, ctx) -> new TfSession.Operation("init", List.of(), true));
        v1.put("Variable", tf.member("Variable").orElseThrow());
        for (String name : List.of("random_normal", "truncated_normal", "random_uniform")) {
            v1.function(name, (args, ctx) -> {
                Value shape = args.positional().isEmpty() ? args.keywords().get("shape") : args.positional().get(0);
                return ctx.wrap(Tensor.shapeOnly(DType.F32, shapeArg(shape)));
            });
        }
        Module train = new Module("tensorflow.compat.v1.train");
        for (String opt : List.of("GradientDescentOptimizer", "AdamOptimizer", "RMSPropOptimizer",
                "AdagradOptimizer", "MomentumOptimizer")) {
            train.function(opt, (args, ctx) -> new TfSession.Optimizer(opt));
        }
        v1.put("train", train);
        v1.put("nn", nn);
        tf.member("math").ifPresent(m -> v1.put("math", m));
        return v1;
    }

    /** A placeholder node (a declaration with a None size in {@code use tf} is one too). */
    public static Value placeholder(TfRuntime rt, CallContext ctx, Tensor type, String base) {
        String name = rt.graph().uniqueName(base);
        Value.TensorValue v = (Value.TensorValue) ctx.wrap(type.withoutValues());
        rt.graph().register(v, new TfGraph.Node(name, "Placeholder", "dtype=" + TfText.enumName(type.dtype())
                + ", shape=" + TfText.kernel(type.shape()), List.of(), null, null));
        return v;
    }
}
