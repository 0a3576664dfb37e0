package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Signature;
import dev.shapes.framework.torch.TorchOps;
import dev.shapes.framework.torch.TorchText;
import dev.shapes.framework.torch.TorchTypes;
import dev.shapes.framework.torch.TorchVersion;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * {@code F.cross_entropy} / {@code nn.CrossEntropyLoss}: class indices (via
 * nll_loss_nd on log_softmax), class probabilities when the target has the
 * input's exact shape, and label smoothing (LossNLL.cpp,
 * cross_entropy_loss_symint and its helpers).
 */
public final class CrossEntropy {

    public static final Signature SIGNATURE = Signature.of("cross_entropy", "input", "target", "weight",
                    "size_average", "ignore_index", "reduce", "reduction", "label_smoothing")
            .noneDefaults("weight", "size_average", "reduce").def("ignore_index", -100)
            .def("reduction", "mean").def("label_smoothing", 0.0);

    public static final String DOC = """
            cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)
            input:  float logits (C), (N, C) or (N, C, d1, ..., dK); classes on dim 1 (dim 0 for 1-D input)
            target: class indices int64 (or uint8) of shape (), (N) or (N, d1, ..., dK), values in [0, C) or ignore_index;
                    or class probabilities: float, exactly the input's shape
            weight: float (C); reduction: 'none' | 'mean' | 'sum'; label_smoothing in [0, 1]
            returns: scalar, or (N) / (N, d1, ..., dK) with reduction='none'
            https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html""";

    private CrossEntropy() {}

    public static Tensor call(Bound b, CallContext ctx, TorchVersion version) {
        Reduction reduction = Reduction.resolve(b, ctx, version);
        Tensor input = Losses.tensor(b, "input", "cross_entropy_loss", 1);
        Tensor target = Losses.tensor(b, "target", "cross_entropy_loss", 2);
        Optional<Tensor> weight = Losses.optionalTensor(b, "weight", "cross_entropy_loss", 3);
        long ignoreIndex = b.integer("ignore_index");
        double smoothing = b.number("label_smoothing");
        Bindings bindings = ctx.bindings();
        NllCore.Blame blame = new NllCore.Blame(b.span("input"), b.span("target"), b.span("weight"),
                b.source("input"), b.source("target"));
        int classDim = input.rank() == 1 ? 0 : 1;

        if (sameShape(input.shape(), target.shape(), bindings)) {
            if (!target.dtype().isFloating()) {
                throw new FrameworkException("RuntimeError", "Expected floating point type for target with class "
                        + "probabilities, got " + TorchTypes.name(target.dtype())).at(b.span("target"))
                        .operand("input", b.source("input"), input.shape(), List.of())
                        .operand("target", b.source("target"), target.shape(), List.of());
            }
            if (ignoreIndex >= 0) {
                throw new FrameworkException("RuntimeError", "ignore_index is not supported for floating point target")
                        .at(b.span("ignore_index"));
            }
            return probabilities(input, target, weight, reduction, smoothing, classDim, version, bindings, b);
        }
        if (smoothing > 0.0) {
            if (smoothing > 1.0) {
                throw new FrameworkException("RuntimeError", "label_smoothing must be between 0.0 and 1.0. Got: "
                        + formatDouble(smoothing)).at(b.span("label_smoothing"));
            }
            Tensor logProbs = TorchOps.softmax(input, classDim, true, version);
            Tensor nll = NllCore.nllLossNd(logProbs, target, weight, reduction, ignoreIndex, version, bindings, blame);
            return smoothed(logProbs, target, weight, reduction, ignoreIndex, smoothing, classDim, nll);
        }
        return NllCore.nllLossOfLogSoftmax(input, classDim, target, weight, reduction, ignoreIndex, version, bindings,
                blame);
    }

    private static boolean sameShape(Shape a, Shape b, Bindings bindings) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (!bindings.resolve(a.dim(i)).equals(bindings.resolve(b.dim(i)))) {
                return false;
            }
        }
        return true;
    }

    /** cross_entropy_loss_prob_target. */
    private static Tensor probabilities(Tensor input, Tensor target, Optional<Tensor> weight, Reduction reduction,
                                        double smoothing, int classDim, TorchVersion version, Bindings bindings,
                                        Bound b) {
        Dim classes = input.shape().dim(classDim);
        if (weight.isPresent()) {
            Shape w = weight.get().shape();
            if (!(w.rank() == 1 && bindings.compatible(w.dim(0), classes, "weight", "input"))) {
                throw new FrameworkException("RuntimeError", "cross_entropy: weight tensor should be defined either for all "
                        + classes + " classes or no classes but got weight tensor of shape: " + TorchText.sizes(w))
                        .at(b.span("weight"));
            }
        }
        Tensor logProbs = TorchOps.softmax(input, classDim, true, version);
        if (smoothing > 0.0 && smoothing > 1.0) {
            throw new FrameworkException("RuntimeError", "label_smoothing must be between 0.0 and 1.0. Got: "
                    + formatDouble(smoothing)).at(b.span("label_smoothing"));
        }
        DType out = TorchTypes.promote(logProbs.dtype(), target.dtype());
        if (weight.isPresent()) {
            out = TorchTypes.promote(out, weight.get().dtype());
        }
        Shape perSample = input.shape().without(classDim);
        Shape outShape = reduction == Reduction.NONE ? perSample : Shape.SCALAR;
        if (!logProbs.hasValues() || !target.hasValues() || !weight.map(Tensor::hasValues).orElse(true)) {
            return Tensor.shapeOnly(out, outShape);
        }
        long[] sizes = input.shape().sizes();
        int c = (int) sizes[classDim];
        int outer = classDim == 0 ? 1 : (int) sizes[0];
        int inner = 1;
        for (int i = classDim + 1; i < sizes.length; i++) {
            inner *= (int) sizes[i];
        }
        double[] x = logProbs.data();
        double[] t = target.data();
        double[] w = weight.map(Tensor::data).orElse(null);
        double[] losses = new double[outer * inner];
        double total = 0;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    int at = (o * c + k) * inner + j;
                    double tk = smoothing > 0 ? t[at] * (1 - smoothing) + smoothing / c : t[at];
                    sum += x[at] * tk * (w == null ? 1 : w[k]);
                }
                losses[o * inner + j] = -sum;
                total -= sum;
            }
        }
        return switch (reduction) {
            case NONE -> Tensor.of(out, outShape, losses);
            case SUM -> Tensor.scalar(out, total);
            case MEAN -> Tensor.scalar(out, losses.length == 0 ? Double.NaN : total / (outer * (double) inner));
        };
    }

    /** cross_entropy_loss_label_smoothing: (1 - eps) * nll + eps / C * smooth term. */
    private static Tensor smoothed(Tensor logProbs, Tensor target, Optional<Tensor> weight, Reduction reduction,
                                   long ignoreIndex, double smoothing, int classDim, Tensor nll) {
        if (!nll.hasValues() || !logProbs.hasValues() || !target.hasValues()) {
            return nll;
        }
        long[] sizes = logProbs.shape().sizes();
        int c = (int) sizes[classDim];
        int outer = classDim == 0 ? 1 : (int) sizes[0];
        int inner = 1;
        for (int i = classDim + 1; i < sizes.length; i++) {
            inner *= (int) sizes[i];
        }
        double[] x = logProbs.data();
        double[] t = target.data();
        double[] w = weight.map(Tensor::data).orElse(null);
        double[] smooth = new double[outer * inner];
        double smoothSum = 0;
        double weightSum = 0;
        long kept = 0;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                long label = (long) t[o * inner + j];
                if (label == ignoreIndex) {
                    continue;
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += x[(o * c + k) * inner + j] * (w == null ? 1 : w[k]);
                }
                smooth[o * inner + j] = -sum;
                smoothSum -= sum;
                kept++;
                if (w != null) {
                    weightSum += w[(int) label];
                }
            }
        }
        double[] base = nll.data();
        double scale = smoothing / c;
        return switch (reduction) {
            case NONE -> {
                double[] r = new double[smooth.length];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (1 - smoothing) * base[i] + smooth[i] * scale;
                }
                yield Tensor.of(nll.dtype(), nll.shape(), r);
            }
            case SUM -> Tensor.scalar(nll.dtype(), (1 - smoothing) * base[0] + smoothSum * scale);
            case MEAN -> {
                double denominator = w != null ? weightSum : kept;
                yield Tensor.scalar(nll.dtype(), (1 - smoothing) * base[0] + smoothSum / denominator * scale);
            }
        };
    }

    /** C++ prints doubles with up to 6 significant digits (1.5, 2, 0.1). */
    static String formatDouble(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
