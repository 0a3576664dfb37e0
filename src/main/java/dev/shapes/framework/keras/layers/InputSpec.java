package dev.shapes.framework.keras.layers;

import dev.shapes.eval.FrameworkException;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a layer requires of its input ({@code keras/src/layers/input_spec.py}):
 * a rank ({@code ndim}, {@code min_ndim}, {@code max_ndim}), sizes of given
 * axes (set when the layer is built, e.g. Dense's {@code {-1: 784}}) or a
 * whole shape (a functional model's inputs). {@link #check} raises the
 * texts of {@code assert_input_compatibility}.
 */
public record InputSpec(Integer ndim, Integer minNdim, Integer maxNdim, Map<Integer, Dim> axes, Shape shape,
                        boolean allowLastAxisSqueeze, String name) {

    public static InputSpec minNdim(int n) {
        return new InputSpec(null, n, null, Map.of(), null, false, null);
    }

    public static InputSpec ndim(int n) {
        return new InputSpec(n, null, null, Map.of(), null, false, null);
    }

    public InputSpec withAxis(int axis, Dim size) {
        Map<Integer, Dim> copy = new TreeMap<>(axes);
        copy.put(axis, size);
        return new InputSpec(ndim, minNdim, maxNdim, copy, shape, allowLastAxisSqueeze, name);
    }

    public static InputSpec ofShape(Shape shape, String name) {
        return new InputSpec(null, null, null, Map.of(), shape, true, name);
    }

    /** Raises Keras's ValueError when {@code input} does not meet this spec. */
    public void check(int index, Shape input, String layerName, KerasRuntime keras, Bindings bindings) {
        String head = keras.legacy()
                ? "Input " + index + " of layer \"" + layerName + "\" is incompatible with the layer: "
                : "Input " + index + " with name '" + (name == null ? "None" : name) + "' of layer '" + layerName
                + "' is incompatible with the layer: ";
        String shapeText = TfText.tuple(input);
        int rank = input.rank();
        if (ndim != null && rank != ndim) {
            throw new FrameworkException("ValueError", head + "expected ndim=" + ndim + ", found ndim=" + rank
                    + ". Full shape received: " + shapeText);
        }
        if (maxNdim != null && rank > maxNdim) {
            throw new FrameworkException("ValueError", head + "expected max_ndim=" + maxNdim + ", found ndim=" + rank);
        }
        if (minNdim != null && rank < minNdim) {
            throw new FrameworkException("ValueError", head + "expected min_ndim=" + minNdim + ", found ndim=" + rank
                    + ". Full shape received: " + shapeText);
        }
        for (Map.Entry<Integer, Dim> axis : axes.entrySet()) {
            int a = axis.getKey() < 0 ? axis.getKey() + rank : axis.getKey();
            if (a < 0 || a >= rank) {
                continue;
            }
            Dim want = bindings.resolve(axis.getValue());
            Dim got = bindings.resolve(input.dim(a));
            if (!(want instanceof Dim.Unknown) && !(got instanceof Dim.Unknown) && !bindings.compatible(want, got,
                    layerName, "input")) {
                throw new FrameworkException("ValueError", head + "expected axis " + axis.getKey()
                        + " of input shape to have value " + want + ", but received input with shape " + shapeText);
            }
        }
        if (shape != null) {
            java.util.List<Dim> specDims = new java.util.ArrayList<>(shape.dims());
            java.util.List<Dim> dims = new java.util.ArrayList<>(input.dims());
            if (allowLastAxisSqueeze) {
                if (!dims.isEmpty() && bindings.resolve(dims.get(dims.size() - 1)).is(1)) {
                    dims.remove(dims.size() - 1);
                }
                if (!specDims.isEmpty() && specDims.get(specDims.size() - 1).is(1)) {
                    specDims.remove(specDims.size() - 1);
                }
            }
            for (int i = 0; i < Math.min(specDims.size(), dims.size()); i++) {
                Dim want = bindings.resolve(specDims.get(i));
                Dim got = bindings.resolve(dims.get(i));
                if (!(want instanceof Dim.Unknown) && !(got instanceof Dim.Unknown)
                        && !bindings.compatible(want, got, layerName, "input")) {
                    throw new FrameworkException("ValueError", head + "expected shape=" + TfText.tuple(shape)
                            + ", found shape=" + shapeText);
                }
            }
        }
    }
}
