package dev.shapes.framework.keras.loss;

import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasVersion;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.Optional;

/**
 * A loss object's {@code reduction}: Keras 3's
 * {@code standardize_reduction}/{@code reduce_values} (losses/loss.py) and
 * tf.keras 2.x's {@code ReductionV2} (tf_keras/utils/losses_utils.py).
 */
public enum Reduction {
    SUM_OVER_BATCH_SIZE, SUM, NONE, MEAN_WITH_SAMPLE_WEIGHT;

    public static Reduction of(Value v, KerasVersion version) {
        if (version.isLegacy()) {
            if (v instanceof Value.StrValue s) {
                switch (s.value()) {
                    case "auto", "sum_over_batch_size":
                        return SUM_OVER_BATCH_SIZE;
                    case "sum":
                        return SUM;
                    case "none":
                        return NONE;
                    default:
                        break;
                }
            }
            throw new FrameworkException("ValueError", "Invalid Reduction Key: " + text(v) + ". Expected keys are "
                    + "\"('auto', 'none', 'sum', 'sum_over_batch_size')\"");
        }
        if (v instanceof Value.NoneValue) {
            return NONE;
        }
        if (v instanceof Value.StrValue s) {
            switch (s.value()) {
                case "sum_over_batch_size", "mean":
                    return SUM_OVER_BATCH_SIZE;
                case "sum":
                    return SUM;
                case "none":
                    return NONE;
                case "mean_with_sample_weight":
                    return MEAN_WITH_SAMPLE_WEIGHT;
                default:
                    break;
            }
        }
        // The set prints in hash order, which differs between Python processes.
        throw new FrameworkException("ValueError", "Invalid value for argument `reduction`. Expected one of "
                + "{'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. Received: "
                + "reduction=" + text(v));
    }

    private static String text(Value v) {
        return v instanceof Value.StrValue s ? s.value() : Python.repr(v);
    }

    /** {@code reduce_values}: no reduction for 'none' or a scalar; else the sum, divided by the element count. */
    public Tensor apply(Tensor values, Optional<Tensor> sampleWeight) {
        if (this == NONE || values.rank() == 0 || (values.rank() == 1 && values.shape().dim(0).is(0))) {
            return values;
        }
        Tensor sum = TensorMath.reduceAll(values, Kernels.Reduction.SUM, values.dtype());
        if (this == SUM) {
            return sum;
        }
        if (this == MEAN_WITH_SAMPLE_WEIGHT && sampleWeight.isPresent()) {
            Tensor w = TensorMath.reduceAll(sampleWeight.get(), Kernels.Reduction.SUM, values.dtype());
            return divideNoNan(sum, w);
        }
        Dim count = values.shape().numelDim();
        if (!(count instanceof Dim.Known k) || !sum.hasValues()) {
            return Tensor.shapeOnly(values.dtype(), Shape.SCALAR);
        }
        return divideNoNan(sum, Tensor.scalar(values.dtype(), k.size()));
    }

    private static Tensor divideNoNan(Tensor a, Tensor b) {
        if (!a.hasValues() || !b.hasValues()) {
            return Tensor.shapeOnly(a.dtype(), Shape.SCALAR);
        }
        double d = b.item();
        return Tensor.scalar(a.dtype(), d == 0 ? 0 : a.item() / d);
    }
}
