package dev.shapes.framework.torch.loss;

import dev.shapes.eval.FrameworkException;
import dev.shapes.framework.torch.TorchOps;
import dev.shapes.framework.torch.TorchText;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.lang.Span;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.FloatKernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code at::nll_loss_nd}: the class-index loss behind {@code nll_loss} and
 * {@code cross_entropy}. Checks in PyTorch's order (LossNLL.cpp,
 * LossNLL2d.cpp) and computes the values when every input has them.
 */
public final class NllCore {

    /** Where the input and target were written, to point at the one at fault. */
    public record Blame(Span input, Span target, Span weight, String inputLabel, String targetLabel) {}

    private NllCore() {}

    public static Tensor nllLossNd(Tensor logProbs, Tensor target, Optional<Tensor> weight, Reduction reduction,
                                   long ignoreIndex, TorchVersion version, Bindings bindings, Blame blame) {
        return nllLossNd(logProbs, Optional.empty(), target, weight, reduction, ignoreIndex, version, bindings, blame);
    }

    /**
     * {@code nll_loss_nd(log_softmax(logits, classDim), ...)}, as cross_entropy computes it. For f32
     * logits of rank 1 or 2 the log-probabilities are never materialized: only the one each target
     * picks is computed, fused with its row's log-sum-exp ({@link FloatKernels#logSoftmaxAt}).
     */
    public static Tensor nllLossOfLogSoftmax(Tensor logits, int classDim, Tensor target, Optional<Tensor> weight,
                                             Reduction reduction, long ignoreIndex, TorchVersion version,
                                             Bindings bindings, Blame blame) {
        boolean fused = logits.hasFloats() && logits.rank() <= 2;
        Tensor logProbs = TorchOps.softmax(fused ? logits.withoutValues() : logits, classDim, true, version);
        return nllLossNd(logProbs, fused ? Optional.of(logits) : Optional.empty(), target, weight, reduction,
                ignoreIndex, version, bindings, blame);
    }

    /** With {@code logits}, {@code logProbs} carries only the type and the values are log_softmax(logits). */
    private static Tensor nllLossNd(Tensor logProbs, Optional<Tensor> logits, Tensor target, Optional<Tensor> weight,
                                    Reduction reduction, long ignoreIndex, TorchVersion version, Bindings bindings,
                                    Blame blame) {
        Shape in = logProbs.shape();
        Shape tg = target.shape();
        if (in.rank() < 1) {
            throw new FrameworkException("ValueError", "Expected 1 or more dimensions (got " + in.rank() + ")")
                    .at(blame.input());
        }
        if (in.rank() != 1) {
            Dim targetBatch = tg.rank() == 0 ? Dim.of(0) : tg.dim(0);
            if (!bindings.compatible(in.dim(0), targetBatch, blame.inputLabel(), blame.targetLabel())) {
                throw new FrameworkException("ValueError", "Expected input batch_size (" + in.dim(0)
                        + ") to match target batch_size (" + targetBatch + ").")
                        .at(blame.target())
                        .operand("input", blame.inputLabel(), in, List.of(0))
                        .operand("target", blame.targetLabel(), tg, tg.rank() == 0 ? List.of() : List.of(0));
            }
        }
        if (in.rank() == 1 || in.rank() == 2) {
            return nll1d2d(logProbs, logits, target, weight, reduction, ignoreIndex, version, bindings, blame);
        }
        if (in.rank() == 4) {
            return nll2d(logProbs, target, weight, reduction, ignoreIndex, version, bindings, blame, null);
        }
        // 3-D or >= 5-D: the target must be [N, d1, ..., dK]
        List<Dim> expected = new ArrayList<>();
        expected.add(in.dim(0));
        expected.addAll(in.dims().subList(2, in.rank()));
        boolean matches = tg.rank() == in.rank() - 1;
        for (int i = 1; matches && i < tg.rank(); i++) {
            matches = bindings.compatible(tg.dim(i), in.dim(i + 1), blame.targetLabel(), blame.inputLabel());
        }
        if (!matches) {
            // target axis i stands for input axis i + 1 (the class axis 1 is dropped)
            List<Integer> bad = new ArrayList<>();
            List<Integer> inputBad = new ArrayList<>();
            for (int i = 1; i < tg.rank(); i++) {
                if (i + 1 >= in.rank() || !bindings.sameOrUndecided(tg.dim(i), in.dim(i + 1))) {
                    bad.add(i);
                    if (i + 1 < in.rank()) {
                        inputBad.add(i + 1);
                    }
                }
            }
            throw new FrameworkException("RuntimeError", "Expected target size " + TorchText.sizes(new Shape(expected))
                    + ", got " + TorchText.sizes(tg))
                    .at(blame.target())
                    .operand("input", blame.inputLabel(), in, inputBad)
                    .operand("target", blame.targetLabel(), tg, bad);
        }
        return nll2d(logProbs, target, weight, reduction, ignoreIndex, version, bindings, blame, new Shape(expected));
    }

    /** {@code nll_loss} on 1-D or 2-D input. */
    private static Tensor nll1d2d(Tensor input, Optional<Tensor> logits, Tensor target, Optional<Tensor> weight,
                                  Reduction reduction, long ignoreIndex, TorchVersion version, Bindings bindings,
                                  Blame blame) {
        Shape in = input.shape();
        Shape tg = target.shape();
        if (tg.rank() > 1) {
            throw new FrameworkException("RuntimeError", "0D or 1D target tensor expected, multi-target not supported")
                    .at(blame.target())
                    .operand("input", blame.inputLabel(), in, List.of())
                    .operand("target", blame.targetLabel(), tg, List.of(tg.rank() - 1));
        }
        if (!version.isLegacy()) {
            checkTargetDtype(target, blame);
        }
        if (in.rank() == 1 && tg.rank() == 1) {
            if (!version.isLegacy() && !tg.dim(0).is(1)) {
                throw new FrameworkException("ValueError", "For 1D input, 1D target must have size 1, but got target size: "
                        + tg.dim(0)).at(blame.target());
            }
            if (version.isLegacy() && !bindings.compatible(in.dim(0), tg.dim(0), blame.inputLabel(), blame.targetLabel())) {
                throw new FrameworkException("RuntimeError", "size mismatch (got input: " + TorchText.sizes(in)
                        + ", target: " + TorchText.sizes(tg) + ")").at(blame.target());
            }
        }
        Dim classes = in.dim(in.rank() - 1);
        checkWeight(weight, classes, bindings, blame, false, "");
        if (version.isLegacy() && target.dtype() != DType.I64 && target.dtype() != DType.U8) {
            throw new FrameworkException("RuntimeError", "expected scalar type Long but found "
                    + TorchTypes.name(target.dtype())).at(blame.target());
        }
        checkWeightDtype(input, weight, blame);
        Shape outShape = reduction == Reduction.NONE && in.rank() == 2 ? Shape.of(in.dim(0)) : Shape.SCALAR;
        Dim batch = in.rank() == 2 ? in.dim(0) : Dim.of(1);
        return compute(input, logits, target, weight, reduction, ignoreIndex, batch, classes, Dim.of(1), outShape,
                blame);
    }

    /** {@code nll_loss2d} on 4-D input, or the 3-D / >= 5-D input viewed as 4-D. */
    private static Tensor nll2d(Tensor input, Tensor target, Optional<Tensor> weight, Reduction reduction,
                                long ignoreIndex, TorchVersion version, Bindings bindings, Blame blame,
                                Shape viewedOut) {
        Shape in = input.shape();
        Shape tg = target.shape();
        if (viewedOut == null) {
            if (tg.rank() != 3) {
                throw new FrameworkException("RuntimeError", "only batches of spatial targets supported (3D tensors) "
                        + "but got targets of dimension: " + tg.rank()).at(blame.target())
                        .operand("input", blame.inputLabel(), in, List.of(1))
                        .operand("target", blame.targetLabel(), tg, tg.rank() == 4 ? List.of(1) : List.of());
            }
        }
        Dim classes = in.dim(1);
        checkWeight(weight, classes, bindings, blame, true, "");
        if (viewedOut == null) {
            boolean ok = bindings.compatible(in.dim(0), tg.dim(0), blame.inputLabel(), blame.targetLabel())
                    && bindings.compatible(in.dim(2), tg.dim(1), blame.inputLabel(), blame.targetLabel())
                    && bindings.compatible(in.dim(3), tg.dim(2), blame.inputLabel(), blame.targetLabel());
            if (!ok) {
                // target [N, H, W] against input [N, C, H, W]
                List<Integer> inputBad = new ArrayList<>();
                List<Integer> targetBad = new ArrayList<>();
                int[][] corresponding = {{0, 0}, {2, 1}, {3, 2}};
                for (int[] axes : corresponding) {
                    if (!bindings.sameOrUndecided(in.dim(axes[0]), tg.dim(axes[1]))) {
                        inputBad.add(axes[0]);
                        targetBad.add(axes[1]);
                    }
                }
                throw new FrameworkException("RuntimeError", "size mismatch (got input: " + TorchText.sizes(in)
                        + " , target: " + TorchText.sizes(tg)).at(blame.target())
                        .operand("input", blame.inputLabel(), in, inputBad)
                        .operand("target", blame.targetLabel(), tg, targetBad);
            }
        }
        if (!version.isLegacy()) {
            checkTargetDtype(target, blame);
        }
        if (target.dtype() != DType.I64) {
            throw new FrameworkException("RuntimeError", "expected scalar type Long but found "
                    + TorchTypes.name(target.dtype())).at(blame.target());
        }
        checkWeightDtype(input, weight, blame);
        Dim spatial = Dim.of(1);
        for (int i = 2; i < in.rank(); i++) {
            spatial = spatial.times(in.dim(i));
        }
        Shape outShape;
        if (reduction == Reduction.NONE) {
            outShape = viewedOut != null ? viewedOut : Shape.of(in.dim(0), in.dim(2), in.dim(3));
        } else {
            outShape = Shape.SCALAR;
        }
        return compute(input, Optional.empty(), target, weight, reduction, ignoreIndex, in.dim(0), classes, spatial,
                outShape, blame);
    }

    private static void checkTargetDtype(Tensor target, Blame blame) {
        if (target.dtype() != DType.I64 && target.dtype() != DType.U8) {
            throw new FrameworkException("RuntimeError", "expected target dtype to be Long or Byte, but got "
                    + TorchTypes.name(target.dtype())).at(blame.target());
        }
    }

    static void checkWeight(Optional<Tensor> weight, Dim classes, Bindings bindings, Blame blame, boolean spatial,
                            String prefix) {
        if (weight.isEmpty()) {
            return;
        }
        Shape w = weight.get().shape();
        boolean ok = spatial ? bindings.compatible(w.numelDim(), classes, "weight", "input")
                : w.rank() == 1 && bindings.compatible(w.dim(0), classes, "weight", "input");
        if (!ok) {
            String message = spatial ? "weight tensor should be defined either for all or no classes"
                    : prefix + "weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: " + TorchText.sizes(w);
            throw new FrameworkException("RuntimeError", message).at(blame.weight());
        }
    }

    static void checkWeightDtype(Tensor input, Optional<Tensor> weight, Blame blame) {
        if (weight.isPresent() && weight.get().dtype() != input.dtype()) {
            throw new FrameworkException("RuntimeError", "expected scalar type " + TorchTypes.name(input.dtype())
                    + " but found " + TorchTypes.name(weight.get().dtype())).at(blame.weight());
        }
    }

    /**
     * The loss values over input viewed as [N, C, S] and target as [N, S]:
     * -input[n, t, s] * weight[t], ignoring {@code ignoreIndex}; out-of-range targets raise.
     * With {@code logits} (S = 1), input[n, t] is log_softmax(logits[n])[t], computed only there.
     */
    private static Tensor compute(Tensor input, Optional<Tensor> logits, Tensor target, Optional<Tensor> weight,
                                  Reduction reduction, long ignoreIndex, Dim batchDim, Dim classDim, Dim spatialDim,
                                  Shape outShape, Blame blame) {
        if (target.hasValues() && classDim instanceof Dim.Known classes) {
            // the kernel's range check needs only the labels (the scores may be unknown)
            for (double value : target.data()) {
                long label = (long) value;
                if (label != ignoreIndex && (label < 0 || label >= classes.size())) {
                    throw new FrameworkException("IndexError", "Target " + label + " is out of bounds.")
                            .at(blame.target());
                }
            }
        }
        boolean known = (input.hasValues() || logits.isPresent()) && target.hasValues()
                && weight.map(Tensor::hasValues).orElse(true)
                && batchDim.isKnown() && classDim.isKnown() && spatialDim.isKnown() && outShape.isFullyKnown();
        if (!known) {
            return Tensor.shapeOnly(input.dtype(), outShape);
        }
        int n = (int) batchDim.known().getAsLong();
        int c = (int) classDim.known().getAsLong();
        int s = (int) spatialDim.known().getAsLong();
        double[] t = target.data();
        float[] picked = logits.map(l -> pickedLogProbabilities(l, t, n, c, ignoreIndex)).orElse(null);
        double[] x = picked == null ? input.data() : null;
        double[] w = weight.map(Tensor::data).orElse(null);
        double[] losses = new double[n * s];
        double total = 0;
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                long label = (long) t[i * s + j];
                if (label == ignoreIndex) {
                    continue;
                }
                if (label < 0 || label >= c) {
                    throw new FrameworkException("IndexError", "Target " + label + " is out of bounds.")
                            .at(blame.target());
                }
                double wt = w == null ? 1 : w[(int) label];
                double logProbability = picked != null ? picked[i] : x[(i * c + (int) label) * s + j];
                double loss = -logProbability * wt;
                losses[i * s + j] = loss;
                total += loss;
                weightSum += wt;
            }
        }
        return switch (reduction) {
            case NONE -> Tensor.of(input.dtype(), outShape, losses);
            case SUM -> Tensor.scalar(input.dtype(), total);
            case MEAN -> Tensor.scalar(input.dtype(), total / weightSum);
        };
    }

    /** log_softmax(logits[i])[target[i]] for each row whose target is a class (others are left 0). */
    private static float[] pickedLogProbabilities(Tensor logits, double[] target, int rows, int classes,
                                                  long ignoreIndex) {
        int[] picks = new int[rows];
        for (int i = 0; i < rows; i++) {
            long label = (long) target[i];
            picks[i] = label != ignoreIndex && label >= 0 && label < classes ? (int) label : -1;
        }
        float[] picked = new float[rows];
        FloatKernels.active().logSoftmaxAt(logits.floatData(), rows, classes, picks, picked);
        return picked;
    }
}
