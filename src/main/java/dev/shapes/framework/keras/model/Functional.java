package dev.shapes.framework.keras.model;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.keras.KerasState;
import dev.shapes.framework.keras.layers.InputLayer;
import dev.shapes.framework.keras.layers.InputSpec;
import dev.shapes.framework.keras.layers.Layer;
import dev.shapes.framework.keras.layers.Merge;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code keras.Model(inputs, outputs)} (keras/src/models/functional.py): the
 * graph of layer calls between symbolic inputs and outputs, replayed on real
 * batches. Calling it checks each input against its Input's shape (the
 * model's input spec), adjusts ranks, then runs every layer's own checks.
 */
public final class Functional extends Model {

    /** One recorded layer call: the layer, the tensors it read and the tensor it made. */
    private record Step(Layer layer, List<Value.TensorValue> inputs, Value.TensorValue output) {}

    private final List<Value.TensorValue> inputs;
    private final List<Value.TensorValue> outputs;
    private final boolean listInputs;
    private final List<Step> steps = new ArrayList<>();

    static final Signature SIGNATURE = Signature.of("Model", "inputs", "outputs", "name", "**kwargs")
            .noneDefaults("name");

    public Functional(KerasRuntime keras, Arguments args, CallContext ctx, Module losses) {
        this(keras, SIGNATURE.bind(args), ctx, losses);
    }

    private Functional(KerasRuntime keras, Bound b, CallContext ctx, Module losses) {
        super(keras, "Functional", b, losses);
        this.listInputs = Python.sequenceItems(b.get("inputs")) != null;
        this.inputs = symbolic(b.get("inputs"), "inputs");
        this.outputs = symbolic(b.get("outputs"), "outputs");
        trace();
        this.built = true;
        this.builtShape = ((Value.TensorValue) inputs.get(0)).tensor().shape();
    }

    private List<Value.TensorValue> symbolic(Value v, String param) {
        List<Value> items = Python.sequenceItems(v);
        if (items == null && v instanceof Value.DictValue d) {
            items = new ArrayList<>(d.entries().values());
        }
        if (items == null) {
            items = List.of(v);
        }
        List<Value.TensorValue> out = new ArrayList<>();
        for (Value item : items) {
            if (!keras.state().isSymbolic(item)) {
                throw new FrameworkException("ValueError", "All `" + param + "` values must be KerasTensors. Received: "
                        + param + "=" + Python.repr(v) + " including invalid value " + Python.repr(item)
                        + " of type <class '" + item.typeName() + "'>");
            }
            out.add((Value.TensorValue) item);
        }
        return out;
    }

    /** Orders the layer calls from the inputs to the outputs. */
    private void trace() {
        Set<Value.TensorValue> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Value.TensorValue> given = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        given.addAll(inputs);
        for (Value.TensorValue out : outputs) {
            visit(out, seen, given);
        }
    }

    private void visit(Value.TensorValue t, Set<Value.TensorValue> seen, Set<Value.TensorValue> given) {
        if (!seen.add(t) || given.contains(t)) {
            return;
        }
        KerasState.Node node = keras.state().node(t).orElseThrow();
        if (node.layer() instanceof InputLayer in) {
            throw new FrameworkException("ValueError", "Graph disconnected: cannot find parents for input "
                    + Sequential.kerasTensor(t.tensor()) + " of layer '" + in.name() + "'. The following previous "
                    + "layers were accessed without issue: []");
        }
        for (Value.TensorValue in : node.inputs()) {
            visit(in, seen, given);
        }
        if (!(node.layer() instanceof Layer layer)) {
            throw new NotationException("UnsupportedError", "this model's graph contains an operation Shapes cannot "
                    + "replay", null);
        }
        steps.add(new Step(layer, node.inputs(), t));
    }

    @Override
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Step s : steps) {
            if (seen.add(s.layer())) {
                out.add(s.layer());
            }
        }
        return out;
    }

    @Override
    public int inputCount() {
        return inputs.size();
    }

    @Override
    public Optional<Shape> inputShape(int index) {
        return Optional.of(inputs.get(index).tensor().shape());
    }

    private String inputName(int i) {
        return keras.state().node(inputs.get(i)).map(n -> ((Layer) n.layer()).name()).orElse("input_layer");
    }

    @Override
    public List<Tensor> forward(List<Tensor> given, CallContext ctx) {
        if (given.size() != inputs.size()) {
            throw new FrameworkException("ValueError", "Layer \"" + name + "\" expects " + inputs.size()
                    + " input(s), but it received " + given.size() + " input tensors.");
        }
        Map<Value.TensorValue, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Shape ref = inputs.get(i).tensor().shape();
            List<Dim> spec = new ArrayList<>(ref.dims());
            if (!spec.isEmpty()) {
                spec.set(0, Dim.UNKNOWN);
            }
            InputSpec.ofShape(new Shape(spec), inputName(i)).check(i, given.get(i).shape(), name, keras,
                    ctx.bindings());
        }
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = given.get(i);
            DType want = inputs.get(i).tensor().dtype();
            values.put(inputs.get(i), Sequential.adjustRank(in.dtype() == want ? in : in.cast(want),
                    inputs.get(i).tensor().shape(),
                    inputName(i), listInputs ? Integer.toString(i) : "", ctx));
        }
        for (Step step : steps) {
            List<Tensor> ins = new ArrayList<>();
            for (Value.TensorValue in : step.inputs()) {
                ins.add(values.get(in));
            }
            Tensor out;
            if (step.layer() instanceof Merge merge) {
                out = merge.merge(ins, ctx);
            } else if (step.layer() instanceof Model model) {
                out = model.forward(ins, ctx).get(0);
            } else {
                out = step.layer().run(ins.get(0), ctx);
            }
            values.put(step.output(), out);
        }
        List<Tensor> result = new ArrayList<>();
        for (Value.TensorValue out : outputs) {
            result.add(values.get(out));
        }
        return result;
    }

    @Override
    Optional<List<Shape>> layerOutputShapes(CallContext ctx) {
        List<Shape> shapes = new ArrayList<>();
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Step s : steps) {
            if (seen.add(s.layer())) {
                shapes.add(s.output().tensor().shape());
            }
        }
        return Optional.of(shapes);
    }

    /** The input layers in order, for the summary. */
    List<InputLayer> inputLayers() {
        List<InputLayer> out = new ArrayList<>();
        for (Value.TensorValue in : inputs) {
            keras.state().node(in).map(KerasState.Node::layer).filter(l -> l instanceof InputLayer)
                    .ifPresent(l -> out.add((InputLayer) l));
        }
        return out;
    }

    @Override
    public Optional<Value> attribute(String attr, CallContext ctx) {
        return switch (attr) {
            case "inputs" -> Optional.of(new Value.ListValue(new ArrayList<>(inputs)));
            case "outputs" -> Optional.of(new Value.ListValue(new ArrayList<>(outputs)));
            case "input" -> Optional.of(listInputs ? new Value.ListValue(new ArrayList<>(inputs)) : inputs.get(0));
            case "output" -> Optional.of(outputs.size() == 1 ? outputs.get(0) : new Value.ListValue(
                    new ArrayList<>(outputs)));
            default -> super.attribute(attr, ctx);
        };
    }

    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        layers().forEach(l -> out.add(l.name()));
        return out;
    }
}
