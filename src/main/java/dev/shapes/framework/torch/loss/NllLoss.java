package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Signature;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.Tensor;

/** {@code F.nll_loss} / {@code nn.NLLLoss}: class indices into log-probabilities (LossNLL.cpp). */
public final class NllLoss {

    public static final Signature SIGNATURE = Signature.of("nll_loss", "input", "target", "weight",
                    "size_average", "ignore_index", "reduce", "reduction")
            .noneDefaults("weight", "size_average", "reduce").def("ignore_index", -100).def("reduction", "mean");

    public static final String DOC = """
            nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')
            input:  log-probabilities (C), (N, C) or (N, C, d1, ..., dK), e.g. F.log_softmax(logits, dim=1)
            target: class indices int64 of shape (), (N) or (N, d1, ..., dK), values in [0, C) or ignore_index
            weight: float (C); reduction: 'none' | 'mean' | 'sum'
            returns: scalar, or (N) / (N, d1, ..., dK) with reduction='none'
            https://pytorch.org/docs/stable/generated/torch.nn.functional.nll_loss.html""";

    private NllLoss() {}

    public static Tensor call(Bound b, CallContext ctx, TorchVersion version) {
        Reduction reduction = Reduction.resolve(b, ctx, version);
        Tensor input = Losses.tensor(b, "input", "nll_loss_nd", 1);
        Tensor target = Losses.tensor(b, "target", "nll_loss_nd", 2);
        var weight = Losses.optionalTensor(b, "weight", "nll_loss_nd", 3);
        NllCore.Blame blame = new NllCore.Blame(b.span("input"), b.span("target"), b.span("weight"),
                b.source("input"), b.source("target"));
        return NllCore.nllLossNd(input, target, weight, reduction, b.integer("ignore_index"), version,
                ctx.bindings(), blame);
    }
}
