package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Reshape(target_shape)} (keras/src/layers/reshaping/reshape.py): the
 * batch axis stays; the rest must hold the same number of elements, with at
 * most one -1 (compute_reshape_output_shape). Values are kept.
 */
public final class Reshape extends Layer {

    private final List<Long> target;

    Reshape(KerasRuntime keras, Arguments args) {
        this(keras, Signature.of("Reshape", "target_shape", "name", "**kwargs").noneDefaults("name").bind(args));
    }

    private Reshape(KerasRuntime keras, Bound b) {
        super(keras, "Reshape", b);
        List<Value> items = Python.sequenceItems(b.get("target_shape"));
        if (items == null) {
            throw new FrameworkException("TypeError", "'" + b.get("target_shape").typeName() + "' object is not "
                    + "iterable");
        }
        target = new ArrayList<>();
        int unknown = 0;
        for (Value v : items) {
            if (!(v instanceof Value.IntValue i) || i.value() < -1) {
                throw new FrameworkException("ValueError", "Each dimension in `target_shape` must be a non-negative "
                        + "integer, or `-1` for a single unknown dimension. Received: target_shape="
                        + Python.repr(new Value.TupleValue(items)) + ".");
            }
            if (i.value() == -1) {
                unknown++;
            }
            target.add(i.value());
        }
        if (unknown > 1) {
            throw new FrameworkException("ValueError", "There must be at most one unknown dimension (-1) in "
                    + "`target_shape`. Received: target_shape=" + Python.repr(new Value.TupleValue(items)) + ".");
        }
        this.built = true;
        config.put("target_shape", new Value.TupleValue(items));
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        Shape rest = ctx.bindings().resolve(x.shape().subShape(1, x.rank()));
        String received = "Received: input_shape=" + TfText.tuple(rest) + ", target_shape=" + targetText();
        List<Dim> out = new ArrayList<>();
        out.add(x.shape().dim(0));
        if (!rest.isFullyKnown()) {
            for (long t : target) {
                out.add(t == -1 ? Dim.UNKNOWN : Dim.of(t));
            }
            return TensorMath.reshape(x, new Shape(out));
        }
        long size = rest.numel().getAsLong();
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < target.size(); i++) {
            if (target.get(i) == -1) {
                unknownAt = i;
            } else {
                known *= target.get(i);
            }
        }
        if (unknownAt < 0 && known != size) {
            throw new FrameworkException("ValueError", "The total size of the tensor must be unchanged. " + received);
        }
        if (unknownAt >= 0 && (known == 0 || size % known != 0)) {
            throw new FrameworkException("ValueError", "The total size of the tensor must be unchanged, however, the "
                    + "input size cannot by divided by the specified dimensions in target_shape. " + received);
        }
        for (long t : target) {
            out.add(Dim.of(t == -1 ? size / known : t));
        }
        return TensorMath.reshape(x, new Shape(out));
    }

    private String targetText() {
        long[] t = new long[target.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = target.get(i);
        }
        return TfText.intTuple(t);
    }
}
