package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.framework.torch.TorchOps;
import dev.shapes.framework.torch.TorchText;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.FloatKernels;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * {@code F.binary_cross_entropy_with_logits} / {@code nn.BCEWithLogitsLoss}:
 * logits against targets of exactly the same shape; {@code pos_weight}
 * broadcasts against the target, {@code weight} against the loss
 * (functional.py; Loss.cpp binary_cross_entropy_with_logits).
 */
public final class BceWithLogits {

    public static final Signature SIGNATURE = Signature.of("binary_cross_entropy_with_logits", "input", "target",
                    "weight", "size_average", "reduce", "reduction", "pos_weight")
            .noneDefaults("weight", "size_average", "reduce", "pos_weight").def("reduction", "mean");

    public static final String DOC = """
            binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean', pos_weight=None)
            input:  logits, any shape (no sigmoid: it is applied inside)
            target: float, exactly the input's shape, values in [0, 1] (not checked)
            pos_weight: broadcast against target, one per class: (C) for (N, C);
            weight: broadcastable to the input; reduction: 'none' | 'mean' | 'sum'
            returns: scalar, or the input's shape with reduction='none'
            https://pytorch.org/docs/stable/generated/torch.nn.functional.binary_cross_entropy_with_logits.html""";

    private BceWithLogits() {}

    public static Tensor call(Bound b, CallContext ctx, TorchVersion version) {
        Reduction reduction = Reduction.resolve(b, ctx, version);
        Tensor input = Losses.pythonTensor(b, "input");
        Tensor target = Losses.pythonTensor(b, "target");
        if (!ctx.bindings().resolve(target.shape()).equals(ctx.bindings().resolve(input.shape()))) {
            throw new FrameworkException("ValueError", "Target size (" + TorchText.size(target.shape())
                    + ") must be the same as input size (" + TorchText.size(input.shape()) + ")").at(b.span("target"))
                    .operand("input", b.source("input"), input.shape(), List.of())
                    .operand("target", b.source("target"), target.shape(), List.of());
        }
        Optional<Tensor> weight = Losses.optionalTensor(b, "weight", "binary_cross_entropy_with_logits", 3);
        Optional<Tensor> posWeight = Losses.optionalTensor(b, "pos_weight", "binary_cross_entropy_with_logits", 4);
        // (1 - target): a bool target cannot be subtracted from
        if (target.dtype() == DType.BOOL) {
            throw new FrameworkException("RuntimeError", "Subtraction, the `-` operator, with two bool tensors is not "
                    + "supported. Use the `^` or `logical_xor()` operator instead.").at(b.span("target"));
        }
        DType lossType = target.dtype();
        if (posWeight.isPresent()) {
            Shape logWeight = broadcastOrFail(posWeight.get().shape(), target.shape(), ctx, b, "pos_weight");
            if (!logWeight.equals(input.shape()) && !ctx.bindings().resolve(logWeight).equals(ctx.bindings().resolve(input.shape()))) {
                Shape grown = TorchOps.broadcast(input.shape(), logWeight, ctx);
                if (!grown.equals(input.shape())) {
                    throw new FrameworkException("RuntimeError", "output with shape " + TorchText.sizes(input.shape())
                            + " doesn't match the broadcast shape " + TorchText.sizes(grown)).at(b.span("pos_weight"));
                }
            }
        }
        // (1 - target).mul_(input): the in-place multiply keeps the target's dtype
        DType product = TorchTypes.promote(lossType, input.dtype());
        if (product != lossType && !lossType.isFloating()) {
            throw new FrameworkException("RuntimeError", "result type " + TorchTypes.name(product)
                    + " can't be cast to the desired output type " + TorchTypes.name(lossType)).at(b.span("target"));
        }
        if (!input.dtype().isFloating()) {
            throw new FrameworkException(version.notImplementedType(), "\"log_sigmoid_forward_cpu\" not implemented "
                    + "for '" + TorchTypes.name(input.dtype()) + "'").at(b.span("input"));
        }
        if (weight.isPresent()) {
            Shape grown = broadcastOrFail(input.shape(), weight.get().shape(), ctx, b, "weight");
            if (!grown.equals(input.shape()) && !ctx.bindings().resolve(grown).equals(ctx.bindings().resolve(input.shape()))) {
                throw new FrameworkException("RuntimeError", "output with shape " + TorchText.sizes(input.shape())
                        + " doesn't match the broadcast shape " + TorchText.sizes(grown)).at(b.span("weight"));
            }
        }
        boolean values = input.hasValues() && target.hasValues() && weight.map(Tensor::hasValues).orElse(true)
                && posWeight.map(Tensor::hasValues).orElse(true);
        if (!values) {
            return reduction.apply(Tensor.shapeOnly(lossType, input.shape()));
        }
        if (posWeight.isEmpty() && weight.isEmpty() && input.hasFloats() && target.hasFloats()
                && input.valueCount() == target.valueCount()) {
            return fused(input.floatData(), target.floatData(), input.shape(), reduction);
        }
        Tensor pw = posWeight.map(p -> Kernels.expand(p, input.shape())).orElse(null);
        Tensor w = weight.map(p -> Kernels.expand(p, input.shape())).orElse(null);
        double[] x = input.data();
        double[] t = target.data();
        double[] loss = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double logSigmoid = -softplus(-x[i]);
            double logWeight = pw == null ? 1 : (pw.data()[i] - 1) * t[i] + 1;
            loss[i] = (1 - t[i]) * x[i] - logSigmoid * logWeight;
            if (w != null) {
                loss[i] *= w.data()[i];
            }
        }
        return reduction.apply(Tensor.of(lossType, input.shape(), loss));
    }

    /** f32 logits and targets without weights: one pass, the element-wise losses kept only for 'none'. */
    private static Tensor fused(float[] x, float[] t, Shape shape, Reduction reduction) {
        float[] losses = reduction == Reduction.NONE ? new float[x.length] : null;
        double sum = FloatKernels.active().binaryCrossEntropyWithLogits(x, t, losses);
        return reduction == Reduction.NONE ? Tensor.ofFloats(shape, losses) : reduction.ofSum(sum, x.length, DType.F32);
    }

    /** log(1 + e^v), computed stably. */
    static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    private static Shape broadcastOrFail(Shape a, Shape b, CallContext ctx, Bound bound, String param) {
        Broadcast.Result r = Broadcast.shapes(a, b, ctx.bindings());
        if (r.ok()) {
            return r.shape().get();
        }
        Broadcast.Mismatch m = r.mismatch().get();
        throw new FrameworkException("RuntimeError", "The size of tensor a (" + m.sizeA()
                + ") must match the size of tensor b (" + m.sizeB() + ") at non-singleton dimension " + m.resultAxis())
                .at(bound.span(param));
    }
}
