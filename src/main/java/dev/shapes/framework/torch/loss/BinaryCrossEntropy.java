package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.framework.torch.TorchText;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * {@code F.binary_cross_entropy} / {@code nn.BCELoss}: probabilities against
 * targets of exactly the same shape (functional.py; Loss.cpp
 * binary_cross_entropy_out_cpu). Logs are clamped at -100.
 */
public final class BinaryCrossEntropy {

    public static final Signature SIGNATURE = Signature.of("binary_cross_entropy", "input", "target", "weight",
                    "size_average", "reduce", "reduction")
            .noneDefaults("weight", "size_average", "reduce").def("reduction", "mean");

    public static final String DOC = """
            binary_cross_entropy(input, target, weight=None, reduction='mean')
            input:  probabilities in [0, 1], any shape (apply torch.sigmoid to logits first)
            target: float, exactly the input's shape, values in [0, 1]
            weight: broadcastable to the target's shape; reduction: 'none' | 'mean' | 'sum'
            returns: scalar, or the input's shape with reduction='none'
            https://pytorch.org/docs/stable/generated/torch.nn.functional.binary_cross_entropy.html""";

    private BinaryCrossEntropy() {}

    public static Tensor call(Bound b, CallContext ctx, TorchVersion version) {
        Reduction reduction = Reduction.resolve(b, ctx, version);
        Tensor input = Losses.pythonTensor(b, "input");
        Tensor target = Losses.pythonTensor(b, "target");
        if (!ctx.bindings().resolve(target.shape()).equals(ctx.bindings().resolve(input.shape()))
                && !sameUpToUnknown(target.shape(), input.shape(), ctx)) {
            throw new FrameworkException("ValueError", "Using a target size (" + TorchText.size(target.shape())
                    + ") that is different to the input size (" + TorchText.size(input.shape()) + ") is deprecated. "
                    + "Please ensure they have the same size.").at(b.span("target"))
                    .operand("input", b.source("input"), input.shape(), List.of())
                    .operand("target", b.source("target"), target.shape(), List.of());
        }
        Optional<Tensor> weight = Optional.empty();
        if (!b.isNone("weight")) {
            Tensor w = Losses.pythonTensor(b, "weight");
            weight = Optional.of(expandWeight(w, target.shape(), ctx, version, b));
            Shape grown = weight.get().shape();
            if (!ctx.bindings().resolve(grown).equals(ctx.bindings().resolve(input.shape()))) {
                throw new FrameworkException("RuntimeError", "output with shape " + TorchText.sizes(input.shape())
                        + " doesn't match the broadcast shape " + TorchText.sizes(grown)).at(b.span("weight"));
            }
        }
        Tensor x = input;
        if (target.dtype() != input.dtype()) {
            throw new FrameworkException("RuntimeError", "Found dtype " + TorchTypes.name(target.dtype())
                    + " but expected " + TorchTypes.name(input.dtype())).at(b.span("target"));
        }
        if (!x.dtype().isFloating()) {
            throw new FrameworkException(version.notImplementedType(), "\"binary_cross_entropy\" not implemented for '"
                    + TorchTypes.name(x.dtype()) + "'");
        }
        if (version.isLegacy() && x.dtype() == DType.F16) {
            throw new FrameworkException("RuntimeError", "\"binary_cross_entropy\" not implemented for 'Half'");
        }
        if (!x.hasValues() || !target.hasValues() || !weight.map(Tensor::hasValues).orElse(true)) {
            return reduction.apply(Tensor.shapeOnly(x.dtype(), x.shape()));
        }
        double[] p = x.data();
        double[] t = target.data();
        double[] w = weight.map(Tensor::data).orElse(null);
        double[] loss = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new FrameworkException("RuntimeError", "all elements of input should be between 0 and 1")
                        .at(b.span("input"));
            }
            if (!version.isLegacy() && !(t[i] >= 0 && t[i] <= 1)) {
                throw new FrameworkException("RuntimeError", "all elements of target should be between 0 and 1")
                        .at(b.span("target"));
            }
            double logP = Math.max(Math.log(p[i]), -100);
            double log1mP = Math.max(Math.log1p(-p[i]), -100);
            loss[i] = -(t[i] * logP + (1 - t[i]) * log1mP) * (w == null ? 1 : w[i]);
        }
        return reduction.apply(Tensor.of(x.dtype(), x.shape(), loss));
    }

    private static boolean sameUpToUnknown(Shape a, Shape b, CallContext ctx) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            Dim x = ctx.bindings().resolve(a.dim(i));
            Dim y = ctx.bindings().resolve(b.dim(i));
            if (!(x instanceof Dim.Unknown || y instanceof Dim.Unknown || x.equals(y))) {
                return false;
            }
        }
        return true;
    }

    /** {@code weight.expand(_infer_size(target.size(), weight.size()))}. */
    private static Tensor expandWeight(Tensor weight, Shape target, CallContext ctx, TorchVersion version, Bound b) {
        Broadcast.Result r = Broadcast.shapes(target, weight.shape(), ctx.bindings());
        if (!r.ok()) {
            Broadcast.Mismatch m = r.mismatch().get();
            if (version.isLegacy()) {
                throw new FrameworkException("RuntimeError", "The size of tensor a (" + m.sizeA()
                        + ") must match the size of tensor b (" + m.sizeB() + ") at non-singleton dimension "
                        + m.resultAxis()).at(b.span("weight"));
            }
            throw new FrameworkException("RuntimeError", "Attempting to broadcast a dimension of length " + m.sizeB()
                    + " at " + (-1 - m.axisFromEnd()) + "! Mismatching argument at index 1 had "
                    + TorchText.size(weight.shape()) + "; but expected shape should be broadcastable to "
                    + TorchText.sizes(target)).at(b.span("weight"));
        }
        Shape out = r.shape().get();
        if (!weight.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(weight.dtype(), out);
        }
        return Kernels.expand(weight, out);
    }
}
