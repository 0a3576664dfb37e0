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
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers that merge a list of tensors: {@code Concatenate(axis=-1)}
 * (keras/src/layers/merging/concatenate.py) and the elementwise
 * {@code Add/Subtract/Multiply/Average/Maximum/Minimum}
 * (merging/base_merge.py, shapes broadcast except the batch axis).
 */
public final class Merge extends Layer {

    private final int axis;

    Merge(KerasRuntime keras, String className, Arguments args) {
        this(keras, className, className.equals("Concatenate")
                ? Signature.of("Concatenate", "axis", "name", "**kwargs").def("axis", -1).noneDefaults("name")
                .bind(args)
                : Signature.of(className, "name", "**kwargs").noneDefaults("name").bind(args));
    }

    private Merge(KerasRuntime keras, String className, Bound b) {
        super(keras, className, b);
        this.axis = className.equals("Concatenate") ? (int) b.integer("axis") : -1;
    }

    @Override
    public boolean takesList() {
        return true;
    }

    @Override
    public Value apply(Value input, CallContext ctx) {
        List<Value> items = Python.sequenceItems(input);
        if (items == null) {
            throw new FrameworkException("ValueError", className.equals("Concatenate")
                    ? "A `Concatenate` layer should be called on a list of inputs. Received: input_shape="
                    + shapeOf(input)
                    : "A merge layer should be called on a list of inputs. Received: inputs=" + Python.repr(input)
                    + " (not a list of tensors)");
        }
        List<Value.TensorValue> tensors = new ArrayList<>();
        List<Tensor> plain = new ArrayList<>();
        for (Value v : items) {
            Value.TensorValue t = tensorValue(v, ctx);
            tensors.add(t);
            plain.add(convertInput(t.tensor()));
        }
        Tensor out = merge(plain, ctx);
        built = true;
        Value.TensorValue result = (Value.TensorValue) ctx.wrap(out);
        KerasState state = state(ctx);
        if (tensors.stream().anyMatch(state::isSymbolic)) {
            state.record(result, new KerasState.Node(this, tensors));
        }
        return result;
    }

    private static String shapeOf(Value v) {
        return v instanceof Value.TensorValue t ? TfText.tuple(t.tensor().shape()) : Python.repr(v);
    }

    /** Replays the merge on real inputs (functional models). */
    public Tensor merge(List<Tensor> inputs, CallContext ctx) {
        if (className.equals("Concatenate")) {
            return concatenate(inputs, ctx);
        }
        if (inputs.size() < 2 && !className.equals("Average")) {
            throw new FrameworkException("ValueError", "A merge layer should be called on a list of at least 1 input. "
                    + "Got " + inputs.size() + " inputs.");
        }
        Shape out = inputs.get(0).shape();
        for (int i = 1; i < inputs.size(); i++) {
            out = broadcastWithoutBatch(out, inputs.get(i).shape(), ctx);
        }
        return Tensor.shapeOnly(DType.F32, out);
    }

    private Shape broadcastWithoutBatch(Shape a, Shape b, CallContext ctx) {
        Shape ra = a.subShape(1, a.rank());
        Shape rb = b.subShape(1, b.rank());
        if (ra.rank() != rb.rank()) {
            return a.rank() >= b.rank() ? a : b;
        }
        List<Dim> out = new ArrayList<>();
        out.add(a.dim(0));
        for (int i = 0; i < ra.rank(); i++) {
            Dim x = ctx.bindings().resolve(ra.dim(i));
            Dim y = ctx.bindings().resolve(rb.dim(i));
            if (x.is(1)) {
                out.add(y);
            } else if (y.is(1) || y instanceof Dim.Unknown) {
                out.add(x);
            } else if (x instanceof Dim.Unknown) {
                out.add(y);
            } else if (ctx.bindings().compatible(x, y, "", "")) {
                out.add(x);
            } else {
                throw new FrameworkException("ValueError", "Inputs have incompatible shapes. Received shapes "
                        + TfText.tuple(ra) + " and " + TfText.tuple(rb));
            }
        }
        return new Shape(out);
    }

    private Tensor concatenate(List<Tensor> inputs, CallContext ctx) {
        List<Shape> shapes = inputs.stream().map(Tensor::shape).toList();
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < shapes.size(); i++) {
            list.append(i > 0 ? ", " : "").append(TfText.tuple(shapes.get(i)));
        }
        String received = "Received: input_shape=" + list + "]";
        Shape first = shapes.get(0);
        int rank = first.rank();
        int a = axis < 0 ? axis + rank : axis;
        Dim total = Dim.of(0);
        for (Shape s : shapes) {
            if (s.rank() != rank) {
                throw new FrameworkException("ValueError", "A `Concatenate` layer requires inputs with matching shapes "
                        + "except for the concatenation axis. " + received);
            }
            for (int d = 0; d < rank; d++) {
                if (d != a && !ctx.bindings().sameOrUndecided(first.dim(d), s.dim(d))) {
                    throw new FrameworkException("ValueError", "A `Concatenate` layer requires inputs with matching "
                            + "shapes except for the concatenation axis. " + received);
                }
            }
            total = s.dim(a) instanceof Dim.Unknown || total instanceof Dim.Unknown ? Dim.UNKNOWN : total.plus(s.dim(a));
        }
        return Tensor.shapeOnly(DType.F32, first.with(a, total));
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return merge(List.of(x), ctx);
    }
}
