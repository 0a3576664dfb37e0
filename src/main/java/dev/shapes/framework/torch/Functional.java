package dev.shapes.framework.torch;

import dev.shapes.eval.Bound;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.torch.loss.BceWithLogits;
import dev.shapes.framework.torch.loss.BinaryCrossEntropy;
import dev.shapes.framework.torch.loss.CrossEntropy;
import dev.shapes.framework.torch.loss.KlDiv;
import dev.shapes.framework.torch.loss.Losses;
import dev.shapes.framework.torch.loss.NllLoss;
import dev.shapes.framework.torch.loss.RegressionLoss;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Tensor;

/** {@code torch.nn.functional} (imported as {@code F}): the losses and the activations around them. */
final class Functional {

    private Functional() {}

    static Module module(TorchProfile profile) {
        TorchVersion version = profile.torchVersion();
        Module f = new Module("torch.nn.functional");
        f.function("cross_entropy", (args, ctx) -> profile.wrap(
                CrossEntropy.call(CrossEntropy.SIGNATURE.bind(args), ctx, version)), CrossEntropy.DOC);
        f.function("nll_loss", (args, ctx) -> profile.wrap(
                NllLoss.call(NllLoss.SIGNATURE.bind(args), ctx, version)), NllLoss.DOC);
        f.function("binary_cross_entropy", (args, ctx) -> profile.wrap(
                BinaryCrossEntropy.call(BinaryCrossEntropy.SIGNATURE.bind(args), ctx, version)), BinaryCrossEntropy.DOC);
        f.function("binary_cross_entropy_with_logits", (args, ctx) -> profile.wrap(
                BceWithLogits.call(BceWithLogits.SIGNATURE.bind(args), ctx, version)), BceWithLogits.DOC);
        for (RegressionLoss loss : RegressionLoss.values()) {
            f.function(loss.function, (args, ctx) -> profile.wrap(
                    loss.call(loss.signature(version).bind(args), ctx, version)), loss.doc());
        }
        f.function("kl_div", (args, ctx) -> profile.wrap(KlDiv.call(KlDiv.SIGNATURE.bind(args), ctx, version)),
                KlDiv.DOC);

        f.function("one_hot", (args, ctx) -> {
            Bound b = Signature.of("one_hot", "tensor", "num_classes").def("num_classes", -1).bind(args);
            Tensor labels = Losses.tensor(b, "tensor", "one_hot", 1);
            try {
                return profile.wrap(TorchOps.oneHot(labels, b.integer("num_classes"), version));
            } catch (FrameworkException e) {
                throw e.at(b.span("tensor"));
            }
        }, """
                one_hot(tensor, num_classes=-1)
                tensor: int64 class indices of any shape (*); values in [0, num_classes)
                returns: int64 (*, num_classes); use .float() before a loss that expects probabilities
                https://pytorch.org/docs/stable/generated/torch.nn.functional.one_hot.html""");
        f.function("softmax", (args, ctx) -> softmax(profile, args, ctx, "softmax", false),
                "softmax(input, dim)\nnormalises along dim; returns the input's shape");
        f.function("log_softmax", (args, ctx) -> softmax(profile, args, ctx, "log_softmax", true),
                "log_softmax(input, dim)\nlog of softmax along dim; returns the input's shape");
        f.function("sigmoid", (args, ctx) -> profile.wrap(TorchOps.floatUnary(one(args, "sigmoid"), TorchOps::sigmoid)));
        f.function("relu", (args, ctx) -> {
            Tensor x = one(args, "relu");
            return profile.wrap(x.hasValues() ? Kernels.map(x, x.dtype(), v -> Math.max(v, 0)) : x);
        });
        f.function("tanh", (args, ctx) -> profile.wrap(TorchOps.floatUnary(one(args, "tanh"), Math::tanh)));
        f.function("linear", (args, ctx) -> {
            Bound b = Signature.of("linear", "input", "weight", "bias").noneDefaults("bias").bind(args);
            Tensor x = Losses.tensor(b, "input", "linear", 1);
            Tensor w = Losses.tensor(b, "weight", "linear", 2);
            Tensor out = NnModule.linear(x, w, version, ctx);
            return profile.wrap(out);
        });
        return f;
    }

    private static Tensor one(dev.shapes.eval.Arguments args, String name) {
        Bound b = Signature.of(name, "input").bind(args);
        return Losses.tensor(b, "input", name, 1);
    }

    private static Value softmax(TorchProfile profile, dev.shapes.eval.Arguments args,
                                 dev.shapes.eval.CallContext ctx, String name, boolean log) {
        Bound b = Signature.of(name, "input", "dim", "_stacklevel", "dtype").noneDefaults("dim", "dtype")
                .def("_stacklevel", 3).bind(args);
        Tensor x = Losses.tensor(b, "input", name, 1);
        long dim = b.isNone("dim") ? TorchOps.implicitSoftmaxDim(x.rank(), name, ctx) : b.integer("dim");
        if (!b.isNone("dtype") && b.get("dtype") instanceof Value.DTypeValue d) {
            x = x.cast(d.dtype());
        }
        return profile.wrap(TorchOps.softmax(x, dim, log, profile.torchVersion()));
    }
}
