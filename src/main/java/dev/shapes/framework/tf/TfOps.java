package dev.shapes.framework.tf;

import dev.shapes.eval.FrameworkException;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow's array and math ops over the tensor model: shape rules, the
 * kernels' texts ({@code core/kernels/*.cc}) and shape inference's texts
 * ({@code core/ops/*.cc}). Shared by {@code use tf} and by Keras on the TF backend.
 */
public final class TfOps {

    private TfOps() {}

    // ------------------------------------------------------------ elementwise

    /** The op name TF gives a Python operator. */
    public static String opName(Expr.BinaryOp op, DType dtype) {
        return switch (op) {
            case ADD -> "AddV2";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> dtype.isFloating() ? "RealDiv" : "TrueDiv";
            case FLOOR_DIV -> "FloorDiv";
            case MOD -> "FloorMod";
            case POW -> "Pow";
            case LT -> "Less";
            case GT -> "Greater";
            case LE -> "LessEqual";
            case GE -> "GreaterEqual";
            case EQ -> "Equal";
            case NE -> "NotEqual";
            case MATMUL -> "MatMul";
        };
    }

    /** Node names TF gives the ops by default (before uniquifying): {@code add}, {@code sub}, {@code mul}, ... */
    public static String defaultNodeName(String op) {
        return switch (op) {
            case "AddV2" -> "add";
            case "Sub" -> "sub";
            case "Mul" -> "mul";
            case "RealDiv", "TrueDiv" -> "truediv";
            case "FloorDiv" -> "floordiv";
            case "FloorMod" -> "mod";
            case "Pow" -> "pow";
            default -> op;
        };
    }

    /** The broadcast shape of two operands, with BCast's or shape inference's text when they do not broadcast. */
    public static Shape broadcast(String op, Shape a, Shape b, TfExec exec, boolean named) {
        int rank = Math.max(a.rank(), b.rank());
        Dim[] out = new Dim[rank];
        for (int k = 0; k < rank; k++) {
            int ia = a.rank() - rank + k;
            int ib = b.rank() - rank + k;
            Dim da = ia >= 0 ? exec.bindings().resolve(a.dim(ia)) : Dim.of(1);
            Dim db = ib >= 0 ? exec.bindings().resolve(b.dim(ib)) : Dim.of(1);
            Dim merged;
            if (da.is(1)) {
                merged = db;
            } else if (db.is(1)) {
                merged = da;
            } else if (da instanceof Dim.Unknown) {
                merged = db;
            } else if (db instanceof Dim.Unknown) {
                merged = da;
            } else if (exec.bindings().compatible(da, db, "", "")) {
                merged = exec.bindings().resolve(da);
            } else {
                throw exec.shapeError(op, "Incompatible shapes: " + TfText.kernel(a) + " vs. " + TfText.kernel(b),
                        "Dimensions must be equal, but are " + da + " and " + db, List.of(a, b), named);
            }
            out[k] = merged;
        }
        return new Shape(List.of(out));
    }

    /** Both operands of a binary op must have one dtype (TF never promotes). */
    public static void sameDType(String op, Tensor a, Tensor b, TfExec exec) {
        if (a.dtype() == b.dtype()) {
            return;
        }
        if (exec.phase() == TfExec.Phase.BUILD) {
            throw new FrameworkException("TypeError", "Input 'y' of '" + op + "' Op has type " + b.dtype().longName
                    + " that does not match type " + a.dtype().longName + " of argument 'x'.");
        }
        throw new FrameworkException("InvalidArgumentError", "cannot compute " + op
                + " as input #1(zero-based) was expected to be a " + TfText.opName(a.dtype())
                + " tensor but is a " + TfText.opName(b.dtype()) + " tensor [Op:" + op + "] name: ");
    }

    /** {@code a op b} for two tensors of one dtype. */
    public static Tensor arithmetic(Expr.BinaryOp op, Tensor a, Tensor b, TfExec exec) {
        String name = opName(op, a.dtype());
        sameDType(name, a, b, exec);
        Shape out = broadcast(name, a.shape(), b.shape(), exec, true);
        DType result = switch (op) {
            case LT, GT, LE, GE, EQ, NE -> DType.BOOL;
            case DIV -> a.dtype().isFloating() ? a.dtype() : DType.F64;
            default -> a.dtype();
        };
        boolean integral = !a.dtype().isFloating();
        if (integral && (op == Expr.BinaryOp.FLOOR_DIV || op == Expr.BinaryOp.MOD) && b.hasValues()) {
            for (double v : b.data()) {
                if (v == 0) {
                    throw exec.kernelError(name, "Integer division by zero", true);
                }
            }
        }
        return TensorMath.zip(a, b, out, result, (p, q) -> apply(op, p, q, integral));
    }

    static double apply(Expr.BinaryOp op, double p, double q, boolean integral) {
        return switch (op) {
            case ADD -> p + q;
            case SUB -> p - q;
            case MUL -> p * q;
            case DIV -> p / q;
            case FLOOR_DIV -> Math.floor(p / q);
            case MOD -> integral ? Math.floorMod((long) p, (long) q) : p - Math.floor(p / q) * q;
            case POW -> Math.pow(p, q);
            case LT -> p < q ? 1 : 0;
            case GT -> p > q ? 1 : 0;
            case LE -> p <= q ? 1 : 0;
            case GE -> p >= q ? 1 : 0;
            case EQ -> p == q ? 1 : 0;
            case NE -> p != q ? 1 : 0;
            case MATMUL -> throw new IllegalStateException("matmul is not elementwise");
        };
    }

    // ------------------------------------------------------------ shapes

    /** {@code tf.reshape}: one -1 is inferred; the element count must match (reshape_op.h). */
    public static Tensor reshape(Tensor x, List<Long> sizes, TfExec exec, boolean named) {
        int unknown = -1;
        long product = 1;
        for (int i = 0; i < sizes.size(); i++) {
            long s = sizes.get(i);
            if (s == -1) {
                if (unknown >= 0) {
                    throw exec.shapeError("Reshape", "Only one input size may be -1, not both " + unknown + " and " + i,
                            "Cannot infer multiple unknown dimensions in shape " + sizesText(sizes),
                            List.of(x.shape(), Shape.of(sizes.size())), named);
                }
                unknown = i;
            } else if (s < 0) {
                throw exec.shapeError("Reshape", "Size " + i + " must be non-negative, not " + s,
                        "Size " + i + " must be non-negative, not " + s, List.of(x.shape(), Shape.of(sizes.size())),
                        named);
            } else {
                product *= s;
            }
        }
        Dim numel = exec.bindings().resolve(x.shape().numelDim());
        List<Dim> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(Dim.of(s));
        }
        if (numel instanceof Dim.Known n) {
            if (unknown < 0 && n.size() != product) {
                throw reshapeError(x, sizes, n.size(), "the requested shape has " + product, product, exec, named);
            }
            if (unknown >= 0) {
                if (product == 0 || n.size() % product != 0) {
                    throw reshapeError(x, sizes, n.size(), "the requested shape requires a multiple of " + product,
                            product, exec, named);
                }
                dims.set(unknown, Dim.of(n.size() / product));
            }
        } else if (unknown >= 0) {
            Dim inferred = product == 0 ? Dim.UNKNOWN : numel.exactDivide(Dim.of(product)).orElse(Dim.UNKNOWN);
            dims.set(unknown, inferred);
        }
        return TensorMath.reshape(x, new Shape(dims));
    }

    private static FrameworkException reshapeError(Tensor x, List<Long> sizes, long numel, String kernelTail,
                                                   long product, TfExec exec, boolean named) {
        String target = sizesText(sizes).replace("-1", "?");
        String inference = "Cannot reshape a tensor with " + numel + " elements to shape " + target + " ("
                + (sizes.contains(-1L) ? "?" : Long.toString(product)) + " elements)";
        if (exec.building()) {
            FrameworkException base = TfErrors.inference(inference, exec.site() != null ? exec.site()
                    : new TfStyle.Site("Reshape", "Reshape", "T=DT_FLOAT, Tshape=DT_INT32", List.of()), exec.style(),
                    List.of(x.shape(), Shape.of(sizes.size())));
            String message = base.getMessage();
            message = message.substring(0, message.length() - 1) + " and with input tensors computed as partial shapes: "
                    + "input[1] = " + target + ".";
            return new FrameworkException("ValueError", message);
        }
        return exec.kernelError("Reshape", "Input to reshape is a tensor with " + numel + " values, but " + kernelTail,
                named);
    }

    private static String sizesText(List<Long> sizes) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < sizes.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(sizes.get(i));
        }
        return out.append(']').toString();
    }

    /** {@code tf.squeeze}: the given axes must have size 1; none given drops every size-1 axis. */
    public static Tensor squeeze(Tensor x, List<Long> axes, TfExec exec) {
        int rank = x.rank();
        List<Dim> dims = new ArrayList<>(x.shape().dims());
        boolean[] drop = new boolean[rank];
        if (axes.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                drop[i] = exec.bindings().resolve(dims.get(i)).is(1);
            }
        }
        for (long axis : axes) {
            if (axis < -rank || axis >= rank) {
                String text = "Tried to squeeze dim index " + axis + " for tensor with " + rank + " dimensions.";
                throw exec.shapeError("Squeeze", text, text, List.of(x.shape()), true);
            }
            int a = (int) (axis < 0 ? axis + rank : axis);
            Dim d = exec.bindings().resolve(dims.get(a));
            if (d instanceof Dim.Known k && k.size() != 1) {
                String text = "Can not squeeze dim[" + a + "], expected a dimension of 1, got " + k.size();
                throw exec.shapeError("Squeeze", text, text, List.of(x.shape()), true);
            }
            drop[a] = true;
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!drop[i]) {
                out.add(dims.get(i));
            }
        }
        return TensorMath.reshape(x, new Shape(out));
    }

    /** {@code tf.expand_dims}: axis in [-rank-1, rank]. */
    public static Tensor expandDims(Tensor x, long axis, TfExec exec) {
        int rank = x.rank();
        if (axis < -1 - rank || axis > rank) {
            String text = "Tried to expand dim index " + axis + " for tensor with " + rank + " dimensions.";
            throw exec.shapeError("ExpandDims", text, text, List.of(x.shape(), Shape.SCALAR), true);
        }
        int at = (int) (axis < 0 ? axis + rank + 1 : axis);
        return TensorMath.reshape(x, x.shape().inserting(at, Dim.of(1)));
    }

    /** A checked axis for reductions and argmax, in [-rank, rank). */
    public static int axis(long axis, int rank, String op, TfExec exec, Shape shape) {
        if (axis < -rank || axis >= rank) {
            String text = "Expected dimension in the range [" + (-rank) + ", " + rank + "), but got " + axis;
            throw exec.shapeError(op, text, text, List.of(shape, Shape.SCALAR), true);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** {@code tf.argmax(x, axis)}: int64 by default. */
    public static Tensor argmax(Tensor x, long axis, DType outType, boolean min, TfExec exec) {
        int a = axis(axis, x.rank(), min ? "ArgMin" : "ArgMax", exec, x.shape());
        return TensorMath.reduce(x, a, false, min ? Kernels.Reduction.ARGMIN : Kernels.Reduction.ARGMAX, outType);
    }

    /** {@code tf.reduce_sum/mean/max/min/prod} over the given axes (all when empty). */
    public static Tensor reduce(Tensor x, List<Long> axes, boolean keepdims, Kernels.Reduction kind, String op,
                                TfExec exec) {
        int rank = x.rank();
        if (axes.isEmpty()) {
            if (keepdims) {
                Tensor all = TensorMath.reduceAll(x, kind, x.dtype());
                List<Dim> ones = new ArrayList<>();
                for (int i = 0; i < rank; i++) {
                    ones.add(Dim.of(1));
                }
                return TensorMath.reshape(all, new Shape(ones));
            }
            return TensorMath.reduceAll(x, kind, x.dtype());
        }
        boolean[] reduced = new boolean[rank];
        for (long axis : axes) {
            if (axis < -rank || axis >= rank) {
                String text = "Invalid reduction dimension (" + axis + " for input with " + rank + " dimension(s)";
                String inference = "Invalid reduction dimension " + axis + " for input with " + rank + " dimensions.";
                throw exec.shapeError(op, text, inference, List.of(x.shape(), Shape.of(axes.size())), true);
            }
            reduced[(int) (axis < 0 ? axis + rank : axis)] = true;
        }
        Tensor out = x;
        for (int i = rank - 1; i >= 0; i--) {
            if (reduced[i]) {
                out = TensorMath.reduce(out, i, keepdims, kind, x.dtype());
            }
        }
        return out;
    }

    /** {@code tf.cast}. */
    public static Tensor cast(Tensor x, DType target) {
        if (!x.hasValues()) {
            return Tensor.shapeOnly(target, x.shape());
        }
        if (x.dtype().isFloating() && !target.isFloating() && target != DType.BOOL) {
            return TensorMath.map(x, target, v -> v < 0 ? Math.ceil(v) : Math.floor(v));
        }
        return x.cast(target);
    }

    /** {@code tf.one_hot}: out-of-range indices give a row of {@code off_value}, no error. */
    public static Tensor oneHot(Tensor indices, long depth, double on, double off, DType dtype) {
        Shape out = indices.shape().append(Dim.of(depth));
        if (!indices.hasValues() || !NumericBudget.allows(out)) {
            return Tensor.shapeOnly(dtype, out);
        }
        double[] idx = indices.data();
        double[] r = new double[(int) (idx.length * depth)];
        for (int i = 0; i < idx.length; i++) {
            for (int k = 0; k < depth; k++) {
                r[(int) (i * depth + k)] = (long) idx[i] == k ? on : off;
            }
        }
        return Tensor.of(dtype, out, r);
    }

    /** {@code tf.transpose(x, perm)}; no perm reverses the axes. */
    public static Tensor transpose(Tensor x, List<Long> perm, TfExec exec) {
        int rank = x.rank();
        int[] order = new int[rank];
        if (perm.isEmpty()) {
            for (int i = 0; i < rank; i++) {
                order[i] = rank - 1 - i;
            }
        } else {
            if (perm.size() != rank) {
                String text = "transpose expects a vector of size " + rank + ". But input(1) is a vector of size "
                        + perm.size();
                throw exec.shapeError("Transpose", text, "Dimension must be " + rank + " but is " + perm.size(),
                        List.of(x.shape(), Shape.of(perm.size())), true);
            }
            for (int i = 0; i < rank; i++) {
                order[i] = (int) (long) perm.get(i);
            }
        }
        List<Dim> dims = new ArrayList<>();
        for (int i : order) {
            dims.add(x.shape().dim(i));
        }
        Shape out = new Shape(dims);
        if (!x.hasValues() || !x.shape().isFullyKnown()) {
            return Tensor.shapeOnly(x.dtype(), out);
        }
        return Kernels.permute(x, order, out);
    }

    /** {@code tf.matmul(a, b)}: rank-2 MatMul, or BatchMatMulV2 for other ranks. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB, TfExec exec) {
        sameDType("MatMul", a, b, exec);
        if (transposeA) {
            a = swapLast(a);
        }
        if (transposeB) {
            b = swapLast(b);
        }
        boolean batch = a.rank() != 2 || b.rank() != 2;
        String op = batch ? "BatchMatMulV2" : "MatMul";
        if (a.rank() < 2 || b.rank() < 2) {
            int which = a.rank() < 2 ? 0 : 1;
            int rank = which == 0 ? a.rank() : b.rank();
            throw exec.shapeError(op, "In[" + which + "] ndims must be >= 2: " + rank,
                    "Shape must be at least rank 2 but is rank " + rank, List.of(a.shape(), b.shape()), true);
        }
        Dim k1 = exec.bindings().resolve(a.shape().dim(a.rank() - 1));
        Dim k2 = exec.bindings().resolve(b.shape().dim(b.rank() - 2));
        if (!exec.bindings().compatible(k1, k2, "", "")) {
            throw exec.shapeError(op, "Matrix size-incompatible: In[0]: " + TfText.kernel(a.shape()) + ", In[1]: "
                            + TfText.kernel(b.shape()), "Dimensions must be equal, but are " + k1 + " and " + k2,
                    List.of(a.shape(), b.shape()), true);
        }
        Shape batchA = a.shape().subShape(0, a.rank() - 2);
        Shape batchB = b.shape().subShape(0, b.rank() - 2);
        Shape batchOut;
        try {
            batchOut = broadcast(op, batchA, batchB, new TfExec(exec.bindings(), exec.style(), TfExec.Phase.EAGER, null),
                    true);
        } catch (FrameworkException e) {
            throw exec.shapeError(op, "In[0] and In[1] must have compatible batch dimensions: "
                    + TfText.kernel(a.shape()) + " vs. " + TfText.kernel(b.shape()),
                    "Dimensions must be equal, but are " + batchA + " and " + batchB, List.of(a.shape(), b.shape()),
                    true);
        }
        Shape out = batchOut.append(a.shape().dim(a.rank() - 2)).append(b.shape().dim(b.rank() - 1));
        if (!a.hasValues() || !b.hasValues() || !out.isFullyKnown() || !NumericBudget.allows(out)) {
            return Tensor.shapeOnly(a.dtype(), out);
        }
        return Kernels.matmul(a, b, out, a.dtype());
    }

    private static Tensor swapLast(Tensor x) {
        if (x.rank() < 2) {
            return x;
        }
        List<Long> perm = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            perm.add((long) i);
        }
        perm.set(x.rank() - 2, (long) x.rank() - 1);
        perm.set(x.rank() - 1, (long) x.rank() - 2);
        return transpose(x, perm, null);
    }

    /** {@code tf.concat(values, axis)} (ConcatV2). */
    public static Tensor concat(List<Tensor> parts, long axis, TfExec exec) {
        Tensor first = parts.get(0);
        int rank = first.rank();
        if (axis < -rank || axis >= rank) {
            String text = "ConcatOp : Expected concatenating dimensions in the range [" + (-rank) + ", " + rank
                    + "), but got " + axis;
            throw exec.shapeError("ConcatV2", text, text, shapes(parts), true);
        }
        int a = (int) (axis < 0 ? axis + rank : axis);
        Dim total = Dim.of(0);
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            if (t.rank() != rank) {
                throw exec.shapeError("ConcatV2", "ConcatOp : Ranks of all input tensors should match: shape[0] = "
                                + TfText.kernel(first.shape()) + " vs. shape[" + p + "] = " + TfText.kernel(t.shape()),
                        "Shape must be rank " + rank + " but is rank " + t.rank(), shapes(parts), true);
            }
            for (int d = 0; d < rank; d++) {
                if (d != a && !exec.bindings().compatible(first.shape().dim(d), t.shape().dim(d), "", "")) {
                    throw exec.shapeError("ConcatV2", "ConcatOp : Dimension " + d + " in both shapes must be equal: "
                                    + "shape[0] = " + TfText.kernel(first.shape()) + " vs. shape[" + p + "] = "
                                    + TfText.kernel(t.shape()),
                            "Dimension " + d + " in both shapes must be equal, but are " + first.shape().dim(d)
                                    + " and " + t.shape().dim(d) + ". Shapes are " + TfText.kernel(first.shape())
                                    + " and " + TfText.kernel(t.shape()) + ".", shapes(parts), true);
                }
            }
            if (t.dtype() != first.dtype()) {
                sameDType("ConcatV2", first, t, exec);
            }
            total = total.plus(t.shape().dim(a));
        }
        Shape out = first.shape().with(a, total);
        boolean values = parts.stream().allMatch(Tensor::hasValues) && out.isFullyKnown() && NumericBudget.allows(out);
        if (!values) {
            return Tensor.shapeOnly(first.dtype(), out);
        }
        return Kernels.concat(parts, a, out, first.dtype());
    }

    private static List<Shape> shapes(List<Tensor> parts) {
        return parts.stream().map(Tensor::shape).toList();
    }
}
