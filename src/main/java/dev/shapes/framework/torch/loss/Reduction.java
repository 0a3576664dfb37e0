package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;

/** {@code torch.nn._reduction}: the reduction string, the legacy size_average/reduce arguments, and applying it. */
public enum Reduction {
    NONE, MEAN, SUM;

    /** {@code _Reduction.get_enum}. */
    public static Reduction of(Value reduction, CallContext ctx) {
        return of(reduction, ctx, false);
    }

    /** {@code _Reduction.get_enum}; 1.13 words the elementwise_mean deprecation differently. */
    public static Reduction of(Value reduction, CallContext ctx, boolean legacy) {
        String text = reduction instanceof Value.StrValue s ? s.value() : Python.repr(reduction);
        return switch (text) {
            case "none" -> NONE;
            case "mean" -> MEAN;
            case "sum" -> SUM;
            case "elementwise_mean" -> {
                ctx.warn(legacy ? "reduction='elementwise_mean' is deprecated, please use reduction='mean' instead."
                        : "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.");
                yield MEAN;
            }
            default -> throw new FrameworkException("ValueError", text + " is not a valid value for reduction");
        };
    }

    /** {@code _Reduction.legacy_get_string}, with its deprecation warning. */
    public static String legacy(Value sizeAverage, Value reduce, CallContext ctx) {
        boolean average = sizeAverage instanceof Value.NoneValue || Python.truthy(sizeAverage);
        boolean doReduce = reduce instanceof Value.NoneValue || Python.truthy(reduce);
        String result = average && doReduce ? "mean" : doReduce ? "sum" : "none";
        ctx.warn("size_average and reduce args will be deprecated, please use reduction='" + result + "' instead.");
        return result;
    }

    /** The reduction of a functional loss: the legacy arguments when given, else {@code reduction}. */
    public static Reduction resolve(Bound b, CallContext ctx, TorchVersion version) {
        if (b.values().containsKey("size_average") && (!b.isNone("size_average") || !b.isNone("reduce"))) {
            return of(new Value.StrValue(legacy(b.get("size_average"), b.get("reduce"), ctx)), ctx);
        }
        return of(b.get("reduction"), ctx, version.isLegacy());
    }

    /** {@code apply_loss_reduction}: mean or sum of the elementwise loss. */
    public Tensor apply(Tensor loss) {
        if (this == NONE) {
            return loss;
        }
        if (this == MEAN && !loss.dtype().isFloating()) {
            throw new FrameworkException("RuntimeError", "mean(): could not infer output dtype. Input dtype must be "
                    + "either a floating point or complex dtype. Got: " + TorchTypes.name(loss.dtype()));
        }
        DType out = loss.dtype().isFloating() || this == MEAN ? loss.dtype() : DType.I64;
        if (!loss.hasValues()) {
            return Tensor.shapeOnly(out, Shape.SCALAR);
        }
        double[] v = loss.data();
        if (v.length == 0) {
            return Tensor.scalar(out, this == MEAN ? Double.NaN : 0);
        }
        return Kernels.reduceAll(loss, this == MEAN ? Kernels.Reduction.MEAN : Kernels.Reduction.SUM, out);
    }

    /**
     * What {@link #apply} gives for a floating loss of {@code count} elements whose sum a fused
     * kernel computed without making the element-wise tensor.
     */
    public Tensor ofSum(double sum, long count, DType dtype) {
        if (this == NONE) {
            throw new IllegalStateException("reduction='none' keeps the elements");
        }
        return Tensor.scalar(dtype, this == MEAN ? (count == 0 ? Double.NaN : sum / count) : sum);
    }
}
