package dev.shapes.framework.keras.model;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.keras.KerasState;
import dev.shapes.framework.keras.layers.InputLayer;
import dev.shapes.framework.keras.layers.Layer;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code Sequential([...])} (keras/src/models/sequential.py): layers in
 * order. With an {@code Input} (or a first layer given {@code input_shape=})
 * the model is built at once, so a layer that does not fit the shape before it
 * fails while the model is constructed; otherwise it is built on the first
 * batch it sees. Once built, a call first adjusts the input's rank
 * ({@code _adjust_input_rank}), then runs each layer's checks.
 */
public final class Sequential extends Model {

    private InputLayer input;
    private final List<Layer> layers = new ArrayList<>();
    private boolean graph;
    private final List<Shape> outputShapes = new ArrayList<>();

    static final Signature SIGNATURE = Signature.of("Sequential", "layers", "trainable", "name")
            .noneDefaults("layers", "name").def("trainable", true);

    public Sequential(KerasRuntime keras, Arguments args, CallContext ctx, Module losses) {
        this(keras, SIGNATURE.bind(args), ctx, losses);
    }

    private Sequential(KerasRuntime keras, Bound b, CallContext ctx, Module losses) {
        super(keras, "Sequential", b, losses);
        Value given = b.get("layers");
        if (!(given instanceof Value.NoneValue)) {
            List<Value> items = Python.sequenceItems(given);
            if (items == null) {
                items = List.of(given);
            }
            for (Value layer : items) {
                add(layer, false, ctx);
            }
            rebuild(ctx);
        }
    }

    @Override
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public int inputCount() {
        return 1;
    }

    @Override
    public Optional<Shape> inputShape(int index) {
        return Optional.ofNullable(input).map(InputLayer::batchShape);
    }

    /** {@code model.add(layer)}. */
    void add(Value value, boolean rebuild, CallContext ctx) {
        Layer layer;
        KerasState state = state(ctx);
        if (value instanceof Value.TensorValue t && state.node(t).map(n -> n.layer() instanceof InputLayer)
                .orElse(false)) {
            layer = (InputLayer) state.node(t).get().layer();
        } else if (value instanceof Layer l) {
            layer = l;
        } else {
            throw new FrameworkException("ValueError", "Only instances of `keras.Layer` can be added to a Sequential "
                    + "model. Received: " + Python.repr(value) + " (of type <class '" + value.typeName() + "'>)");
        }
        if (layers.isEmpty() && input == null && !(layer instanceof InputLayer)) {
            Optional<List<Dim>> shape = layer.inputShapeArgument();
            if (shape.isPresent()) {
                input = InputLayer.ofBatchShape(keras, new Shape(shape.get()), ctx);
            }
        }
        if (layer instanceof InputLayer in) {
            if (input != null) {
                throw new FrameworkException("ValueError", "Sequential model '" + name + "' has already been "
                        + "configured to use input shape " + TfText.tuple(input.batchShape()) + ". You cannot add a "
                        + "different Input layer to it.");
            }
            if (layers.isEmpty()) {
                input = in;
                if (rebuild) {
                    rebuild(ctx);
                }
                return;
            }
        }
        for (Layer existing : layers) {
            if (existing != layer && existing.name().equals(layer.name())) {
                throw new FrameworkException("ValueError", "All layers added to a Sequential model should have unique "
                        + "names. Name '" + layer.name() + "' is already the name of a layer in this model. Update the "
                        + "`name` argument to pass a unique name.");
            }
        }
        layers.add(layer);
        graph = false;
        if (rebuild) {
            rebuild(ctx);
        }
    }

    /** {@code _maybe_rebuild}: with an input shape and at least one layer, build the graph now. */
    private void rebuild(CallContext ctx) {
        graph = false;
        if (input != null && !layers.isEmpty()) {
            buildFor(input.batchShape(), ctx);
        }
    }

    /** Builds by running each layer on a symbolic batch of this shape. */
    void buildFor(Shape batchShape, CallContext ctx) {
        if (input != null && !input.batchShape().equals(batchShape)) {
            throw new FrameworkException("ValueError", "Sequential model '" + name + "' has already been configured to "
                    + "use input shape " + TfText.tuple(input.batchShape()) + ". You cannot build it with input_shape "
                    + TfText.tuple(batchShape));
        }
        if (layers.isEmpty()) {
            throw new FrameworkException("ValueError", "Sequential model " + name + " cannot be built because it has "
                    + "no layers. Call `model.add(layer)`.");
        }
        if (input == null) {
            input = InputLayer.ofBatchShape(keras, batchShape, ctx);
        }
        outputShapes.clear();
        Tensor x = Tensor.shapeOnly(DType.F32, batchShape);
        for (Layer layer : layers) {
            x = layer.run(x, ctx);
            outputShapes.add(x.shape());
        }
        graph = true;
        built = true;
        builtShape = batchShape;
    }

    @Override
    public List<Tensor> forward(List<Tensor> inputs, CallContext ctx) {
        if (layers.isEmpty()) {
            throw new FrameworkException("ValueError", "Sequential model " + name + " cannot be built because it has "
                    + "no layers. Call `model.add(layer)`.");
        }
        Tensor x = inputs.get(0);
        if (!graph) {
            buildFor(x.shape(), ctx);
        } else if (keras.legacy()) {
            // tf.keras 2.x's Sequential is a functional model: its input spec is checked first
            List<Dim> spec = new ArrayList<>(input.batchShape().dims());
            spec.set(0, Dim.UNKNOWN);
            dev.shapes.framework.keras.layers.InputSpec.ofShape(new Shape(spec), input.name()).check(0, x.shape(),
                    name, keras, ctx.bindings());
        }
        x = adjustRank(x.dtype() == input.dtype() ? x : x.cast(input.dtype()), input.batchShape(), input.name(), "",
                ctx);
        for (Layer layer : layers) {
            x = layer.run(x, ctx);
        }
        return List.of(x);
    }

    /** {@code Functional._adjust_input_rank}: squeeze or expand a trailing axis of 1, else refuse. */
    static Tensor adjustRank(Tensor x, Shape ref, String inputName, String path, CallContext ctx) {
        int rank = x.rank();
        int refRank = ref.rank();
        if (rank == refRank) {
            return x;
        }
        if (rank == refRank + 1 && ctx.bindings().resolve(x.shape().dim(rank - 1)).is(1)) {
            return dev.shapes.framework.tf.TensorMath.reshape(x, x.shape().without(rank - 1));
        }
        if (rank == refRank - 1 && ref.dim(refRank - 1).is(1)) {
            return dev.shapes.framework.tf.TensorMath.reshape(x, x.shape().append(Dim.of(1)));
        }
        throw new FrameworkException("ValueError", "Invalid input shape for input " + kerasTensor(x) + " with name '"
                + inputName + "' and path '" + path + "'. Expected shape " + TfText.tuple(ref)
                + ", but input has incompatible shape " + TfText.tuple(x.shape()));
    }

    static String kerasTensor(Tensor x) {
        return "<KerasTensor shape=" + TfText.tuple(x.shape()) + ", dtype=" + x.dtype().longName
                + ", sparse=False, ragged=False, name=keras_tensor>";
    }

    @Override
    Optional<List<Shape>> layerOutputShapes(CallContext ctx) {
        if (!graph) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(outputShapes));
    }

    @Override
    public Optional<Value> attribute(String attr, CallContext ctx) {
        return switch (attr) {
            case "add" -> Optional.of(method("add", (a, c) -> {
                Bound b = Signature.of("add", "layer", "rebuild").def("rebuild", true).bind(a);
                add(b.get("layer"), b.bool("rebuild"), c);
                return Value.NONE;
            }));
            case "pop" -> Optional.of(method("pop", (a, c) -> {
                if (layers.isEmpty()) {
                    throw new FrameworkException("IndexError", "pop from empty list");
                }
                Layer removed = layers.remove(layers.size() - 1);
                rebuild(c);
                return removed;
            }));
            case "build" -> Optional.of(method("build", (a, c) -> {
                Bound b = Signature.of("build", "input_shape").noneDefaults("input_shape").bind(a);
                buildFor(new Shape(InputLayer.shapeOf(b.get("input_shape"), keras)), c);
                return Value.NONE;
            }));
            case "inputs", "input" -> {
                if (input == null) {
                    throw new FrameworkException("AttributeError", "Sequential model '" + name
                            + "' has no defined inputs yet.");
                }
                Value in = input.output(ctx);
                yield Optional.of(attr.equals("inputs") ? new Value.ListValue(List.of(in)) : in);
            }
            default -> super.attribute(attr, ctx);
        };
    }

    @Override
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>(List.of("add", "pop", "build", "inputs"));
        names.addAll(super.attributeNames());
        return names;
    }
}
