package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.keras.KerasState;
import dev.shapes.framework.keras.Arrays;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras layer ({@code keras/src/layers/layer.py}): a name from the
 * session's counters, an input spec, lazy building on the first input's
 * shape, and {@code __call__}: convert arrays (floats to float32), check the
 * spec, build, check again, compute. Weights are random, so outputs of layers
 * with weights carry a shape and no values. Calling a layer on a symbolic
 * tensor (from {@code Input}) records the node, so functional models can be
 * replayed on real batches.
 */
public abstract class Layer implements Value.PyObject {

    protected final KerasRuntime keras;
    protected final String className;
    protected final String name;
    protected InputSpec inputSpec;
    protected boolean built;
    /** The {@code input_shape}/{@code input_dim} argument (without the batch axis), for Sequential. */
    protected Optional<Shape> inputShapeArg = Optional.empty();
    protected Optional<Dim> batchSizeArg = Optional.empty();
    /** The shape the layer was built with. */
    protected Shape builtShape;
    /** Settings shown as attributes ({@code units}, {@code filters}, ...). */
    protected final Map<String, Value> config = new LinkedHashMap<>();

    protected Layer(KerasRuntime keras, String className, Bound b) {
        this.keras = keras;
        this.className = className;
        Value n = b.values().getOrDefault("name", Value.NONE);
        this.name = n instanceof Value.StrValue s ? s.value() : keras.state().autoName(className);
        commonKeywords(b);
    }

    /** {@code Layer.__init__}'s own keywords: input_shape/input_dim (with a warning), and nothing unknown. */
    private void commonKeywords(Bound b) {
        Map<String, Value> rest = new LinkedHashMap<>(b.extraKeywords());
        Value inputDim = rest.remove("input_dim");
        Value inputShape = rest.remove("input_shape");
        Value batchInputShape = keras.legacy() ? rest.remove("batch_input_shape") : null;
        Value batchSize = keras.legacy() ? rest.remove("batch_size") : null;
        if (keras.legacy()) {
            rest.remove("weights");
            rest.remove("autocast");
        }
        rest.remove("trainable");
        rest.remove("dtype");
        rest.remove("activity_regularizer");
        if (inputDim != null && !(inputDim instanceof Value.NoneValue)) {
            inputShape = new Value.TupleValue(List.of(inputDim));
        }
        if (inputShape != null && !(inputShape instanceof Value.NoneValue)) {
            if (!keras.legacy()) {
                warnings.add("Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential "
                        + "models, prefer using an `Input(shape)` object as the first layer in the model instead.");
            }
            inputShapeArgValue = inputShape;
        }
        if (batchInputShape != null) {
            List<Dim> dims = InputLayer.shapeOf(batchInputShape, keras);
            batchSizeArg = Optional.of(dims.get(0));
            inputShapeArgValue = new Value.TupleValue(new ArrayList<>(((Value.TupleValue) Arrays.shapeTuple(
                    new Shape(dims.subList(1, dims.size())))).items()));
        }
        if (batchSize != null && batchSize instanceof Value.IntValue i) {
            batchSizeArg = Optional.of(Dim.of(i.value()));
        }
        if (!rest.isEmpty()) {
            if (keras.legacy()) {
                throw new FrameworkException("TypeError", "('Keyword argument not understood:', '"
                        + rest.keySet().iterator().next() + "')");
            }
            throw new FrameworkException("ValueError", "Unrecognized keyword arguments passed to " + className + ": "
                    + Python.repr(new Value.DictValue(keyed(rest))));
        }
    }

    private static Map<Value, Value> keyed(Map<String, Value> m) {
        Map<Value, Value> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(new Value.StrValue(k), v));
        return out;
    }

    /** The raw {@code input_shape} value, validated when a Sequential uses it. */
    Value inputShapeArgValue;
    /** Warnings the constructor gives; the factory reports them on the constructing statement. */
    final List<String> warnings = new ArrayList<>();

    public List<String> constructionWarnings() {
        return warnings;
    }

    /** The {@code input_shape} argument as batch shape (batch axis first), if one was given. */
    public Optional<List<Dim>> inputShapeArgument() {
        if (inputShapeArgValue == null) {
            return Optional.empty();
        }
        List<Dim> dims = new ArrayList<>();
        dims.add(batchSizeArg.orElse(Dim.UNKNOWN));
        dims.addAll(InputLayer.shapeOf(inputShapeArgValue, keras));
        return Optional.of(dims);
    }

    public String name() {
        return name;
    }

    /** The session's Keras state for this call (see {@link KerasRuntime#current}). */
    protected KerasState state(CallContext ctx) {
        return KerasRuntime.current(keras, ctx).state();
    }

    public String className() {
        return className;
    }

    public boolean isBuilt() {
        return built;
    }

    public KerasRuntime keras() {
        return keras;
    }

    // ------------------------------------------------------------ what each layer defines

    /** Builds the weights for this input shape (may raise, may set the input spec). */
    protected void build(Shape inputShape, CallContext ctx) {
    }

    /** The output for one input; layers with random weights return shape-only tensors. */
    protected abstract Tensor forward(Tensor x, CallContext ctx);

    /** How many weights the layer has once built (trainable, non-trainable). */
    public long[] parameterCounts() {
        return new long[] {0, 0};
    }

    /** The dtype inputs are converted to before the layer sees them (float inputs become float32). */
    protected Tensor convertInput(Tensor x) {
        return x.dtype().isFloating() && x.dtype() != DType.F32 ? x.cast(DType.F32) : x;
    }

    /** Layers that take a list of tensors (merging layers). */
    public boolean takesList() {
        return false;
    }

    // ------------------------------------------------------------ __call__

    @Override
    public Value call(Arguments args, CallContext ctx) {
        Bound b = Signature.of(className + ".__call__", "inputs", "*args", "**kwargs").bind(args);
        return apply(b.get("inputs"), ctx);
    }

    /** {@code layer(inputs)}: converts, checks, builds and computes; records the node for symbolic inputs. */
    public Value apply(Value input, CallContext ctx) {
        if (input instanceof Layer other) {
            throw new FrameworkException("ValueError", "Only input tensors may be passed as positional arguments. "
                    + "The following argument value should be passed as a keyword argument: " + other.describe()
                    + " (of type <class '" + other.pythonClass() + "'>)");
        }
        Value.TensorValue in = tensorValue(input, ctx);
        Tensor out = run(convertInput(in.tensor()), ctx);
        Value.TensorValue result = (Value.TensorValue) ctx.wrap(out);
        KerasState state = state(ctx);
        if (state.isSymbolic(in)) {
            state.record(result, new KerasState.Node(this, List.of(in)));
        }
        return result;
    }

    /** A layer input as a tensor value: tensors as they are, lists and numbers converted. */
    protected Value.TensorValue tensorValue(Value v, CallContext ctx) {
        if (v instanceof Value.TensorValue t) {
            return t;
        }
        Tensor t = Arrays.asArray(v);
        if (t == null) {
            throw new FrameworkException("ValueError", "Inputs to a layer should be tensors. Got '" + Python.repr(v)
                    + "' (of type <class '" + v.typeName() + "'>) as input for layer '" + name + "'.");
        }
        return (Value.TensorValue) ctx.wrap(t);
    }

    /** The core of {@code __call__} on a tensor: spec, build, spec again, forward. */
    public Tensor run(Tensor x, CallContext ctx) {
        if (inputSpec != null) {
            inputSpec.check(0, x.shape(), name, keras, ctx.bindings());
        }
        if (!built) {
            build(x.shape(), ctx);
            built = true;
            builtShape = x.shape();
            if (inputSpec != null) {
                inputSpec.check(0, x.shape(), name, keras, ctx.bindings());
            }
        }
        return forward(x, ctx);
    }

    /** The output shape for an input shape, computed without side effects on a built layer. */
    public Shape outputShape(Shape input, CallContext ctx) {
        return forward(Tensor.shapeOnly(DType.F32, input), ctx).shape();
    }

    // ------------------------------------------------------------ Python surface

    protected String pythonClass() {
        return "keras.src.layers." + className;
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public String typeName() {
        return className;
    }

    @Override
    public String describe() {
        return "<" + className + " name=" + name + ", built=" + (built ? "True" : "False") + ">";
    }

    @Override
    public Optional<Value> attribute(String attr, CallContext ctx) {
        switch (attr) {
            case "name":
                return Optional.of(new Value.StrValue(name));
            case "built":
                return Optional.of(new Value.BoolValue(built));
            case "input_shape":
                if (builtShape == null) {
                    throw new FrameworkException("AttributeError", "The layer \"" + name + "\" has never been called "
                            + "and thus has no defined input.");
                }
                return Optional.of(Arrays.shapeTuple(builtShape));
            case "count_params":
                return Optional.of(new Function(className + ".count_params", (a, c) -> {
                    if (!built) {
                        throw new FrameworkException("ValueError", "You tried to call `count_params` on layer '"
                                + name + "', but the layer isn't built. You can build it manually via: `layer.build("
                                + "input_shape)`.");
                    }
                    long[] p = parameterCounts();
                    return new Value.IntValue(p[0] + p[1]);
                }));
            default:
                return Optional.ofNullable(config.get(attr));
        }
    }

    @Override
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>(List.of("name", "built", "input_shape", "count_params"));
        names.addAll(config.keySet());
        return names;
    }

    // ------------------------------------------------------------ helpers for layers

    /** A positive int argument, with Keras's ValueError text. */
    protected static long positive(Bound b, String param, String what) {
        Value v = b.get(param);
        if (!(v instanceof Value.IntValue i) || i.value() <= 0) {
            throw new FrameworkException("ValueError", "Received an invalid value for `" + param + "`, expected a "
                    + "positive integer. Received: " + param + "=" + Python.repr(v));
        }
        return i.value();
    }

    /** {@code standardize_tuple} (keras/src/utils/argument_validation.py): an int or {@code n} ints, all positive. */
    protected static long[] tuple(Value v, int n, String name) {
        return tuple(v, n, name, false);
    }

    protected static long[] tuple(Value v, int n, String name, boolean allowZero) {
        String error = "The `" + name + "` argument must be a tuple of " + n + " integers. Received " + name + "="
                + Python.repr(v);
        long[] out = new long[n];
        if (v instanceof Value.IntValue i) {
            java.util.Arrays.fill(out, i.value());
        } else {
            List<Value> items = Python.sequenceItems(v);
            if (items == null || items.size() != n) {
                throw new FrameworkException("ValueError", error);
            }
            for (int i = 0; i < n; i++) {
                if (!(items.get(i) instanceof Value.IntValue x)) {
                    throw new FrameworkException("ValueError", error + "including element " + Python.repr(items.get(i))
                            + " of type <class '" + items.get(i).typeName() + "'>");
                }
                out[i] = x.value();
            }
        }
        java.util.Set<Long> bad = new java.util.TreeSet<>();
        for (long x : out) {
            if (allowZero ? x < 0 : x <= 0) {
                bad.add(x);
            }
        }
        if (!bad.isEmpty()) {
            StringBuilder set = new StringBuilder("{");
            for (long x : bad) {
                set.append(set.length() > 1 ? ", " : "").append(x);
            }
            throw new FrameworkException("ValueError", error + ", including values " + set + "} that do not satisfy "
                    + "`value " + (allowZero ? ">= 0" : "> 0") + "`");
        }
        return out;
    }

    protected static String shapeText(Shape s) {
        return TfText.tuple(s);
    }
}
