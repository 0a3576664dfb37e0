package dev.shapes.framework.tf;

import dev.shapes.eval.FrameworkException;
import dev.shapes.tensor.Bindings;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * The cross-entropy ops of {@code tf.nn}: their Python-level static checks
 * ({@code python/ops/nn_ops.py}, {@code nn_impl.py}) and their kernels
 * ({@code core/kernels/sparse_xent_op.cc}, {@code xent_op.cc}). Keras's TF
 * backend calls them too, so the texts reach Keras users unchanged.
 */
public final class TfNn {

    private TfNn() {}

    private static final String SPARSE_OP_DEF = "\n\t; NodeDef: {{node SparseSoftmaxCrossEntropyWithLogits}}; "
            + "Op<name=SparseSoftmaxCrossEntropyWithLogits; signature=features:T, labels:Tlabels -> loss:T, "
            + "backprop:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; "
            + "attr=Tlabels:type,default=DT_INT64,allowed=[DT_INT32, DT_INT64]> "
            + "[Op:SparseSoftmaxCrossEntropyWithLogits] name: ";

    /**
     * {@code tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)}:
     * labels {@code [d0..dn]} int32/int64 in [0, C), logits {@code [d0..dn, C]};
     * the result has the labels' shape.
     */
    public static Tensor sparseSoftmaxCrossEntropy(Tensor labels, Tensor logits, TfExec exec) {
        TfStyle style = exec.style();
        Bindings bindings = exec.bindings();
        // The Python-level checks ran when the graph was built; at sess.run only the kernel checks.
        boolean python = exec.phase() != TfExec.Phase.RUN;
        if (python && logits.rank() == 0) {
            throw new FrameworkException("ValueError", style.v1()
                    ? "Logits cannot be scalars - received shape " + style.tuple(logits.shape()) + "."
                    : "`logits` cannot be a scalar. Received logits=" + repr(logits) + "`");
        }
        if (python && labels.rank() != logits.rank() - 1) {
            throw new FrameworkException("ValueError", style.v1()
                    ? "Rank mismatch: Rank of labels (received " + labels.rank() + ") should equal rank of logits "
                    + "minus 1 (received " + logits.rank() + ")."
                    : "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape="
                    + style.tuple(labels.shape()) + " of rank " + labels.rank() + " and logits.shape="
                    + style.tuple(logits.shape()) + " of rank " + logits.rank());
        }
        Shape outer = logits.shape().subShape(0, logits.rank() - 1);
        boolean staticShapes = labels.shape().isFullyKnown() || allDecided(labels.shape(), bindings);
        staticShapes &= allDecided(outer, bindings) && python;
        for (int i = 0; i < labels.rank() && staticShapes; i++) {
            if (!bindings.sameOrUndecided(labels.shape().dim(i), outer.dim(i))) {
                throw new FrameworkException("ValueError", style.v1()
                        ? "Shape mismatch: The shape of labels (received " + style.tuple(labels.shape()) + ") should "
                        + "equal the shape of logits except for the last dimension (received "
                        + style.tuple(logits.shape()) + ")."
                        : "`labels.shape` must equal `logits.shape` except for the last dimension. Received: "
                        + "labels.shape=" + style.tuple(labels.shape()) + " and logits.shape="
                        + style.tuple(logits.shape()));
            }
        }
        checkAttr("T", logits.dtype(), List.of(DType.F16, DType.BF16, DType.F32, DType.F64),
                "half, bfloat16, float, double", "logits", exec);
        checkAttr("Tlabels", labels.dtype(), List.of(DType.I32, DType.I64), "int32, int64", "labels", exec);
        Dim classes = logits.shape().dim(logits.rank() - 1);
        if (logits.rank() == 2) {
            Dim a = bindings.resolve(logits.shape().dim(0));
            Dim b = bindings.resolve(labels.shape().dim(0));
            if (a instanceof Dim.Known && b instanceof Dim.Known && !a.equals(b)) {
                throw exec.kernelError("SparseSoftmaxCrossEntropyWithLogits", "logits and labels must have the same "
                        + "first dimension, got logits shape " + TfText.kernel(logits.shape()) + " and labels shape "
                        + TfText.kernel(labels.shape()), true);
            }
        }
        if (bindings.resolve(classes).is(0)) {
            throw exec.kernelError("SparseSoftmaxCrossEntropyWithLogits", "Must have at least one class, but got "
                    + "logits shape " + TfText.kernel(logits.shape()), true);
        }
        Dim resolvedClasses = bindings.resolve(classes);
        if (labels.hasValues() && resolvedClasses instanceof Dim.Known c) {
            checkLabelRange(labels, c.size(), exec);
        }
        Shape out = labels.shape();
        if (!labels.hasValues() || !logits.hasValues() || !logits.shape().isFullyKnown()) {
            return Tensor.shapeOnly(logits.dtype(), out);
        }
        Tensor logProbs = TensorMath.logSoftmax(logits);
        int c = (int) logits.shape().dim(logits.rank() - 1).known().getAsLong();
        double[] lp = logProbs.data();
        double[] lab = labels.data();
        double[] r = new double[lab.length];
        for (int i = 0; i < lab.length; i++) {
            r[i] = -lp[i * c + (int) lab[i]];
        }
        return Tensor.of(logits.dtype(), out, r);
    }

    /** The CPU kernel's label check (CheckInvalidLabelIndex): the minimum if negative, else the maximum. */
    static void checkLabelRange(Tensor labels, long classes, TfExec exec) {
        double[] v = labels.data();
        if (v.length == 0) {
            return;
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (min < 0 || max >= classes) {
            long bad = (long) (min < 0 ? min : max);
            StringBuilder values = new StringBuilder();
            for (double x : v) {
                if (values.length() > 0) {
                    values.append(' ');
                }
                values.append((long) x);
            }
            throw exec.kernelError("SparseSoftmaxCrossEntropyWithLogits", labelRangeText(bad, classes)
                    + "  Label values: " + values, true);
        }
    }

    /** The stable part of the label-range text. */
    public static String labelRangeText(long bad, long classes) {
        return "Received a label value of " + bad + " which is outside the valid range of [0, " + classes + ").";
    }

    private static void checkAttr(String attr, DType dtype, List<DType> allowed, String allowedText, String param,
                                  TfExec exec) {
        if (allowed.contains(dtype)) {
            return;
        }
        if (exec.phase() == TfExec.Phase.BUILD) {
            throw new FrameworkException("TypeError", "Value passed to parameter '" + param + "' has DataType "
                    + dtype.longName + " not in list of allowed values: " + allowedText.replace("half", "float16")
                    .replace(", float,", ", float32,").replace("double", "float64"));
        }
        throw new FrameworkException("InvalidArgumentError", "Value for attr '" + attr + "' of "
                + TfText.opName(dtype) + " is not in the list of allowed values: " + allowedText + SPARSE_OP_DEF);
    }

    private static boolean allDecided(Shape shape, Bindings bindings) {
        for (Dim d : shape.dims()) {
            if (bindings.resolve(d) instanceof Dim.Unknown) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code tf.nn.softmax_cross_entropy_with_logits(labels, logits)}: labels
     * are cast to the logits' dtype, both flattened to 2-D, broadcast by the
     * kernel, and the cost reshaped to the logits' shape without its last axis.
     */
    public static Tensor softmaxCrossEntropy(Tensor labels, Tensor logits, TfExec exec) {
        Tensor labels32 = TfOps.cast(labels, logits.dtype());
        Shape logits2d = flattenOuter(logits.shape());
        Shape labels2d = flattenOuter(labels.shape());
        Shape cost;
        try {
            cost = TfOps.broadcast("SoftmaxCrossEntropyWithLogits", logits2d, labels2d,
                    new TfExec(exec.bindings(), exec.style(), TfExec.Phase.EAGER, null), true);
        } catch (FrameworkException e) {
            throw exec.shapeError("SoftmaxCrossEntropyWithLogits", "logits and labels must be broadcastable: "
                            + "logits_size=" + TfText.kernel(logits2d) + " labels_size=" + TfText.kernel(labels2d),
                    "Dimensions must be equal, but are " + mismatch(logits2d, labels2d, exec.bindings()),
                    List.of(logits2d, labels2d), true);
        }
        Shape perRow = Shape.of(cost.dim(0));
        Shape out = logits.shape().subShape(0, Math.max(0, logits.rank() - 1));
        Dim rows = exec.bindings().resolve(cost.dim(0));
        Dim wanted = exec.bindings().resolve(out.numelDim());
        if (rows instanceof Dim.Known r && wanted instanceof Dim.Known w && r.size() != w.size()) {
            throw exec.kernelError("Reshape", "Input to reshape is a tensor with " + r.size()
                    + " values, but the requested shape has " + w.size(), true);
        }
        if (!labels32.hasValues() || !logits.hasValues() || !cost.isFullyKnown()) {
            return Tensor.shapeOnly(logits.dtype(), out);
        }
        Tensor lp = TensorMath.logSoftmax(logits.withShape(logits2d));
        Tensor products = TensorMath.zip(lp, labels32.withShape(labels2d), cost, logits.dtype(), (a, b) -> -a * b);
        Tensor sums = TensorMath.reduce(products, 1, false, dev.shapes.tensor.Kernels.Reduction.SUM, logits.dtype());
        return sums.withShape(out.isFullyKnown() ? out : perRow);
    }

    private static String mismatch(Shape a, Shape b, Bindings bindings) {
        for (int i = 0; i < 2; i++) {
            Dim x = bindings.resolve(a.dim(i));
            Dim y = bindings.resolve(b.dim(i));
            if (x instanceof Dim.Known && y instanceof Dim.Known && !x.equals(y) && !x.is(1) && !y.is(1)) {
                return x + " and " + y;
            }
        }
        return a + " and " + b;
    }

    /** {@code _flatten_outer_dims}: {@code [d0, ..., C]} to {@code [d0*...*, C]}; a vector becomes {@code [1, n]}. */
    static Shape flattenOuter(Shape s) {
        if (s.rank() == 0) {
            return Shape.of(1, 1);
        }
        Dim outer = Dim.of(1);
        for (int i = 0; i < s.rank() - 1; i++) {
            outer = outer.times(s.dim(i));
        }
        return Shape.of(outer, s.dim(s.rank() - 1));
    }

    /**
     * {@code tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)}: shapes
     * must be compatible; the result has the logits' shape.
     */
    public static Tensor sigmoidCrossEntropy(Tensor labels, Tensor logits, TfExec exec) {
        TfStyle style = exec.style();
        boolean compatible = labels.rank() == logits.rank() || exec.phase() == TfExec.Phase.RUN;
        for (int i = 0; compatible && i < labels.rank() && exec.phase() != TfExec.Phase.RUN; i++) {
            compatible = exec.bindings().sameOrUndecided(labels.shape().dim(i), logits.shape().dim(i));
        }
        if (!compatible) {
            throw new FrameworkException("ValueError", style.v1()
                    ? "logits and labels must have the same shape (" + style.tuple(logits.shape()) + " vs "
                    + style.tuple(labels.shape()) + ")"
                    : "`logits` and `labels` must have the same shape, received (" + style.tuple(logits.shape())
                    + " vs " + style.tuple(labels.shape()) + ").");
        }
        if (labels.dtype() != logits.dtype()) {
            if (exec.phase() == TfExec.Phase.BUILD) {
                throw new FrameworkException("TypeError", "Input 'y' of 'Mul' Op has type " + labels.dtype().longName
                        + " that does not match type " + logits.dtype().longName + " of argument 'x'.");
            }
            throw new FrameworkException("InvalidArgumentError", "cannot compute Mul as input #1(zero-based) was "
                    + "expected to be a " + TfText.opName(logits.dtype()) + " tensor but is a "
                    + TfText.opName(labels.dtype()) + " tensor [Op:Mul] name: ");
        }
        return TensorMath.zip(logits, labels, logits.shape(), logits.dtype(),
                (x, z) -> Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x))));
    }

    /** A short Python repr of a tensor for messages: {@code tf.Tensor(1.5, shape=(), dtype=float32)}. */
    static String repr(Tensor t) {
        String value = t.hasValues() && t.rank() == 0 ? dev.shapes.eval.Python.formatFloat(t.item()) : "...";
        return "tf.Tensor(" + value + ", shape=" + TfText.tuple(t.shape()) + ", dtype=" + t.dtype().longName + ")";
    }
}
