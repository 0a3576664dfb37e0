package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.framework.SilentBroadcast;
import dev.shapes.framework.torch.TorchOps;
import dev.shapes.framework.torch.TorchText;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.FloatKernels;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * The pointwise regression losses {@code mse_loss}, {@code l1_loss},
 * {@code smooth_l1_loss} and {@code huber_loss}: they warn when the shapes
 * differ, then broadcast (functional.py), then apply the kernel (Loss.cpp).
 */
public enum RegressionLoss {
    MSE("mse_loss", "MSELoss", "mse_cpu"),
    L1("l1_loss", "L1Loss", ""),
    SMOOTH_L1("smooth_l1_loss", "SmoothL1Loss", "smooth_l1_cpu"),
    HUBER("huber_loss", "HuberLoss", "huber_cpu");

    public final String function;
    public final String moduleName;
    private final String kernel;

    RegressionLoss(String function, String moduleName, String kernel) {
        this.function = function;
        this.moduleName = moduleName;
        this.kernel = kernel;
    }

    /** The functional signature at a version (2.x added weight= to mse, l1 and huber). */
    public Signature signature(TorchVersion version) {
        boolean weighted = !version.isLegacy() && this != SMOOTH_L1;
        return switch (this) {
            case HUBER -> weighted
                    ? Signature.of(function, "input", "target", "reduction", "delta", "weight")
                            .def("reduction", "mean").def("delta", 1.0).noneDefaults("weight")
                    : Signature.of(function, "input", "target", "reduction", "delta").def("reduction", "mean")
                            .def("delta", 1.0);
            case SMOOTH_L1 -> Signature.of(function, "input", "target", "size_average", "reduce", "reduction", "beta")
                    .noneDefaults("size_average", "reduce").def("reduction", "mean").def("beta", 1.0);
            default -> weighted
                    ? Signature.of(function, "input", "target", "size_average", "reduce", "reduction", "weight")
                            .noneDefaults("size_average", "reduce", "weight").def("reduction", "mean")
                    : Signature.of(function, "input", "target", "size_average", "reduce", "reduction")
                            .noneDefaults("size_average", "reduce").def("reduction", "mean");
        };
    }

    public String doc() {
        String extra = switch (this) {
            case SMOOTH_L1 -> ", beta=1.0";
            case HUBER -> ", delta=1.0";
            default -> "";
        };
        return function + "(input, target, reduction='mean'" + extra + ")\n"
                + "input, target: float tensors of the same shape (different shapes broadcast, with a UserWarning:\n"
                + "  [N, 1] against [N] silently becomes [N, N])\n"
                + "reduction: 'none' | 'mean' | 'sum'; returns a scalar, or the broadcast shape with 'none'\n"
                + "https://pytorch.org/docs/stable/generated/torch.nn.functional." + function + ".html";
    }

    public Tensor call(Bound b, CallContext ctx, TorchVersion version) {
        Tensor input = Losses.pythonTensor(b, "input");
        Tensor target = Losses.pythonTensor(b, "target");
        if (!ctx.bindings().resolve(target.shape()).equals(ctx.bindings().resolve(input.shape()))) {
            ctx.warn("Using a target size (" + TorchText.size(target.shape()) + ") that is different to the input size ("
                    + TorchText.size(input.shape()) + "). This will likely lead to incorrect results due to "
                    + "broadcasting. Please ensure they have the same size.");
        }
        String reductionText;
        if (b.values().containsKey("size_average") && (!b.isNone("size_average") || !b.isNone("reduce"))) {
            reductionText = Reduction.legacy(b.get("size_average"), b.get("reduce"), ctx);
        } else {
            reductionText = null;
        }
        Shape shape;
        try {
            shape = TorchOps.broadcast(input.shape(), target.shape(), ctx);
        } catch (FrameworkException e) {
            throw e.at(b.span("target"));
        }
        SilentBroadcast.checkLoss(ctx, function, b.source("input"), input.shape(), b.source("target"), target.shape(),
                shape);
        boolean weighted = b.values().containsKey("weight") && !b.isNone("weight");
        if (weighted) {
            Tensor weight = Losses.pythonTensor(b, "weight");
            if (!ctx.bindings().resolve(weight.shape()).equals(ctx.bindings().resolve(input.shape()))) {
                throw new FrameworkException("ValueError", "Weights and input must have the same size.")
                        .at(b.span("weight"));
            }
        }
        Reduction reduction = reductionText != null
                ? Reduction.of(new dev.shapes.eval.Value.StrValue(reductionText), ctx)
                : reductionOf(b, ctx, weighted, version);
        double param = 0;
        if (this == SMOOTH_L1) {
            param = b.number("beta");
            if (param < 0) {
                throw new FrameworkException("RuntimeError", "smooth_l1_loss does not support negative values for beta.")
                        .at(b.span("beta"));
            }
        } else if (this == HUBER) {
            param = b.number("delta");
            if (param <= 0) {
                throw new FrameworkException("RuntimeError", "huber_loss does not support non-positive values for delta.")
                        .at(b.span("delta"));
            }
        }
        RegressionLoss effective = this == SMOOTH_L1 && param == 0 && !version.isLegacy() ? L1 : this;
        DType common = TorchTypes.promote(input.dtype(), target.dtype());
        DType out = effective == HUBER ? input.dtype() : common;
        if (effective == HUBER && common != input.dtype() && !input.dtype().isFloating()) {
            throw new FrameworkException("RuntimeError", "result type " + TorchTypes.name(common)
                    + " can't be cast to the desired output type " + TorchTypes.name(input.dtype()));
        }
        if (!common.isFloating() && effective != L1) {
            throw new FrameworkException(version.notImplementedType(), "\"" + effective.kernel
                    + "\" not implemented for '" + TorchTypes.name(common) + "'");
        }
        Tensor loss;
        if (effective == MSE && !weighted && input.hasFloats() && target.hasFloats() && input.shape().equals(shape)
                && target.shape().equals(shape)) {
            return fusedMse(input.floatData(), target.floatData(), shape, reduction);
        }
        if (input.hasValues() && target.hasValues() && shape.isFullyKnown()) {
            final double p = param;
            DoubleBinaryOperator f = switch (effective) {
                case MSE -> (x, y) -> (x - y) * (x - y);
                case L1 -> (x, y) -> Math.abs(x - y);
                case SMOOTH_L1 -> (x, y) -> {
                    double d = Math.abs(x - y);
                    return d < p ? 0.5 * d * d / p : d - 0.5 * p;
                };
                case HUBER -> (x, y) -> {
                    double d = Math.abs(x - y);
                    return d < p ? 0.5 * d * d : p * (d - 0.5 * p);
                };
            };
            loss = Kernels.binary(input, target, shape, out, f);
            if (weighted) {
                Tensor w = Losses.pythonTensor(b, "weight");
                loss = w.hasValues() ? Kernels.binary(loss, w, shape, out, (x, y) -> x * y) : loss.withoutValues();
            }
        } else {
            loss = Tensor.shapeOnly(out, shape);
        }
        return reduction.apply(loss);
    }

    /** mse over f32 operands of one shape: one pass, the element-wise losses kept only for 'none'. */
    private static Tensor fusedMse(float[] x, float[] t, Shape shape, Reduction reduction) {
        NumericBudget.require(shape, DType.F32);
        float[] losses = reduction == Reduction.NONE ? new float[x.length] : null;
        double sum = FloatKernels.active().squaredError(x, t, losses);
        return reduction == Reduction.NONE ? Tensor.ofFloats(shape, losses) : reduction.ofSum(sum, x.length, DType.F32);
    }

    private static Reduction reductionOf(Bound b, CallContext ctx, boolean weighted, TorchVersion version) {
        if (weighted) {
            String r = b.string("reduction").orElse(String.valueOf(b.get("reduction")));
            if (!List.of("none", "mean", "sum").contains(r)) {
                throw new FrameworkException("ValueError", "Invalid reduction mode: " + r
                        + ". Expected one of 'none', 'mean', 'sum'.").at(b.span("reduction"));
            }
        }
        return Reduction.of(b.get("reduction"), ctx, version.isLegacy());
    }
}
