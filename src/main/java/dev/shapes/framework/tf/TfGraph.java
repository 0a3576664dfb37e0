package dev.shapes.framework.tf;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Tensor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TF-1-style graph of one session: placeholders (declarations with a
 * {@code None} size, or {@code tf.compat.v1.placeholder}), variables,
 * constants and the ops built on them, each with the kernel that computes it
 * when {@code sess.run} feeds concrete arrays. Tensors outside the graph are
 * eager tensors.
 */
public final class TfGraph {

    /** What computes a node from its inputs' values (the op's kernel, run at {@code sess.run}). */
    @FunctionalInterface
    public interface Kernel {
        Tensor run(List<Tensor> inputs, TfExec exec);
    }

    /** A node: its name, op type, inputs (graph tensors or eager values), kernel and, for constants, its value. */
    public record Node(String name, String op, String attrs, List<Value> inputs, Kernel kernel, Tensor value) {

        public boolean isPlaceholder() {
            return op.equals("Placeholder");
        }

        public boolean isVariable() {
            return op.equals("VariableV2") || op.equals("VarHandleOp");
        }
    }

    private final Map<Value.TensorValue, Node> nodes = new IdentityHashMap<>();
    private final Map<String, Integer> names = new HashMap<>();
    private boolean eagerDisabled;
    private boolean variablesInitialized;

    /** An independent copy, for a forked session. */
    public TfGraph copy() {
        TfGraph c = new TfGraph();
        c.nodes.putAll(nodes);
        c.names.putAll(names);
        c.eagerDisabled = eagerDisabled;
        c.variablesInitialized = variablesInitialized;
        return c;
    }

    /** {@code tf.compat.v1.disable_eager_execution()}: every op from now on builds the graph. */
    public void disableEager() {
        eagerDisabled = true;
    }

    public boolean eagerDisabled() {
        return eagerDisabled;
    }

    public void markInitialized() {
        variablesInitialized = true;
    }

    public boolean variablesInitialized() {
        return variablesInitialized;
    }

    /** TF's unique op names: {@code add}, {@code add_1}, ... */
    public String uniqueName(String base) {
        int n = names.getOrDefault(base, 0);
        names.put(base, n + 1);
        return n == 0 ? base : base + "_" + n;
    }

    public void register(Value.TensorValue tensor, Node node) {
        nodes.put(tensor, node);
    }

    public boolean contains(Value v) {
        return v instanceof Value.TensorValue t && nodes.containsKey(t);
    }

    public Optional<Node> node(Value v) {
        return v instanceof Value.TensorValue t ? Optional.ofNullable(nodes.get(t)) : Optional.empty();
    }

    /** The name an op input has in a NodeDef: the node's name; an eager tensor becomes a {@code Const} node. */
    public String inputName(Value v, CallContext ctx) {
        Optional<Node> node = node(v);
        if (node.isPresent()) {
            Node n = node.get();
            return n.isVariable() ? n.name() + "/read" : n.name();
        }
        if (v instanceof Value.TensorValue t) {
            String name = uniqueName("Const");
            register(t, new Node(name, "Const", "dtype=" + TfText.enumName(t.tensor().dtype()), List.of(), null,
                    t.tensor()));
            return name;
        }
        return uniqueName("Const");
    }
}
