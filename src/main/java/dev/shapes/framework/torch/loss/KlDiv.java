package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.SilentBroadcast;
import dev.shapes.framework.torch.TorchOps;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;

/**
 * {@code F.kl_div} / {@code nn.KLDivLoss}: input is log-probabilities, target
 * probabilities (or log-probabilities with {@code log_target=True}); shapes
 * broadcast silently (functional.py; Loss.cpp kl_div).
 */
public final class KlDiv {

    public static final Signature SIGNATURE = Signature.of("kl_div", "input", "target", "size_average", "reduce",
                    "reduction", "log_target")
            .noneDefaults("size_average", "reduce").def("reduction", "mean").def("log_target", false);

    public static final String MEAN_WARNING = "reduction: 'mean' divides the total loss by both the batch size and the "
            + "support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition."
            + "'mean' will be changed to behave the same as 'batchmean' in the next major release.";

    public static final String DOC = """
            kl_div(input, target, reduction='mean', log_target=False)
            input:  log-probabilities (e.g. F.log_softmax(logits, dim=-1)), any shape
            target: probabilities (log-probabilities with log_target=True), broadcastable to the input
            reduction: 'batchmean' (the KL divergence), 'sum', 'none', or 'mean' (warns)
            returns: scalar, or the broadcast shape with 'none'
            https://pytorch.org/docs/stable/generated/torch.nn.functional.kl_div.html""";

    private KlDiv() {}

    public static Tensor call(Bound b, CallContext ctx, TorchVersion version) {
        Reduction reduction;
        boolean batchmean = false;
        if (!b.isNone("size_average") || !b.isNone("reduce")) {
            reduction = Reduction.of(new Value.StrValue(Reduction.legacy(b.get("size_average"), b.get("reduce"), ctx)), ctx);
        } else {
            String r = b.string("reduction").orElse("");
            if (r.equals("mean")) {
                ctx.warn(MEAN_WARNING);
            }
            batchmean = r.equals("batchmean");
            reduction = batchmean ? Reduction.SUM : Reduction.of(b.get("reduction"), ctx, version.isLegacy());
        }
        Tensor input = Losses.tensor(b, "input", "kl_div", 1);
        Tensor target = Losses.tensor(b, "target", "kl_div", 2);
        if (!version.isLegacy() && (!input.dtype().isFloating() || !target.dtype().isFloating())) {
            throw new FrameworkException("RuntimeError", "kl_div: Integral inputs not supported.");
        }
        boolean logTarget = b.bool("log_target");
        Shape shape;
        try {
            shape = TorchOps.broadcast(target.shape(), input.shape(), ctx);
        } catch (FrameworkException e) {
            throw e.at(b.span("target"));
        }
        SilentBroadcast.checkLoss(ctx, "kl_div", b.source("input"), input.shape(), b.source("target"), target.shape(),
                shape);
        DType out = TorchTypes.promote(input.dtype(), target.dtype());
        Tensor loss;
        if (input.hasValues() && target.hasValues() && shape.isFullyKnown()) {
            loss = Kernels.binary(input, target, shape, out, logTarget
                    ? (x, t) -> Math.exp(t) * (t - x)
                    : (x, t) -> (t == 0 ? 0 : t * Math.log(t)) - t * x);
        } else {
            loss = Tensor.shapeOnly(out, shape);
        }
        Tensor reduced = reduction.apply(loss);
        if (batchmean && input.rank() != 0) {
            long n = input.shape().dim(0).known().orElse(-1);
            if (reduced.hasValues() && n > 0) {
                return Tensor.scalar(reduced.dtype(), reduced.item() / n);
            }
            return reduced.withoutValues();
        }
        return reduced;
    }
}
