package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.keras.KerasState;
import dev.shapes.framework.keras.Arrays;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keras.Input(shape=...)} and {@code layers.InputLayer}
 * ({@code keras/src/layers/core/input_layer.py}): a symbolic tensor whose
 * batch axis is {@code None} unless {@code batch_size}/{@code batch_shape}
 * fixes it. Shapes go through {@code standardize_shape}.
 */
public final class InputLayer extends Layer {

    private final Shape batchShape;
    private final DType dtype;
    private Value.TensorValue output;

    private InputLayer(KerasRuntime keras, Bound b, Shape batchShape, DType dtype) {
        super(keras, "InputLayer", b);
        this.batchShape = batchShape;
        this.dtype = dtype;
        this.built = true;
        this.builtShape = batchShape;
    }

    public Shape batchShape() {
        return batchShape;
    }

    public DType dtype() {
        return dtype;
    }

    /** The symbolic tensor this layer stands for. */
    public Value.TensorValue output(CallContext ctx) {
        if (output == null) {
            output = (Value.TensorValue) ctx.wrap(Tensor.shapeOnly(dtype, batchShape));
            state(ctx).record(output, new KerasState.Node(this, List.of()));
        }
        return output;
    }

    static final Signature INPUT = Signature.of("Input", "shape", "batch_size", "dtype", "sparse", "batch_shape",
            "name", "tensor", "optional").noneDefaults("shape", "batch_size", "dtype", "sparse", "batch_shape", "name",
            "tensor").def("optional", false);

    /** {@code keras.Input(...)}: the symbolic tensor of a new InputLayer. */
    public static Value input(KerasRuntime keras, Arguments args, CallContext ctx) {
        Bound b = INPUT.bind(args);
        return create(keras, b, ctx).output(ctx);
    }

    /** {@code layers.InputLayer(...)} (also accepts the deprecated {@code input_shape}). */
    public static InputLayer layer(KerasRuntime keras, Arguments args, CallContext ctx) {
        Bound b = Signature.of("InputLayer", "shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape",
                        "input_tensor", "optional", "name", "**kwargs")
                .noneDefaults("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "input_tensor", "name")
                .def("optional", false).bind(args);
        if (b.extraKeywords().containsKey("input_shape")) {
            ctx.warn("Argument `input_shape` is deprecated. Use `shape` instead.");
        }
        return create(keras, b, ctx);
    }

    /** An InputLayer of a known batch shape (what Sequential adds for {@code input_shape=}). */
    public static InputLayer ofBatchShape(KerasRuntime keras, Shape batchShape, CallContext ctx) {
        Bound b = INPUT.bind(Arguments.of());
        return new InputLayer(keras, b, batchShape, DType.F32);
    }

    private static InputLayer create(KerasRuntime keras, Bound b, CallContext ctx) {
        Value shape = b.get("shape");
        if (shape instanceof Value.NoneValue && b.extraKeywords().containsKey("input_shape")) {
            shape = b.extraKeywords().get("input_shape");
        }
        Value batchShape = b.get("batch_shape");
        if (batchShape instanceof Value.NoneValue && b.extraKeywords().containsKey("batch_input_shape")) {
            batchShape = b.extraKeywords().get("batch_input_shape");
        }
        if (!(shape instanceof Value.NoneValue) && !(batchShape instanceof Value.NoneValue)) {
            throw new FrameworkException("ValueError", "You cannot pass both `shape` and `batch_shape` at the same "
                    + "time.");
        }
        if (!b.isNone("batch_size") && !(batchShape instanceof Value.NoneValue)) {
            throw new FrameworkException("ValueError", "You cannot pass both `batch_size` and `batch_shape` at the "
                    + "same time.");
        }
        if (shape instanceof Value.NoneValue && batchShape instanceof Value.NoneValue) {
            throw new FrameworkException("ValueError", "You must pass a `shape` argument.");
        }
        List<Dim> dims = new ArrayList<>();
        if (!(shape instanceof Value.NoneValue)) {
            dims.add(b.isNone("batch_size") ? Dim.UNKNOWN : Dim.of(b.integer("batch_size")));
            dims.addAll(shapeOf(shape, keras));
        } else {
            dims.addAll(shapeOf(batchShape, keras));
        }
        DType dtype = b.isNone("dtype") ? DType.F32 : Arrays.dtype(b.get("dtype"));
        Bound named = new Bound(b.function(), b.values(), b.spans(), b.sources(), List.of(), java.util.Map.of(),
                b.callSpan());
        return new InputLayer(keras, named, new Shape(dims), dtype);
    }

    /** {@code standardize_shape}: a tuple/list of non-negative ints or None. */
    public static List<Dim> shapeOf(Value v, KerasRuntime keras) {
        List<Value> items = Python.sequenceItems(v);
        if (items == null) {
            if (keras.legacy()) {
                throw new FrameworkException("TypeError", "'" + v.typeName() + "' object is not iterable");
            }
            throw new FrameworkException("ValueError", "Cannot convert '" + Python.repr(v) + "' to a shape.");
        }
        List<Dim> dims = new ArrayList<>();
        String text = Python.repr(new Value.TupleValue(items));
        for (Value item : items) {
            if (item instanceof Value.NoneValue) {
                dims.add(Dim.UNKNOWN);
            } else if (item instanceof Value.IntValue i) {
                if (i.value() < 0) {
                    throw new FrameworkException("ValueError", "Cannot convert '" + text + "' to a shape. Negative "
                            + "dimensions are not allowed.");
                }
                dims.add(Dim.of(i.value()));
            } else if (item instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                    && t.tensor().dtype().isIntegral()) {
                dims.add(Dim.of((long) t.tensor().item()));
            } else if (item instanceof Value.StrValue s && !s.value().isEmpty()
                    && Character.isUpperCase(s.value().charAt(0))) {
                dims.add(Dim.symbol(s.value()));
            } else {
                throw new FrameworkException("ValueError", "Cannot convert '" + text + "' to a shape. Found invalid "
                        + "dimension '" + Python.repr(item) + "' of type '<class '" + item.typeName() + "'>'. ");
            }
        }
        return dims;
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return x;
    }

    @Override
    public java.util.Optional<Value> attribute(String attr, CallContext ctx) {
        if (attr.equals("output")) {
            return java.util.Optional.of(output(ctx));
        }
        if (attr.equals("batch_shape")) {
            return java.util.Optional.of(Arrays.shapeTuple(batchShape));
        }
        return super.attribute(attr, ctx);
    }
}
