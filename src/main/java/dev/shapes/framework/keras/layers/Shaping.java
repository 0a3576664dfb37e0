package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.framework.tf.TfOps;
import dev.shapes.framework.tf.TfExec;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Small reshaping layers: {@code RepeatVector(n)} ({@code (batch, f)} to
 * {@code (batch, n, f)}), {@code Permute(dims)} (reorders the non-batch axes),
 * {@code UpSampling1D/2D(size)} and {@code ZeroPadding1D/2D(padding)}.
 */
public final class Shaping extends Layer {

    private final long[] amounts;

    Shaping(KerasRuntime keras, String className, Arguments args) {
        this(keras, className, bind(className, args));
    }

    private static Bound bind(String className, Arguments args) {
        String param = switch (className) {
            case "RepeatVector" -> "n";
            case "Permute" -> "dims";
            case "UpSampling1D", "UpSampling2D" -> "size";
            default -> "padding";
        };
        Signature s = Signature.of(className, param, "name", "**kwargs").noneDefaults("name");
        if (!param.equals("n") && !param.equals("dims")) {
            s = s.def(param, className.endsWith("1D") ? 1 + (param.equals("size") ? 1 : 0) : 1);
        }
        return s.bind(args);
    }

    private Shaping(KerasRuntime keras, String className, Bound b) {
        super(keras, className, b);
        this.built = true;
        int n = className.endsWith("2D") ? 2 : 1;
        switch (className) {
            case "RepeatVector" -> {
                amounts = new long[] {b.integer("n")};
                inputSpec = InputSpec.ndim(2);
            }
            case "Permute" -> {
                List<Long> dims = new ArrayList<>();
                for (dev.shapes.eval.Value v : dev.shapes.eval.Python.sequenceItems(b.get("dims"))) {
                    dims.add(((dev.shapes.eval.Value.IntValue) v).value());
                }
                amounts = dims.stream().mapToLong(Long::longValue).toArray();
                inputSpec = InputSpec.ndim(amounts.length + 1);
            }
            case "UpSampling1D", "UpSampling2D" -> {
                amounts = tuple(b.get("size"), n, "size");
                inputSpec = InputSpec.ndim(n + 2);
            }
            default -> {
                amounts = tuple(b.get("padding"), n, "padding");
                inputSpec = InputSpec.ndim(n + 2);
            }
        }
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        Shape s = x.shape();
        switch (className) {
            case "RepeatVector":
                return Tensor.shapeOnly(x.dtype(), Shape.of(s.dim(0), Dim.of(amounts[0]), s.dim(1)));
            case "Permute": {
                List<Long> perm = new ArrayList<>();
                perm.add(0L);
                for (long d : amounts) {
                    if (d < 1 || d > s.rank() - 1) {
                        throw new FrameworkException("ValueError", "Invalid permutation argument `dims` for Permute "
                                + "Layer. The set of indices in `dims` must be consecutive and start from 1.");
                    }
                    perm.add(d);
                }
                return TfOps.transpose(x, perm, TfExec.eager(ctx.bindings()));
            }
            default: {
                List<Dim> dims = new ArrayList<>(s.dims());
                for (int i = 0; i < amounts.length; i++) {
                    Dim d = dims.get(1 + i);
                    dims.set(1 + i, className.startsWith("UpSampling") ? d.times(Dim.of(amounts[i]))
                            : d.plus(Dim.of(2 * amounts[i])));
                }
                return TensorMath.reshape(x.withoutValues(), new Shape(dims));
            }
        }
    }
}
