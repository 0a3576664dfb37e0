package dev.shapes.framework.jax;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.NotationException;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * optax's losses as optax 0.2.8 computes them ({@code optax/losses/_classification.py},
 * {@code optax/losses/_regression.py}): dtype checks first, then the jnp
 * operations whose shape errors the user sees.
 */
final class Optax {

    private Optax() {}

    static final String DOCS = "https://optax.readthedocs.io/en/latest/api/losses.html";

    static Module module(JaxProfile profile) {
        Module optax = new Module("optax");
        Module losses = new Module("optax.losses");
        register(optax, profile);
        register(losses, profile);
        optax.put("losses", losses);
        return optax;
    }

    private static void register(Module m, JaxProfile p) {
        m.function("softmax_cross_entropy_with_integer_labels", (args, ctx) -> {
            Bound b = Signature.of("softmax_cross_entropy_with_integer_labels", "logits", "labels", "axis", "where")
                    .def("axis", -1).noneDefaults("where").bind(args);
            return p.wrap(integerLabels(b, ctx));
        }, "optax.softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1, where=None)\n"
                + "logits: float [..., C] (unnormalised scores); labels: integer [...] class indices in [0, C).\n"
                + "Returns one loss per example, shape [...]. Out-of-range labels give NaN (no error); negative "
                + "labels wrap around.\n" + DOCS);
        m.function("softmax_cross_entropy", (args, ctx) -> {
            Bound b = Signature.of("softmax_cross_entropy", "logits", "labels", "axis", "where")
                    .def("axis", -1).noneDefaults("where").bind(args);
            return p.wrap(softmaxCrossEntropy(b, ctx));
        }, "optax.softmax_cross_entropy(logits, labels, axis=-1, where=None)\n"
                + "logits: float [..., C]; labels: one-hot or probabilities broadcastable to [..., C].\n"
                + "Returns shape [...]. Labels are multiplied by log_softmax(logits), so any broadcastable shape "
                + "(even integer class indices when N == C) is accepted silently.\n" + DOCS);
        m.function("sigmoid_binary_cross_entropy", (args, ctx) -> {
            Bound b = Signature.of("sigmoid_binary_cross_entropy", "logits", "labels").bind(args);
            return p.wrap(sigmoidBce(b, ctx));
        }, "optax.sigmoid_binary_cross_entropy(logits, labels)\n"
                + "logits: float [...]; labels: 0/1 or probabilities, broadcast against logits (a column [N, 1] "
                + "against a vector [N] gives [N, N]).\nReturns the elementwise loss.\n" + DOCS);
        m.function("squared_error", (args, ctx) -> {
            Bound b = Signature.of("squared_error", "predictions", "targets").noneDefaults("targets").bind(args);
            return p.wrap(squaredError(b, 1.0, ctx));
        }, "optax.squared_error(predictions, targets=None)\npredictions: float [...]; targets: exactly the same "
                + "shape (checked).\nReturns (predictions - targets) ** 2 elementwise.\n" + DOCS);
        m.function("l2_loss", (args, ctx) -> {
            Bound b = Signature.of("l2_loss", "predictions", "targets").noneDefaults("targets").bind(args);
            return p.wrap(squaredError(b, 0.5, ctx));
        }, "optax.l2_loss(predictions, targets=None)\npredictions: float [...]; targets: exactly the same shape "
                + "(checked).\nReturns 0.5 * (predictions - targets) ** 2 elementwise.\n" + DOCS);
        m.function("huber_loss", (args, ctx) -> {
            Bound b = Signature.of("huber_loss", "predictions", "targets", "*", "delta").noneDefaults("targets")
                    .def("delta", 1.0).bind(args);
            return p.wrap(huber(b, ctx));
        }, "optax.huber_loss(predictions, targets=None, *, delta=1.0)\npredictions: float [...]; targets: "
                + "broadcast against predictions (not checked: [N, 1] with [N] gives [N, N]).\n"
                + "Returns the elementwise Huber loss.\n" + DOCS);
    }

    // ------------------------------------------------------------ checks

    /** optax's {@code utils.check_subdtype}. */
    private static void checkSubdtype(Tensor t, boolean floating) {
        boolean ok = floating ? t.dtype().isFloating() : t.dtype().isIntegral();
        if (!ok) {
            throw new FrameworkException("TypeError", "Expected the input to have a dtype that is a subdtype of "
                    + "<class 'numpy." + (floating ? "floating" : "integer") + "'>, got "
                    + JaxText.dtype(t.dtype()) + " instead");
        }
    }

    private static Tensor tensor(Bound b, String param) {
        return JaxArrays.array(b.get(param), b.function());
    }

    // ------------------------------------------------------------ classification

    private static Tensor integerLabels(Bound b, CallContext ctx) {
        String fn = "optax.softmax_cross_entropy_with_integer_labels";
        Tensor logits = tensor(b, "logits");
        Tensor labels = tensor(b, "labels");
        checkSubdtype(logits, true);
        checkSubdtype(labels, false);
        Value axisArg = b.get("axis");
        if (!(axisArg instanceof Value.IntValue)) {
            throw new NotationException("NotImplementedError", fn + " with axis=" + dev.shapes.eval.Python.repr(axisArg)
                    + " (a tuple of axes) is not modelled; pass one int", b.span("axis"));
        }
        Tensor where = b.isNone("where") ? null : tensor(b, "where");
        if (where != null && where.rank() != logits.rank()) {
            where = JaxArrays.expandDims(where, axisArg);
        }
        int axis = JaxArrays.canonicalAxis(((Value.IntValue) axisArg).value(), logits.rank());
        Value canonical = new Value.IntValue(axis);
        Tensor expanded = JaxArrays.expandDims(labels, canonical);
        JaxArrays.Gathered g = JaxArrays.takeAlongAxis(logits, expanded, canonical, ctx.bindings());
        Tensor labelLogits = dropAxis(g.tensor(), axis);
        Tensor lse = where == null ? JaxArrays.logsumexp(logits, canonical, false)
                : maskedLogsumexp(logits, where, axis, ctx);
        Tensor out = JaxArrays.binary(Expr.BinaryOp.SUB, new JaxArrays.Operand(lse, false),
                new JaxArrays.Operand(labelLogits, false), ctx);
        if (where != null) {
            Tensor any = JaxArrays.reduce(JaxArrays.Reduction.ANY, where, canonical, false);
            out = select(any, out, ctx);
        }
        notesForIntegerLabels(fn, logits, labels, axis, g, out, ctx);
        return out;
    }

    private static void notesForIntegerLabels(String fn, Tensor logits, Tensor labels, int axis,
                                              JaxArrays.Gathered g, Tensor out, CallContext ctx) {
        Dim classes = logits.shape().dim(axis);
        if (g.outOfRange() > 0) {
            JaxNotes.nanLabels(ctx, fn, g.outOfRange(), classes.known().orElse(-1),
                    "You most likely meant labels in [0, " + classes + "): check the label encoding and the class "
                            + "count of the model's last layer.");
        }
        if (g.negatives() > 0 && labels.hasValues()) {
            int wrapped = 0;
            long c = classes.known().orElse(0);
            for (double v : labels.data()) {
                if (v < 0 && v >= -c) {
                    wrapped++;
                }
            }
            if (wrapped > 0) {
                JaxNotes.negativeLabels(ctx, fn, wrapped, c);
            }
        }
        if (axis != logits.rank() - 1) {
            JaxNotes.classAxis(ctx, fn, axis, ctx.bindings().resolve(logits.shape()));
        }
        Shape batch = logits.shape().without(axis);
        Shape labelShape = labels.shape();
        if (labelShape.rank() == batch.rank() && Broadcast.grewBeyondBoth(batch, labelShape, out.shape())) {
            JaxNotes.broadcastLoss(ctx, fn, "the logits' batch axes", batch, "labels", labelShape, out.shape(),
                    "You most likely meant one label per row of logits.");
        } else if (labelShape.rank() == batch.rank() && !ctx.bindings().resolve(labelShape)
                .equals(ctx.bindings().resolve(batch))) {
            for (int i = 0; i < batch.rank(); i++) {
                Dim lb = ctx.bindings().resolve(labelShape.dim(i));
                Dim bb = ctx.bindings().resolve(batch.dim(i));
                if (lb.is(1) && !bb.is(1)) {
                    JaxNotes.broadcastBatch(ctx, fn, "labels " + JaxText.tuple(labelShape) + " hold one label but "
                            + "logits " + JaxText.tuple(logits.shape()) + " have " + bb + " rows: JAX broadcast the "
                            + "single label over every row instead of raising. You most likely meant one label per "
                            + "row, labels of shape " + JaxText.tuple(batch) + ".");
                    return;
                }
                if (bb.is(1) && !lb.is(1)) {
                    JaxNotes.broadcastBatch(ctx, fn, "logits " + JaxText.tuple(logits.shape()) + " hold one row "
                            + "but labels " + JaxText.tuple(labelShape) + " have " + lb + " entries: JAX scored the "
                            + "same row of logits against every label instead of raising. You most likely meant "
                            + "logits with one row per label.");
                    return;
                }
            }
        }
    }

    /** {@code logsumexp} over the elements where the mask is true (a row with none gives -inf). */
    private static Tensor maskedLogsumexp(Tensor logits, Tensor where, int axis, CallContext ctx) {
        Shape full = JaxArrays.broadcastShapes(List.of(where.shape(), logits.shape()), ctx.bindings());
        Shape out = full.without(axis);
        if (!logits.hasValues() || !where.hasValues() || !full.isFullyKnown()) {
            return Tensor.shapeOnly(logits.dtype(), out);
        }
        Tensor x = Kernels.expand(logits.cast(DType.F64), full);
        Tensor m = Kernels.expand(where.cast(DType.F64), full);
        Tensor masked = Kernels.binary(x, m, full, DType.F64, (v, keep) -> keep != 0 ? v : Double.NEGATIVE_INFINITY);
        Tensor lse = JaxArrays.logsumexp(masked, new Value.IntValue(axis), false);
        return lse.cast(logits.dtype());
    }

    /** {@code jnp.where(mask, x, 0.0)}. */
    private static Tensor select(Tensor mask, Tensor x, CallContext ctx) {
        Shape out = JaxArrays.broadcastShapes(List.of(mask.shape(), x.shape()), ctx.bindings());
        if (!mask.hasValues() || !x.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(x.dtype(), out);
        }
        return Kernels.binary(mask.cast(DType.F64), x.cast(DType.F64), out, DType.F64, (k, v) -> k != 0 ? v : 0)
                .cast(x.dtype());
    }

    private static Tensor dropAxis(Tensor t, int axis) {
        Shape s = t.shape().without(axis);
        return t.hasValues() ? t.withShape(s) : Tensor.shapeOnly(t.dtype(), s);
    }

    private static Tensor softmaxCrossEntropy(Bound b, CallContext ctx) {
        String fn = "optax.softmax_cross_entropy";
        Tensor logits = tensor(b, "logits");
        Value labelsArg = b.get("labels");
        checkSubdtype(logits, true);
        Value axisArg = b.get("axis");
        if (!(axisArg instanceof Value.IntValue)) {
            throw new NotationException("NotImplementedError", fn + " with axis=" + dev.shapes.eval.Python.repr(axisArg)
                    + " is not modelled; pass one int", b.span("axis"));
        }
        Tensor where = b.isNone("where") ? null : tensor(b, "where");
        if (where != null && where.rank() != logits.rank()) {
            where = JaxArrays.expandDims(where, axisArg);
        }
        Tensor logProbs = JaxArrays.logSoftmax(logits, axisArg, true);
        JaxArrays.Operand labels = JaxArrays.operand(labelsArg, "multiply", 0);
        Tensor product = JaxArrays.binary(Expr.BinaryOp.MUL, labels, new JaxArrays.Operand(logProbs, false), ctx);
        if (where != null) {
            product = select(where, product, ctx);
        }
        Tensor sum = JaxArrays.reduce(JaxArrays.Reduction.SUM, product, axisArg, false);
        Tensor out = JaxArrays.negate(sum);
        notesForSoftmaxCrossEntropy(fn, logits, labels.tensor(), (int) ((Value.IntValue) axisArg).value(), ctx);
        return out;
    }

    private static void notesForSoftmaxCrossEntropy(String fn, Tensor logits, Tensor labels, int axisArg,
                                                    CallContext ctx) {
        Shape lg = ctx.bindings().resolve(logits.shape());
        Shape lb = ctx.bindings().resolve(labels.shape());
        if (!lb.equals(lg)) {
            if (labels.rank() == logits.rank() - 1 && !labels.dtype().isFloating()) {
                JaxNotes.broadcastBatch(ctx, fn, "labels " + JaxText.tuple(lb) + " are integer class indices, "
                        + "but softmax_cross_entropy expects one-hot or probability labels of shape "
                        + JaxText.tuple(lg) + "; JAX multiplied them into log_softmax(logits) by broadcasting "
                        + "(possible here because the sizes happen to line up) and returned a meaningless loss. "
                        + "You most likely meant optax.softmax_cross_entropy_with_integer_labels(logits, labels), "
                        + "or jax.nn.one_hot(labels, " + lg.dim(lg.rank() - 1) + ") as labels.");
            } else if (labels.rank() == logits.rank()) {
                int axis = axisArg < 0 ? axisArg + logits.rank() : axisArg;
                for (int i = 0; i < lb.rank(); i++) {
                    if (lb.dim(i).is(1) && !lg.dim(i).is(1)) {
                        String what = i == axis
                                ? "labels " + JaxText.tuple(lb) + " have one column but logits "
                                + JaxText.tuple(lg) + " have " + lg.dim(i) + " classes: JAX broadcast that column "
                                + "over every class, so each example's loss is its label times the sum of all "
                                + "log-probabilities. You most likely meant one-hot labels: "
                                + "jax.nn.one_hot(labels.squeeze(-1), " + lg.dim(i) + ")."
                                : "labels " + JaxText.tuple(lb) + " hold one row but logits " + JaxText.tuple(lg)
                                + " have " + lg.dim(i) + ": JAX used the same label row for every example. You "
                                + "most likely meant one label row per example.";
                        JaxNotes.broadcastBatch(ctx, fn, what);
                        break;
                    }
                }
            }
        } else if (looksLikeLabels(logits, logits.rank() - 1) && !looksLikeLabels(labels, labels.rank() - 1)) {
            JaxNotes.swapped(ctx, fn);
        }
    }

    /** Every row along the last axis is non-negative and sums to 1 (one-hot or a distribution). */
    private static boolean looksLikeLabels(Tensor t, int axis) {
        if (!t.hasValues() || t.rank() == 0 || axis != t.rank() - 1) {
            return false;
        }
        long n = t.shape().dim(axis).known().orElse(0);
        if (n <= 1) {
            return false;
        }
        double[] v = t.data();
        for (int row = 0; row < v.length / n; row++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double x = v[(int) (row * n + j)];
                if (x < 0 || x > 1) {
                    return false;
                }
                sum += x;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    private static Tensor sigmoidBce(Bound b, CallContext ctx) {
        String fn = "optax.sigmoid_binary_cross_entropy";
        Tensor logits = tensor(b, "logits");
        checkSubdtype(logits, true);
        Tensor labels = JaxArrays.array(b.get("labels"), "astype").cast(logits.dtype());
        Shape out = JaxArrays.broadcast("mul", labels.shape(), logits.shape(), ctx.bindings());
        Shape lg = ctx.bindings().resolve(logits.shape());
        Shape lb = ctx.bindings().resolve(labels.shape());
        if (Broadcast.grewBeyondBoth(lg, lb, ctx.bindings().resolve(out))) {
            JaxNotes.broadcastLoss(ctx, fn, "logits", lg, "labels", lb, ctx.bindings().resolve(out),
                    "You most likely meant matching shapes: " + (lg.rank() > lb.rank()
                            ? "labels[:, None] (or logits.squeeze(-1))." : "logits[:, None] (or labels.squeeze(-1)).")
            );
        } else if (!lg.equals(lb) && lg.rank() == lb.rank()) {
            for (int i = 0; i < lg.rank(); i++) {
                if (lg.dim(i).is(1) && !lb.dim(i).is(1)) {
                    JaxNotes.broadcastBatch(ctx, fn, "logits " + JaxText.tuple(lg) + " have size 1 on axis " + i
                            + " where labels " + JaxText.tuple(lb) + " have " + lb.dim(i) + ": JAX reused the same "
                            + "logit for all of them. For " + lb.dim(i) + " independent binary labels per example the "
                            + "model needs " + lb.dim(i) + " outputs.");
                    break;
                }
            }
        }
        DType outType = logits.dtype();
        if (!logits.hasValues() || !labels.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(outType, out);
        }
        Tensor r = Kernels.binary(labels.cast(DType.F64), logits.cast(DType.F64), out, DType.F64,
                (y, x) -> -y * JaxArrays.logSigmoid(x) - (1.0 - y) * JaxArrays.logSigmoid(-x));
        return r.cast(outType);
    }

    // ------------------------------------------------------------ regression

    private static Tensor squaredError(Bound b, double scale, CallContext ctx) {
        Tensor predictions = tensor(b, "predictions");
        checkSubdtype(predictions, true);
        if (b.isNone("targets")) {
            return predictions.hasValues()
                    ? Kernels.map(predictions.cast(DType.F64), DType.F64, v -> scale * v * v).cast(predictions.dtype())
                    : predictions.withoutValues();
        }
        Tensor targets = tensor(b, "targets");
        Shape p = ctx.bindings().resolve(predictions.shape());
        Shape t = ctx.bindings().resolve(targets.shape());
        boolean equal = p.rank() == t.rank();
        for (int i = 0; equal && i < p.rank(); i++) {
            equal = ctx.bindings().unify(p.dim(i), t.dim(i), "predictions", "targets")
                    != dev.shapes.tensor.Bindings.Verdict.DIFFERENT;
        }
        if (!equal) {
            throw new FrameworkException("ValueError", "Shape mismatch: got " + JaxText.tuple(p) + " and "
                    + JaxText.tuple(t) + ".");
        }
        Tensor diff = JaxArrays.binary(Expr.BinaryOp.SUB, new JaxArrays.Operand(predictions, false),
                new JaxArrays.Operand(targets, false), ctx);
        if (!diff.hasValues()) {
            return diff;
        }
        return Kernels.map(diff.cast(DType.F64), DType.F64, v -> scale * v * v).cast(diff.dtype());
    }

    private static Tensor huber(Bound b, CallContext ctx) {
        String fn = "optax.huber_loss";
        Tensor predictions = tensor(b, "predictions");
        checkSubdtype(predictions, true);
        double delta = b.number("delta");
        Tensor errors = predictions;
        if (!b.isNone("targets")) {
            Tensor targets = tensor(b, "targets");
            errors = JaxArrays.binary(Expr.BinaryOp.SUB, new JaxArrays.Operand(predictions, false),
                    new JaxArrays.Operand(targets, false), ctx);
            Shape p = ctx.bindings().resolve(predictions.shape());
            Shape t = ctx.bindings().resolve(targets.shape());
            Shape r = ctx.bindings().resolve(errors.shape());
            if (Broadcast.grewBeyondBoth(p, t, r)) {
                JaxNotes.broadcastLoss(ctx, fn, "predictions", p, "targets", t, r,
                        "You most likely meant matching shapes: " + (p.rank() > t.rank()
                                ? "targets[:, None] (or predictions.squeeze(-1))."
                                : "predictions[:, None] (or targets.squeeze(-1))."));
            }
        }
        if (!errors.hasValues()) {
            return errors.withoutValues();
        }
        return Kernels.map(errors.cast(DType.F64), DType.F64, v -> {
            double abs = Math.abs(v);
            double quadratic = Math.min(abs, delta);
            return 0.5 * quadratic * quadratic + delta * (abs - quadratic);
        }).cast(errors.dtype());
    }
}
