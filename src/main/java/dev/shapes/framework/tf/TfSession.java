package dev.shapes.framework.tf;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Function;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tf.compat.v1.Session()} / {@code tf.Session()} in TF 1.x:
 * {@code sess.run(fetches, feed_dict)} checks each fed array against its
 * placeholder's shape ({@code client/session.py}: {@code Cannot feed value of
 * shape ...}), then executes the graph's kernels on the fed arrays, so errors
 * that depend on the actual sizes appear here, with the node that failed.
 */
public final class TfSession implements Value.PyObject {

    private final TfRuntime rt;

    public TfSession(TfRuntime rt) {
        this.rt = rt;
    }

    /** An op with no output: an initializer, or an optimizer's training step over a loss. */
    public record Operation(String name, List<Value> dependencies, boolean initializer) implements Value.PyObject {
        @Override
        public String typeName() {
            return "Operation";
        }

        @Override
        public String describe() {
            return "<tf.Operation '" + name + "' type=NoOp>";
        }
    }

    /** A TF 1 optimizer: {@code minimize(loss)} makes the training step. */
    public record Optimizer(String className) implements Value.PyObject {
        @Override
        public Optional<Value> attribute(String name, CallContext ctx) {
            if (name.equals("minimize")) {
                return Optional.of(new Function(className + ".minimize", (args, c) -> {
                    Bound b = Signature.of("minimize", "loss", "global_step", "var_list", "gate_gradients",
                                    "aggregation_method", "colocate_gradients_with_ops", "name", "grad_loss")
                            .noneDefaults("global_step", "var_list", "aggregation_method", "name", "grad_loss")
                            .def("gate_gradients", 1).def("colocate_gradients_with_ops", false).bind(args);
                    return new Operation(className, List.of(b.get("loss")), false);
                }));
            }
            return Optional.empty();
        }

        @Override
        public String typeName() {
            return className;
        }
    }

    @Override
    public Optional<Value> attribute(String name, CallContext ctx) {
        return switch (name) {
            case "run" -> Optional.of(new Function("Session.run", this::run));
            case "close" -> Optional.of(new Function("Session.close", (a, c) -> Value.NONE));
            case "__enter__" -> Optional.of(new Function("Session.__enter__", (a, c) -> this));
            default -> Optional.empty();
        };
    }

    @Override
    public List<String> attributeNames() {
        return List.of("run", "close");
    }

    @Override
    public String typeName() {
        return "Session";
    }

    @Override
    public String describe() {
        return "<tensorflow.python.client.session.Session object>";
    }

    private Value run(Arguments args, CallContext ctx) {
        Bound b = Signature.of("run", "fetches", "feed_dict", "options", "run_metadata")
                .noneDefaults("feed_dict", "options", "run_metadata").bind(args);
        Map<Value.TensorValue, Tensor> feeds = new IdentityHashMap<>();
        if (b.get("feed_dict") instanceof Value.DictValue dict) {
            for (Map.Entry<Value, Value> e : dict.entries().entrySet()) {
                feed(e.getKey(), e.getValue(), feeds, ctx);
            }
        } else if (!b.isNone("feed_dict")) {
            throw new FrameworkException("TypeError", "feed_dict must be a dictionary, got "
                    + b.get("feed_dict").typeName());
        }
        Map<Value.TensorValue, Tensor> memo = new IdentityHashMap<>(feeds);
        return fetch(b.get("fetches"), memo, ctx);
    }

    private void feed(Value key, Value value, Map<Value.TensorValue, Tensor> feeds, CallContext ctx) {
        Optional<TfGraph.Node> node = rt.graph().node(key);
        if (!(key instanceof Value.TensorValue t) || node.isEmpty()) {
            throw new FrameworkException("TypeError", "Cannot interpret feed_dict key as Tensor: "
                    + (key instanceof Value.TensorValue ? "Tensor " + Python.repr(key) + " is not an element of this "
                    + "graph." : "Can not convert a " + key.typeName() + " into a Tensor."));
        }
        if (rt.graph().contains(value)) {
            throw new FrameworkException("TypeError", "The value of a feed cannot be a tf.Tensor object. Acceptable "
                    + "feed values include Python scalars, strings, lists, numpy ndarrays, or TensorHandles.");
        }
        Tensor target = t.tensor();
        Tensor fed = TfRuntime.tensor(value, Optional.empty()).cast(target.dtype());
        Shape want = target.shape();
        Shape got = fed.shape();
        boolean compatible = want.rank() == got.rank();
        for (int i = 0; compatible && i < want.rank(); i++) {
            compatible = ctx.bindings().sameOrUndecided(want.dim(i), got.dim(i));
        }
        if (!compatible) {
            String name = node.get().name() + ":0";
            throw new FrameworkException("ValueError", rt.v1()
                    ? "Cannot feed value of shape " + TfText.tuple(got) + " for Tensor '" + name + "', which has shape '"
                    + TfText.tupleV1(want) + "'"
                    : "Cannot feed value of shape " + TfText.tuple(got) + " for Tensor " + name + ", which has shape "
                    + TfText.tuple(want));
        }
        feeds.put(t, fed);
    }

    private Value fetch(Value fetches, Map<Value.TensorValue, Tensor> memo, CallContext ctx) {
        if (fetches instanceof Operation op) {
            if (op.initializer()) {
                rt.graph().markInitialized();
            }
            for (Value dep : op.dependencies()) {
                evaluate(dep, memo, ctx);
            }
            return Value.NONE;
        }
        if (fetches instanceof Value.ListValue l) {
            List<Value> out = new ArrayList<>();
            for (Value v : l.items()) {
                out.add(fetch(v, memo, ctx));
            }
            return new Value.ListValue(out);
        }
        if (fetches instanceof Value.TupleValue t) {
            List<Value> out = new ArrayList<>();
            for (Value v : t.items()) {
                out.add(fetch(v, memo, ctx));
            }
            return new Value.TupleValue(out);
        }
        if (fetches instanceof Value.DictValue d) {
            Map<Value, Value> out = new LinkedHashMap<>();
            for (Map.Entry<Value, Value> e : d.entries().entrySet()) {
                out.put(e.getKey(), fetch(e.getValue(), memo, ctx));
            }
            return new Value.DictValue(out);
        }
        if (fetches instanceof Value.TensorValue) {
            return ctx.wrap(evaluate(fetches, memo, ctx));
        }
        throw new FrameworkException("TypeError", "Fetch argument " + Python.repr(fetches) + " has invalid type <class '"
                + fetches.typeName() + "'>, must be a string or Tensor. (Can not convert a " + fetches.typeName()
                + " into a Tensor or Operation.)");
    }

    /** A tensor's value at run time: fed, constant, variable, or its kernel over its inputs' values. */
    private Tensor evaluate(Value v, Map<Value.TensorValue, Tensor> memo, CallContext ctx) {
        if (!(v instanceof Value.TensorValue t)) {
            return TfRuntime.tensor(v, Optional.empty());
        }
        Tensor known = memo.get(t);
        if (known != null) {
            return known;
        }
        Optional<TfGraph.Node> found = rt.graph().node(t);
        if (found.isEmpty()) {
            return t.tensor();
        }
        TfGraph.Node node = found.get();
        Tensor result;
        if (node.isPlaceholder()) {
            throw new FrameworkException("InvalidArgumentError", "You must feed a value for placeholder tensor '"
                    + node.name() + "' with dtype " + TfText.opName(t.tensor().dtype()) + " and shape "
                    + TfText.kernel(t.tensor().shape()) + "\n\t [[{{node " + node.name() + "}}]]");
        } else if (node.isVariable()) {
            if (!rt.graph().variablesInitialized()) {
                throw new FrameworkException("FailedPreconditionError", rt.v1()
                        ? "Attempting to use uninitialized value " + node.name() + "\n\t [[{{node " + node.name()
                        + "/read}}]]"
                        : "Could not find variable " + node.name() + ". This could mean that the variable has been "
                        + "deleted. In TF1, it can also mean the variable is uninitialized. Debug info: "
                        + "container=localhost, status error message=Resource localhost/" + node.name()
                        + "/N10tensorflow3VarE does not exist.");
            }
            result = node.value();
        } else if (node.kernel() == null) {
            result = node.value() != null ? node.value() : t.tensor();
        } else {
            List<Tensor> inputs = new ArrayList<>();
            for (Value in : node.inputs()) {
                inputs.add(evaluate(in, memo, ctx));
            }
            TfExec exec = new TfExec(ctx.bindings(), rt.style().inGraph(), TfExec.Phase.RUN,
                    new TfStyle.Site(node.name(), node.op(), node.attrs(), List.of()));
            result = node.kernel().run(inputs, exec);
        }
        memo.put(t, result);
        return result;
    }
}
