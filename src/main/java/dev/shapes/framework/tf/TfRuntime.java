package dev.shapes.framework.tf;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One session's TensorFlow at one version and mode: where ops run (eagerly,
 * or into the session's graph when the mode is graph, eager execution was
 * disabled, or an input is already a graph tensor) and how each op is added
 * to the graph with the kernel {@code sess.run} will execute.
 */
public final class TfRuntime {

    private final TfGraph graph;
    private final TfStyle style;

    public TfRuntime(TfGraph graph, TfStyle style) {
        this.graph = graph;
        this.style = style;
    }

    public TfGraph graph() {
        return graph;
    }

    public TfStyle style() {
        return style;
    }

    public boolean v1() {
        return style.v1();
    }

    /** Whether new ops build the graph rather than run. */
    public boolean graphMode() {
        return style.graph() || graph.eagerDisabled();
    }

    /** A value as a tensor ({@code tf.convert_to_tensor}): Python numbers and lists become float32/int32. */
    public static Tensor tensor(Value v, Optional<DType> dtype) {
        if (v instanceof Value.TensorValue t) {
            return dtype.map(d -> TfOps.cast(t.tensor(), d)).orElse(t.tensor());
        }
        Optional<Python.Nested> nested = Python.nested(v);
        if (nested.isEmpty()) {
            throw new FrameworkException("ValueError", "Attempt to convert a value (" + Python.repr(v)
                    + ") with an unsupported type (<class '" + v.typeName() + "'>) to a Tensor.");
        }
        Python.Nested n = nested.get();
        DType inferred = n.allBool() ? DType.BOOL : n.anyFloat() ? DType.F32 : DType.I32;
        DType target = dtype.orElse(inferred);
        if (n.anyFloat() && !target.isFloating()) {
            throw new FrameworkException("TypeError", "Cannot convert " + Python.repr(v) + " to EagerTensor of dtype "
                    + target.longName);
        }
        return Tensor.of(target, n.shape(), n.values().clone());
    }

    /**
     * Runs an op: eagerly with the kernel's texts, or into the graph (shape
     * inference's texts now, the kernel's at {@code sess.run}).
     */
    public Value op(CallContext ctx, String base, String opType, String attrs, List<Value> inputs,
                    TfGraph.Kernel kernel) {
        return op(ctx, base, opType, attrs, inputs, List.of(), kernel);
    }

    /**
     * As above; {@code constants} names the op's constant inputs (e.g. {@code shape} for Reshape), which
     * TF creates as nodes inside the op's scope ({@code Reshape/shape}).
     */
    public Value op(CallContext ctx, String base, String opType, String attrs, List<Value> inputs,
                    List<String> constants, TfGraph.Kernel kernel) {
        List<Tensor> tensors = new ArrayList<>();
        boolean symbolic = graphMode();
        for (Value v : inputs) {
            tensors.add(tensor(v, Optional.empty()));
            symbolic |= graph.contains(v);
        }
        if (!symbolic) {
            return ctx.wrap(kernel.run(tensors, new TfExec(ctx.bindings(), style.graph() ? new TfStyle(style.major(),
                    false) : style, TfExec.Phase.EAGER, null)));
        }
        List<String> names = new ArrayList<>();
        List<Value> graphInputs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Value v = inputs.get(i);
            Value asValue = v instanceof Value.TensorValue ? v : ctx.wrap(tensors.get(i));
            names.add(graph.inputName(asValue, ctx));
            graphInputs.add(asValue);
        }
        String name = graph.uniqueName(base);
        for (String constant : constants) {
            names.add(name + "/" + constant);
        }
        TfStyle.Site site = new TfStyle.Site(name, opType, attrs, names);
        List<Tensor> shapes = tensors.stream().map(Tensor::withoutValues).toList();
        Tensor out = kernel.run(shapes, new TfExec(ctx.bindings(), style.inGraph(), TfExec.Phase.BUILD, site))
                .withoutValues();
        Value.TensorValue result = (Value.TensorValue) ctx.wrap(out);
        graph.register(result, new TfGraph.Node(name, opType, attrs, graphInputs, kernel, null));
        return result;
    }

    /** {@code T=DT_FLOAT} for an op over this dtype. */
    public static String typeAttr(Value v) {
        if (v instanceof Value.TensorValue t) {
            return "T=" + TfText.enumName(t.tensor().dtype());
        }
        return "T=DT_FLOAT";
    }
}
