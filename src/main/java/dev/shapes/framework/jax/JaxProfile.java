package dev.shapes.framework.jax;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.SilentBroadcast;
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

/**
 * JAX 0.10 with optax 0.2.8 in its default 32-bit mode: {@code jax},
 * {@code jnp} and {@code optax} predefined; declarations become
 * {@code jnp.asarray} arrays, so an i64/f64 declaration is an int32/float32
 * array (with JAX's truncation warning).
 */
public final class JaxProfile implements Profile {

    private final Map<String, Value> globals = new LinkedHashMap<>();
    private final Module jax;
    private final Module jnp;
    private final Module nn;
    private final Module optax;

    JaxProfile() {
        this.jnp = JaxModules.jnp(this);
        this.nn = JaxModules.nn(this);
        this.jax = new Module("jax");
        jax.put("numpy", jnp);
        jax.put("nn", nn);
        this.optax = Optax.module(this);
        globals.put("jax", jax);
        globals.put("jnp", jnp);
        globals.put("optax", optax);
    }

    @Override
    public String framework() {
        return "jax";
    }

    @Override
    public String version() {
        return JaxFramework.VERSION;
    }

    @Override
    public String label() {
        return "JAX " + JaxFramework.VERSION + " + optax 0.2.8";
    }

    @Override
    public Map<String, Value> globals() {
        return globals;
    }

    @Override
    public Optional<Value> module(String dotted) {
        return switch (dotted) {
            case "jax" -> Optional.of(jax);
            case "jax.numpy" -> Optional.of(jnp);
            case "jax.nn" -> Optional.of(nn);
            case "optax" -> Optional.of(optax);
            case "optax.losses" -> optax.member("losses");
            default -> Optional.empty();
        };
    }

    @Override
    public Value wrap(Tensor tensor) {
        return new Value.TensorValue(tensor, "jax");
    }

    /**
     * A declaration means {@code jnp.array(literal, dtype=jnp.<dtype>)} (the
     * oracle's recorder says so): a 64-bit type is truncated, with the
     * warning that call gives.
     */
    @Override
    public Value declare(String name, Tensor tensor, CallContext ctx) {
        DType canonical = JaxTypes.canonical(tensor.dtype());
        if (canonical != tensor.dtype()) {
            ctx.warn(JaxTypes.truncationWarning("<class 'jax.numpy." + tensor.dtype().longName + "'>", tensor.dtype(),
                    "array"));
            return wrap(tensor.cast(canonical));
        }
        return wrap(tensor);
    }

    @Override
    public Value binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        if (!(left instanceof Value.TensorValue) && !(right instanceof Value.TensorValue)) {
            return Python.binary(op, left, right);
        }
        if (isUnsupported(left) || isUnsupported(right)) {
            throw Python.unsupported(op, left, right);
        }
        JaxArrays.Operand a = JaxArrays.operand(left, JaxArrays.primitive(op), 0);
        JaxArrays.Operand b = JaxArrays.operand(right, JaxArrays.primitive(op), 1);
        if (op == Expr.BinaryOp.MATMUL) {
            return wrap(JaxArrays.matmul(a, b, false, ctx));
        }
        Tensor r = JaxArrays.binary(op, a, b, ctx);
        SilentBroadcast.checkArithmetic(ctx, op.symbol, a.tensor().shape(), b.tensor().shape(), r.shape());
        return wrap(r);
    }

    private static boolean isUnsupported(Value v) {
        return !(v instanceof Value.TensorValue || v instanceof Value.IntValue || v instanceof Value.FloatValue
                || v instanceof Value.BoolValue);
    }

    @Override
    public Value unary(Expr.UnaryOp op, Value operand, CallContext ctx) {
        Tensor x = ((Value.TensorValue) operand).tensor();
        return switch (op) {
            case NEGATE -> wrap(JaxArrays.negate(x));
            case PLUS -> operand;
            case INVERT -> {
                if (x.dtype().isFloating()) {
                    throw new FrameworkException("TypeError", "bitwise_not does not accept dtype "
                            + JaxText.dtype(x.dtype()) + ". Accepted dtypes are subtypes of integer, bool.");
                }
                yield wrap(x.hasValues() ? Kernels.map(x, x.dtype(),
                        v -> x.dtype() == DType.BOOL ? (v == 0 ? 1 : 0) : -v - 1) : x);
            }
        };
    }

    @Override
    public Value subscript(Value target, List<Value> index, CallContext ctx) {
        JaxIndex.Selection s = JaxIndex.get(((Value.TensorValue) target).tensor(), index, ctx);
        if (s.clamped() > 0) {
            JaxNotes.clamped(ctx, s.clamped(), s.clampedExamples().get(0));
        }
        if (s.broadcastShape() != null && JaxIndex.grew(s)) {
            List<Shape> arrays = s.arrayShapes();
            JaxNotes.index(ctx, arrays.get(0), arrays.get(arrays.size() - 1), s.broadcastShape());
        }
        return wrap(s.tensor());
    }

    @Override
    public Value assignSubscript(Value target, List<Value> index, Value value, CallContext ctx) {
        throw new FrameworkException("TypeError", "JAX arrays are immutable and do not support in-place item "
                + "assignment. Instead of x[idx] = y, use x = x.at[idx].set(y) or another .at[] method: "
                + "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html");
    }

    // ------------------------------------------------------------ attributes and methods

    private static final List<String> METHODS = List.of("reshape", "sum", "mean", "max", "min", "argmax", "argmin",
            "squeeze", "astype", "take", "flatten", "ravel", "transpose", "item");

    @Override
    public List<String> tensorAttributeNames() {
        List<String> names = new ArrayList<>(List.of("shape", "ndim", "dtype", "size", "T"));
        names.addAll(METHODS);
        return names;
    }

    @Override
    public Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        Tensor self = target.tensor();
        switch (name) {
            case "shape": {
                List<Value> dims = new ArrayList<>();
                for (Dim d : ctx.bindings().resolve(self.shape()).dims()) {
                    if (!d.isKnown()) {
                        throw new NotationException("ValueError", "x.shape with a symbolic or unknown size (" + d
                                + ") is not modelled under use jax; declare numbers", null);
                    }
                    dims.add(new Value.IntValue(d.known().getAsLong()));
                }
                return Optional.of(new Value.TupleValue(dims));
            }
            case "ndim":
                return Optional.of(new Value.IntValue(self.rank()));
            case "dtype":
                return Optional.of(new Value.DTypeValue(self.dtype(), "dtype('" + self.dtype().longName + "')"));
            case "size":
                return Optional.of(new Value.IntValue(self.shape().numel().orElseThrow(() -> new NotationException(
                        "ValueError", "x.size of a symbolic shape is not modelled", null))));
            case "T":
                return Optional.of(wrap(transpose(self, Value.NONE)));
            default:
                break;
        }
        if (!METHODS.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(new Function("Array." + name, (args, c) -> wrap(method(self, name, args, c))));
    }

    private Tensor method(Tensor self, String name, Arguments args, CallContext ctx) {
        switch (name) {
            case "reshape": {
                Value shape = args.positional().size() == 1 ? args.positional().get(0)
                        : new Value.TupleValue(args.positional());
                if (args.keywords().containsKey("shape")) {
                    shape = args.keywords().get("shape");
                }
                return JaxArrays.reshape(self, shape, ctx.bindings());
            }
            case "sum", "mean", "max", "min": {
                List<Value> positional = new ArrayList<>();
                positional.add(wrap(self));
                positional.addAll(args.positional());
                JaxArrays.Reduction kind = JaxArrays.Reduction.valueOf(name.toUpperCase(java.util.Locale.ROOT));
                return JaxModules.reduce(name, kind, new Arguments(positional, args.keywords(), pad(args, 1),
                        args.keywordSpans(), padSources(args, 1), args.keywordSources(), args.callSpan()), ctx);
            }
            case "argmax", "argmin": {
                Bound b = Signature.of(name, "axis", "out", "keepdims").noneDefaults("axis", "out")
                        .def("keepdims", false).bind(args);
                return JaxArrays.reduce(name.equals("argmax") ? JaxArrays.Reduction.ARGMAX : JaxArrays.Reduction.ARGMIN,
                        self, b.get("axis"), Python.truthy(b.get("keepdims")));
            }
            case "squeeze": {
                Bound b = Signature.of("squeeze", "axis").noneDefaults("axis").bind(args);
                return JaxArrays.squeeze(self, b.get("axis"), ctx.bindings());
            }
            case "astype": {
                Bound b = Signature.of("astype", "dtype").bind(args);
                return self.cast(JaxModules.dtype(b.get("dtype"), "astype", ctx).orElse(self.dtype()));
            }
            case "take": {
                Bound b = Signature.of("take", "indices", "axis").noneDefaults("axis").bind(args);
                if (b.get("indices") instanceof Value.IntValue i && !b.isNone("axis")) {
                    int axis = JaxArrays.canonicalAxis(JaxArrays.integer(b.get("axis"), "axis"), self.rank());
                    List<Value> index = new ArrayList<>();
                    for (int k = 0; k < axis; k++) {
                        index.add(new Value.SliceValue(Optional.empty(), Optional.empty(), Optional.empty()));
                    }
                    index.add(i);
                    return JaxIndex.get(self, index, ctx).tensor();
                }
                throw new NotationException("NotImplementedError", "x.take with array indices is not modelled; use "
                        + "jnp.take_along_axis or x[...]", null);
            }
            case "flatten", "ravel":
                return JaxArrays.reshape(self, new Value.IntValue(-1), ctx.bindings());
            case "transpose":
                return transpose(self, args.positional().isEmpty() ? Value.NONE
                        : args.positional().size() == 1 ? args.positional().get(0)
                        : new Value.TupleValue(args.positional()));
            case "item":
                if (self.shape().numel().orElse(2) != 1) {
                    throw new FrameworkException("TypeError", "Only length-1 arrays can be converted to Python "
                            + "scalars.");
                }
                return self;
            default:
                throw new IllegalStateException(name);
        }
    }

    private static List<dev.shapes.lang.Span> pad(Arguments args, int extra) {
        List<dev.shapes.lang.Span> spans = new ArrayList<>();
        for (int i = 0; i < extra; i++) {
            spans.add(null);
        }
        spans.addAll(args.positionalSpans());
        return spans;
    }

    private static List<String> padSources(Arguments args, int extra) {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < extra; i++) {
            sources.add("");
        }
        sources.addAll(args.positionalSources());
        return sources;
    }

    /** {@code jnp.transpose(a, axes)}; None reverses the axes. */
    static Tensor transpose(Tensor a, Value axesArg) {
        int rank = a.rank();
        int[] perm = new int[rank];
        Optional<List<Long>> axes = JaxArrays.axes(axesArg);
        if (axes.isPresent() && axes.get().size() != rank) {
            throw new FrameworkException("ValueError", "axes don't match array");
        }
        for (int i = 0; i < rank; i++) {
            perm[i] = axes.isEmpty() ? rank - 1 - i : JaxArrays.canonicalAxis(axes.get().get(i), rank);
        }
        List<Dim> dims = new ArrayList<>();
        for (int p : perm) {
            dims.add(a.shape().dim(p));
        }
        Shape out = new Shape(dims);
        return a.hasValues() ? Kernels.permute(a, perm, out) : Tensor.shapeOnly(a.dtype(), out);
    }

    @Override
    public String formatShape(Shape shape) {
        return JaxText.tuple(shape);
    }
}
