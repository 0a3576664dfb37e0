package dev.shapes.framework.keras.model;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Module;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.keras.KerasState;
import dev.shapes.framework.keras.Arrays;
import dev.shapes.framework.keras.layers.Activations;
import dev.shapes.framework.keras.layers.ActivationLayer;
import dev.shapes.framework.keras.layers.Dense;
import dev.shapes.framework.keras.layers.Layer;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Sequential and functional models share (keras/src/models/model.py,
 * keras/src/trainers/trainer.py): calling the model, {@code compile},
 * {@code fit}, {@code evaluate}, {@code predict}, {@code summary} and the
 * usual attributes. A model is a layer, so models nest.
 */
public abstract class Model extends Layer {

    /** What {@code compile} recorded; resolved when fit builds the loss and metrics. */
    record Compiled(Value optimizer, Value loss, List<Value> metrics) {}

    protected Compiled compiled;
    protected final Module losses;

    protected Model(KerasRuntime keras, String className, Bound b, Module losses) {
        super(keras, className, b);
        this.losses = losses;
    }

    /** The layers, without the InputLayer. */
    public abstract List<Layer> layers();

    /** Runs the model on real (or symbolic) inputs, raising what Keras raises. */
    public abstract List<Tensor> forward(List<Tensor> inputs, CallContext ctx);

    /** How many input arrays the model takes. */
    public abstract int inputCount();

    /** The input shape (batch axis included) when the model knows it. */
    public abstract Optional<Shape> inputShape(int index);

    /** Output shapes for the summary (batch axis None unless fixed), if the model is built. */
    abstract Optional<List<Shape>> layerOutputShapes(CallContext ctx);

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return forward(List.of(x), ctx).get(0);
    }

    @Override
    public Tensor run(Tensor x, CallContext ctx) {
        return forward(List.of(convertInput(x)), ctx).get(0);
    }

    @Override
    public long[] parameterCounts() {
        long trainable = 0;
        long fixed = 0;
        for (Layer l : layers()) {
            long[] p = l.parameterCounts();
            trainable += p[0];
            fixed += p[1];
        }
        return new long[] {trainable, fixed};
    }

    /** The activation op ({@code Softmax}/{@code Sigmoid}) that produced the output, which the TF backend can see. */
    public Optional<String> outputActivationOp() {
        List<Layer> ls = layers();
        if (ls.isEmpty()) {
            return Optional.empty();
        }
        Layer last = ls.get(ls.size() - 1);
        if (last instanceof Dense d) {
            return d.activation().opType();
        }
        if (last instanceof ActivationLayer a) {
            return a.activation().opType();
        }
        if (last instanceof Model m) {
            return m.outputActivationOp();
        }
        return Optional.empty();
    }

    /** A best-effort name of the model's output op inside fit's graph, for shape-inference texts. */
    String outputNodeName() {
        List<Layer> ls = layers();
        if (ls.isEmpty()) {
            return name + "_1/Identity";
        }
        Layer last = ls.get(ls.size() - 1);
        String op = "Identity";
        if (last instanceof Dense d) {
            Activations.Activation a = d.activation();
            op = a.isLinear() ? "BiasAdd" : opName(a.name());
        } else if (last instanceof ActivationLayer a) {
            op = opName(a.activation().name());
        }
        return name + "_1/" + last.name() + "_2/" + op;
    }

    private static String opName(String activation) {
        return switch (activation) {
            case "relu" -> "Relu";
            case "sigmoid" -> "Sigmoid";
            case "softmax" -> "Softmax";
            case "tanh" -> "Tanh";
            case "elu" -> "Elu";
            case "selu" -> "Selu";
            default -> "Identity";
        };
    }

    // ------------------------------------------------------------ calling

    @Override
    public Value apply(Value input, CallContext ctx) {
        List<Value> items = dev.shapes.eval.Python.sequenceItems(input);
        List<Value.TensorValue> ins = new ArrayList<>();
        if (items != null && inputCount() > 1) {
            for (Value v : items) {
                ins.add(tensorValue(v, ctx));
            }
        } else {
            ins.add(tensorValue(input, ctx));
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Value.TensorValue t : ins) {
            tensors.add(convertInput(t.tensor()));
        }
        List<Tensor> outs = forward(tensors, ctx);
        built = true;
        List<Value> results = new ArrayList<>();
        KerasState state = state(ctx);
        boolean symbolic = ins.stream().anyMatch(state::isSymbolic);
        for (Tensor out : outs) {
            Value.TensorValue r = (Value.TensorValue) ctx.wrap(out);
            if (symbolic) {
                state.record(r, new KerasState.Node(this, ins));
            }
            results.add(r);
        }
        return results.size() == 1 ? results.get(0) : new Value.ListValue(results);
    }

    // ------------------------------------------------------------ Python surface

    @Override
    protected String pythonClass() {
        return "keras.src.models." + className.toLowerCase(java.util.Locale.ROOT) + "." + className;
    }

    @Override
    public String describe() {
        return "<" + className + " name=" + name + ", built=" + (built ? "True" : "False") + ">";
    }

    @Override
    public Optional<Value> attribute(String attr, CallContext ctx) {
        return switch (attr) {
            case "compile" -> Optional.of(method("compile", this::compile));
            case "fit" -> Optional.of(method("fit", (a, c) -> Training.fit(this, a, c)));
            case "evaluate" -> Optional.of(method("evaluate", (a, c) -> Training.evaluate(this, a, c)));
            case "predict" -> Optional.of(method("predict", (a, c) -> Training.predict(this, a, c)));
            case "train_on_batch" -> Optional.of(method("train_on_batch", (a, c) -> Training.trainOnBatch(this, a,
                    c)));
            case "summary" -> Optional.of(method("summary", (a, c) -> {
                c.note("output", Summary.table(this, c));
                return Value.NONE;
            }));
            case "layers" -> Optional.of(new Value.ListValue(new ArrayList<>(layers())));
            case "count_params" -> Optional.of(method("count_params", (a, c) -> {
                long[] p = parameterCounts();
                return new Value.IntValue(p[0] + p[1]);
            }));
            case "get_layer" -> Optional.of(method("get_layer", (a, c) -> {
                Bound b = Signature.of("get_layer", "name", "index").noneDefaults("name", "index").bind(a);
                if (!b.isNone("index")) {
                    long i = b.integer("index");
                    List<Layer> ls = layers();
                    if (i < 0 || i >= ls.size()) {
                        throw new FrameworkException("ValueError", "Was asked to retrieve layer at index " + i
                                + " but model only has " + ls.size() + " layers.");
                    }
                    return ls.get((int) i);
                }
                String wanted = b.string("name").orElse("");
                for (Layer l : layers()) {
                    if (l.name().equals(wanted)) {
                        return l;
                    }
                }
                throw new FrameworkException("ValueError", "No such layer: " + wanted + ". Existing layers are: "
                        + layers().stream().map(l -> "'" + l.name() + "'").toList() + ".");
            }));
            case "input_shape" -> inputShape(0).map(s -> (Value) Arrays.shapeTuple(s)).or(() -> {
                throw new FrameworkException("AttributeError", className + " model '" + name
                        + "' has no defined input shape yet.");
            });
            case "output_shape" -> {
                Optional<List<Shape>> shapes = layerOutputShapes(ctx);
                if (shapes.isEmpty() || shapes.get().isEmpty()) {
                    throw new FrameworkException("AttributeError", className + " model '" + name
                            + "' has no defined output shape yet.");
                }
                yield Optional.of(Arrays.shapeTuple(shapes.get().get(shapes.get().size() - 1)));
            }
            case "save", "save_weights", "load_weights" -> Optional.of(method(attr, (a, c) -> Value.NONE));
            case "predict_classes", "predict_proba", "fit_generator", "evaluate_generator", "predict_generator" -> {
                if (!keras.legacy()) {
                    // removed in Keras 3
                    throw new FrameworkException("AttributeError", "'" + className + "' object has no attribute '"
                            + attr + "'");
                }
                yield Optional.of(method(attr, (a, c) -> {
                    throw new dev.shapes.eval.NotationException("UnsupportedError", attr + " is not modelled; use "
                            + (attr.startsWith("predict") ? "predict" : attr.startsWith("fit") ? "fit" : "evaluate")
                            + " with arrays", null);
                }));
            }
            case "optimizer" -> Optional.of(compiled == null ? Value.NONE : compiled.optimizer());
            case "loss" -> Optional.of(compiled == null ? Value.NONE : compiled.loss());
            default -> super.attribute(attr, ctx);
        };
    }

    @Override
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>(List.of("compile", "fit", "evaluate", "predict", "summary", "layers",
                "count_params", "get_layer", "input_shape", "output_shape", "train_on_batch"));
        names.addAll(super.attributeNames());
        return names;
    }

    protected Function method(String method, Function.Body body) {
        return new Function(className + "." + method, body);
    }

    /**
     * {@code compile(optimizer="rmsprop", loss=None, loss_weights=None, metrics=None, ...)}:
     * the optimizer is resolved now; loss and metrics when fit builds them.
     */
    private Value compile(Arguments args, CallContext ctx) {
        Bound b = Signature.of("compile", "optimizer", "loss", "loss_weights", "metrics", "weighted_metrics",
                        "run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss")
                .def("optimizer", "rmsprop").noneDefaults("loss", "loss_weights", "metrics", "weighted_metrics")
                .def("run_eagerly", false).def("steps_per_execution", 1).def("jit_compile", "auto")
                .def("auto_scale_loss", true).bind(args);
        Value optimizer = Optimizers.get(b.get("optimizer"), ctx, keras);
        List<Value> metrics = keras.legacy() && b.get("metrics") instanceof Value.StrValue s ? List.of(s)
                : Metrics.checkList(b.get("metrics"), "metrics");
        Metrics.checkList(b.get("weighted_metrics"), "weighted_metrics");
        compiled = new Compiled(optimizer, b.get("loss"), metrics);
        return Value.NONE;
    }

    boolean isCompiled() {
        return compiled != null;
    }

    Compiled compiled() {
        return compiled;
    }

    Module lossModule() {
        return losses;
    }
}
