package dev.shapes.framework.torch;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Value;
import dev.shapes.framework.SilentBroadcast;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Broadcast;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Kernels;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * PyTorch's tensor operations over the tensor model: the shape rules, the
 * dtype rules and the exact error texts, shared by the {@code torch.*}
 * functions, the tensor methods and the losses.
 */
public final class TorchOps {

    private TorchOps() {}

    // ------------------------------------------------------------ dims

    /** Wraps a possibly negative dim, with PyTorch's IndexError when out of range. */
    public static int dim(long d, int rank) {
        int r = Math.max(rank, 1);
        if (d < -r || d >= r) {
            throw new FrameworkException("IndexError", "Dimension out of range (expected to be in range of ["
                    + (-r) + ", " + (r - 1) + "], but got " + d + ")");
        }
        return (int) (d < 0 ? d + r : d);
    }

    public static Tensor tensorOf(Value v) {
        return ((Value.TensorValue) v).tensor();
    }

    // ------------------------------------------------------------ elementwise

    /** {@code a op b} for tensors and Python numbers, with broadcasting and promotion. */
    public static Tensor binary(Expr.BinaryOp op, Value a, Value b, CallContext ctx) {
        TorchTypes.Operand oa = TorchTypes.operand(a);
        TorchTypes.Operand ob = TorchTypes.operand(b);
        if (oa == null || ob == null) {
            throw Python.unsupported(op, a, b);
        }
        Tensor x = asTensor(a, oa.dtype());
        Tensor y = asTensor(b, ob.dtype());
        DType common = TorchTypes.resultType(List.of(oa, ob));
        if (op == Expr.BinaryOp.SUB && (oa.dtype() == DType.BOOL || ob.dtype() == DType.BOOL)) {
            boolean twoTensors = oa.dtype() == DType.BOOL && ob.dtype() == DType.BOOL
                    && oa.rank() != TorchTypes.Rank.WRAPPED && ob.rank() != TorchTypes.Rank.WRAPPED;
            throw new FrameworkException("RuntimeError", twoTensors
                    ? "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                    + "`logical_xor()` operator instead."
                    : "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
                    + "invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        Shape out = broadcast(x.shape(), y.shape(), ctx);
        if (x.rank() > 0 && y.rank() > 0) {
            SilentBroadcast.checkArithmetic(ctx, op.symbol, x.shape(), y.shape(), out);
        }
        DType result = switch (op) {
            case LT, GT, LE, GE, EQ, NE -> DType.BOOL;
            case DIV -> common.isFloating() ? common : DType.F32;
            default -> common;
        };
        if (!x.hasValues() || !y.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(result, out);
        }
        boolean integral = !common.isFloating();
        if (integral && (op == Expr.BinaryOp.FLOOR_DIV || op == Expr.BinaryOp.MOD)) {
            for (double v : y.data()) {
                if (v == 0) {
                    throw new FrameworkException("RuntimeError", "ZeroDivisionError");
                }
            }
        }
        if (integral && op == Expr.BinaryOp.POW) {
            for (double v : y.data()) {
                if (v < 0) {
                    throw new FrameworkException("RuntimeError", "Integers to negative integer powers are not allowed.");
                }
            }
        }
        DType compute = common;
        return Kernels.binary(x.cast(compute), y.cast(compute), out, result, (p, q) -> apply(op, p, q, integral));
    }

    private static double apply(Expr.BinaryOp op, double p, double q, boolean integral) {
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

    /** A Python number as a 0-d tensor of the given dtype; tensors as they are. */
    public static Tensor asTensor(Value v, DType dtype) {
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        return Tensor.scalar(dtype, Python.toDouble(v));
    }

    /** Broadcast shapes, with TensorIterator's text when they do not. */
    public static Shape broadcast(Shape a, Shape b, CallContext ctx) {
        Broadcast.Result r = Broadcast.shapes(a, b, ctx.bindings());
        if (r.ok()) {
            return r.shape().get();
        }
        Broadcast.Mismatch m = r.mismatch().get();
        throw new FrameworkException("RuntimeError", "The size of tensor a (" + m.sizeA()
                + ") must match the size of tensor b (" + m.sizeB() + ") at non-singleton dimension " + m.resultAxis())
                .operand("a", "", a, List.of(m.axisA()))
                .operand("b", "", b, List.of(m.axisB()));
    }

    /** A float-valued elementwise function (exp, log, sigmoid, ...): integers promote to the default float. */
    public static Tensor floatUnary(Tensor x, java.util.function.DoubleUnaryOperator f) {
        DType out = x.dtype().isFloating() ? x.dtype() : DType.F32;
        if (!x.hasValues()) {
            return Tensor.shapeOnly(out, x.shape());
        }
        return Kernels.map(x, out, f);
    }

    public static Tensor negate(Tensor x) {
        if (x.dtype() == DType.BOOL) {
            throw new FrameworkException("RuntimeError", "Negation, the `-` operator, on a bool tensor is not supported. "
                    + "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        return x.hasValues() ? Kernels.map(x, x.dtype(), v -> -v) : x.withoutValues();
    }

    public static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    // ------------------------------------------------------------ shape ops

    /** Sizes given as ints, a tuple/list, or a torch.Size. */
    public static List<Long> sizeArguments(List<Value> args, String function) {
        List<Long> sizes = new ArrayList<>();
        if (args.size() == 1) {
            List<Value> items = Python.sequenceItems(args.get(0));
            if (items != null) {
                args = items;
            }
        }
        for (Value v : args) {
            if (v instanceof Value.IntValue i) {
                sizes.add(i.value());
            } else if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()
                    && !t.tensor().dtype().isFloating()) {
                sizes.add((long) t.tensor().item());
            } else {
                throw new FrameworkException("TypeError", function + "(): argument 'size' (position 1) must be "
                        + "tuple of ints, but found element of type " + v.typeName() + " at pos 0");
            }
        }
        return sizes;
    }

    public static Tensor reshape(Tensor x, List<Long> sizes) {
        return reshape(x, sizes, false);
    }

    /**
     * {@code view}/{@code reshape}: one -1 is inferred; the element count must match.
     * A view of a non-contiguous tensor must be expressible with strides
     * (PyTorch's computeStride); reshape copies instead.
     */
    public static Tensor reshape(Tensor x, List<Long> sizes, boolean view) {
        int inferred = -1;
        Dim product = Dim.of(1);
        for (int i = 0; i < sizes.size(); i++) {
            long s = sizes.get(i);
            if (s == -1) {
                if (inferred >= 0) {
                    throw new FrameworkException("RuntimeError", "only one dimension can be inferred");
                }
                inferred = i;
            } else if (s < 0) {
                throw new FrameworkException("RuntimeError", "invalid shape dimension " + s);
            } else {
                product = product.times(Dim.of(s));
            }
        }
        Dim numel = x.shape().numelDim();
        String asked = sizes.toString();
        List<Dim> dims = new ArrayList<>();
        for (long s : sizes) {
            dims.add(Dim.of(s));
        }
        if (inferred >= 0) {
            Dim rest;
            if (product.is(0)) {
                if (numel.is(0)) {
                    throw new FrameworkException("RuntimeError", "cannot reshape tensor of 0 elements into shape "
                            + asked + " because the unspecified dimension size -1 can be any value and is ambiguous");
                }
                throw invalid(asked, numel);
            }
            java.util.Optional<Dim> divided = numel.exactDivide(product);
            if (divided.isPresent()) {
                rest = divided.get();
            } else if (numel.isKnown()) {
                throw invalid(asked, numel);
            } else {
                rest = Dim.UNKNOWN;
            }
            dims.set(inferred, rest);
        } else if (numel.isKnown() && !numel.equals(product)) {
            throw invalid(asked, numel);
        }
        Shape target = new Shape(dims);
        java.util.Optional<long[]> layout = x.strides();
        if (layout.isEmpty() || !x.shape().isFullyKnown() || !target.isFullyKnown()) {
            return x.withShape(target);
        }
        long[] strides = computeStride(x.shape().sizes(), layout.get(), target.sizes());
        if (strides == null) {
            if (view) {
                throw new FrameworkException("RuntimeError", "view size is not compatible with input tensor's size and "
                        + "stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) "
                        + "instead.");
            }
            return x.withShape(target);
        }
        return x.withShape(target).withStrides(isContiguous(target.sizes(), strides) ? null : strides);
    }

    /** Row-major strides of these sizes. */
    static long[] contiguousStrides(long[] sizes) {
        return Kernels.strides(sizes);
    }

    static boolean isContiguous(long[] sizes, long[] strides) {
        long expected = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            if (sizes[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= sizes[i];
        }
        return true;
    }

    /** The strides of a tensor: its recorded layout, or row-major when it is contiguous; null when sizes are not known. */
    static long[] stridesOf(Tensor x) {
        if (x.strides().isPresent()) {
            return x.strides().get();
        }
        return x.shape().isFullyKnown() ? contiguousStrides(x.shape().sizes()) : null;
    }

    /** A layout for the result, or none (contiguous) when the strides are row-major or unknown. */
    static Tensor laidOut(Tensor t, long[] strides) {
        if (strides == null || !t.shape().isFullyKnown() || isContiguous(t.shape().sizes(), strides)) {
            return t.withStrides(null);
        }
        return t.withStrides(strides);
    }

    /**
     * PyTorch's computeStride (aten/src/ATen/TensorUtils.cpp): the strides of a view
     * of {@code oldShape}/{@code oldStride} as {@code newShape}, or null when no view exists.
     */
    static long[] computeStride(long[] oldShape, long[] oldStride, long[] newShape) {
        if (oldShape.length == 0) {
            long[] ones = new long[newShape.length];
            java.util.Arrays.fill(ones, 1);
            return ones;
        }
        long numel = Kernels.product(oldShape, 0, oldShape.length);
        if (numel == 0) {
            return contiguousStrides(newShape);
        }
        long[] newStride = new long[newShape.length];
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStride[oldStride.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1
                    && oldStride[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStride[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStride[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStride : null;
    }

    private static FrameworkException invalid(String asked, Dim numel) {
        return new FrameworkException("RuntimeError", "shape '" + asked + "' is invalid for input of size " + numel);
    }

    public static Tensor squeeze(Tensor x, List<Long> dimsOrEmpty) {
        Shape s = x.shape();
        long[] strides = x.strides().orElse(null);
        List<Dim> out = new ArrayList<>();
        List<Long> keptStrides = new ArrayList<>();
        java.util.Set<Integer> targets = new java.util.HashSet<>();
        for (long d : dimsOrEmpty) {
            targets.add(dim(d, s.rank()));
        }
        for (int i = 0; i < s.rank(); i++) {
            boolean drop = s.dim(i).is(1) && (dimsOrEmpty.isEmpty() || targets.contains(i));
            if (!drop) {
                out.add(s.dim(i));
                if (strides != null) {
                    keptStrides.add(strides[i]);
                }
            }
        }
        Tensor result = x.withShape(new Shape(out));
        return strides == null ? result : laidOut(result, keptStrides.stream().mapToLong(Long::longValue).toArray());
    }

    public static Tensor unsqueeze(Tensor x, long d) {
        int axis = dim(d, x.rank() + 1);
        Tensor result = x.withShape(x.shape().inserting(axis, Dim.of(1)));
        if (x.strides().isEmpty()) {
            return result;
        }
        long[] strides = x.strides().get();
        long[] sizes = x.shape().sizes();
        long[] out = new long[strides.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            if (i == axis) {
                out[i] = axis >= strides.length ? 1 : sizes[axis] * strides[axis];
            } else {
                out[i] = strides[j++];
            }
        }
        return laidOut(result, out);
    }

    public static Tensor flatten(Tensor x, long start, long end) {
        int rank = x.rank();
        if (rank == 0) {
            return x.withShape(Shape.of(1));
        }
        int s = dim(start, rank);
        int e = dim(end, rank);
        if (s > e) {
            throw new FrameworkException("RuntimeError", "flatten() has invalid args: start_dim cannot come after end_dim");
        }
        List<Dim> out = new ArrayList<>(x.shape().dims().subList(0, s));
        Dim merged = Dim.of(1);
        for (int i = s; i <= e; i++) {
            merged = merged.times(x.shape().dim(i));
        }
        out.add(merged);
        out.addAll(x.shape().dims().subList(e + 1, rank));
        return x.withShape(new Shape(out));
    }

    public static Tensor permute(Tensor x, List<Long> order, TorchVersion version) {
        int rank = x.rank();
        if (order.size() != rank) {
            throw new FrameworkException("RuntimeError", "permute(sparse_coo): number of dimensions in the tensor input does not match the length of "
                    + "the desired ordering of dimensions i.e. input.dim() = " + rank + " is not equal to len(dims) = "
                    + order.size());
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            perm[i] = dim(order.get(i), rank);
            if (seen[perm[i]]) {
                throw new FrameworkException("RuntimeError", "permute(): duplicate dims are not allowed.");
            }
            seen[perm[i]] = true;
            out.add(x.shape().dim(perm[i]));
        }
        Shape shape = new Shape(out);
        long[] inStrides = stridesOf(x);
        long[] outStrides = null;
        if (inStrides != null) {
            outStrides = new long[rank];
            for (int i = 0; i < rank; i++) {
                outStrides[i] = inStrides[perm[i]];
            }
        }
        Tensor result = x.hasValues() ? Kernels.permute(x, perm, shape) : Tensor.shapeOnly(x.dtype(), shape);
        return laidOut(result, outStrides);
    }

    public static Tensor transpose(Tensor x, long d0, long d1, TorchVersion version) {
        int rank = x.rank();
        if (rank == 0) {
            return x;
        }
        int a = dim(d0, rank);
        int b = dim(d1, rank);
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            order.add((long) (i == a ? b : i == b ? a : i));
        }
        return permute(x, order, version);
    }

    // ------------------------------------------------------------ reductions

    /** sum/mean/... over the given dims (empty = all), as PyTorch types them. */
    public static Tensor reduce(Tensor x, List<Long> dims, boolean keepdim, Kernels.Reduction kind, String name) {
        DType out = switch (kind) {
            case SUM, PROD -> x.dtype().isFloating() ? x.dtype() : DType.I64;
            case MEAN -> {
                if (!x.dtype().isFloating()) {
                    throw new FrameworkException("RuntimeError", "mean(): could not infer output dtype. Input dtype "
                            + "must be either a floating point or complex dtype. Got: " + TorchTypes.name(x.dtype()));
                }
                yield x.dtype();
            }
            case ARGMAX, ARGMIN -> DType.I64;
            case ANY, ALL -> DType.BOOL;
            default -> x.dtype();
        };
        int rank = x.rank();
        if (dims.isEmpty()) {
            Shape shape = keepdim ? new Shape(java.util.Collections.nCopies(rank, Dim.of(1))) : Shape.SCALAR;
            if (!x.hasValues()) {
                return Tensor.shapeOnly(out, shape);
            }
            if ((kind == Kernels.Reduction.MAX || kind == Kernels.Reduction.MIN || kind == Kernels.Reduction.ARGMAX
                    || kind == Kernels.Reduction.ARGMIN) && x.data().length == 0) {
                throw new FrameworkException("RuntimeError", name + "(): Expected reduction dim to be specified for "
                        + "input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
            }
            return Kernels.reduceAll(x, kind, out).withShape(shape);
        }
        java.util.TreeSet<Integer> axes = new java.util.TreeSet<>();
        for (long d : dims) {
            int axis = dim(d, rank);
            if (!axes.add(axis)) {
                throw new FrameworkException("RuntimeError", "dim " + axis + " appears multiple times in the list of dims");
            }
        }
        Tensor result = x;
        List<Dim> shape = new ArrayList<>(x.shape().dims());
        for (int axis : axes.descendingSet()) {
            if (rank == 0) {
                break;
            }
            if (result.hasValues()) {
                result = Kernels.reduce(result, axis, keepdim, kind, out);
            }
            if (keepdim) {
                shape.set(axis, Dim.of(1));
            } else {
                shape.remove(axis);
            }
        }
        Shape finalShape = new Shape(shape);
        return result.hasValues() && rank > 0 ? result.withShape(finalShape) : Tensor.shapeOnly(out, finalShape);
    }

    // ------------------------------------------------------------ softmax family

    public static Tensor softmax(Tensor x, long d, boolean log, TorchVersion version) {
        int rank = x.rank();
        int axis = dim(d, rank);
        if (!x.dtype().isFloating()) {
            String kernel = (log ? "log_softmax" : "softmax") + (axis == rank - 1 || rank == 0 ? "_lastdim" : "")
                    + "_kernel_impl";
            throw new FrameworkException(version.notImplementedType(),
                    "\"" + kernel + "\" not implemented for '" + TorchTypes.name(x.dtype()) + "'");
        }
        if (!x.hasValues()) {
            return x.withoutValues();
        }
        if (rank == 0) {
            return Tensor.scalar(x.dtype(), log ? 0 : 1);
        }
        return log ? Kernels.logSoftmax(x, axis, x.dtype()) : Kernels.softmax(x, axis, x.dtype());
    }

    /** The dim PyTorch picks when softmax is called without one (with its deprecation warning). */
    public static long implicitSoftmaxDim(int rank, String name, CallContext ctx) {
        ctx.warn("Implicit dimension choice for " + name + " has been deprecated. Change the call to include dim=X "
                + "as an argument.");
        return rank == 0 || rank == 1 || rank == 3 ? 0 : 1;
    }

    // ------------------------------------------------------------ matmul

    public static Tensor matmul(Tensor a, Tensor b, CallContext ctx, TorchVersion version) {
        if (a.dtype() != b.dtype()) {
            throw new FrameworkException("RuntimeError", version.isLegacy()
                    ? "expected scalar type " + TorchTypes.name(a.dtype()) + " but found " + TorchTypes.name(b.dtype())
                    : "expected m1 and m2 to have the same dtype, but got: " + cName(a.dtype()) + " != "
                    + cName(b.dtype()));
        }
        int ra = a.rank();
        int rb = b.rank();
        if (ra == 0 || rb == 0) {
            throw new FrameworkException("RuntimeError", "both arguments to matmul need to be at least 1D, but they are "
                    + ra + "D and " + rb + "D");
        }
        Shape sa = a.shape();
        Shape sb = b.shape();
        Shape out;
        if (ra == 1 && rb == 1) {
            if (!ctx.bindings().compatible(sa.dim(0), sb.dim(0), "a", "b")) {
                throw new FrameworkException("RuntimeError", "inconsistent tensor size, expected tensor [" + sa.dim(0)
                        + "] and src [" + sb.dim(0) + "] to have the same number of elements, but got " + sa.dim(0)
                        + " and " + sb.dim(0) + " elements respectively");
            }
            out = Shape.SCALAR;
        } else if (ra == 2 && rb == 1) {
            if (!ctx.bindings().compatible(sa.dim(1), sb.dim(0), "a", "b")) {
                throw new FrameworkException("RuntimeError", version.isLegacy()
                        ? "size mismatch, got " + sa.dim(0) + ", " + sa.dim(0) + "x" + sa.dim(1) + "," + sb.dim(0)
                        : "size mismatch, got input (" + sa.dim(0) + "), mat (" + sa.dim(0) + "x" + sa.dim(1)
                        + "), vec (" + sb.dim(0) + ")")
                        .operand("mat", "", sa, List.of(1)).operand("vec", "", sb, List.of(0));
            }
            out = Shape.of(sa.dim(0));
        } else if (ra == 1 && rb == 2) {
            if (!ctx.bindings().compatible(sa.dim(0), sb.dim(0), "a", "b")) {
                throw mmError(Shape.of(Dim.of(1), sa.dim(0)), sb);
            }
            out = Shape.of(sb.dim(1));
        } else if (ra == 2 && rb == 2) {
            if (!ctx.bindings().compatible(sa.dim(1), sb.dim(0), "a", "b")) {
                throw mmError(sa, sb);
            }
            out = Shape.of(sa.dim(0), sb.dim(1));
        } else if (rb <= 2) {
            // batched @ matrix (or vector): folded into one mm
            Dim k = sa.dim(ra - 1);
            Dim k2 = sb.dim(0);
            if (!ctx.bindings().compatible(k, k2, "a", "b")) {
                Dim rows = Dim.of(1);
                for (int i = 0; i < ra - 1; i++) {
                    rows = rows.times(sa.dim(i));
                }
                if (rb == 1) {
                    throw new FrameworkException("RuntimeError", version.isLegacy()
                            ? "size mismatch, got " + rows + ", " + rows + "x" + k + "," + k2
                            : "size mismatch, got input (" + rows + "), mat (" + rows + "x" + k + "), vec (" + k2 + ")");
                }
                throw mmError(Shape.of(rows, k), sb);
            }
            List<Dim> dims = new ArrayList<>(sa.dims().subList(0, ra - 1));
            if (rb == 2) {
                dims.add(sb.dim(1));
            }
            out = new Shape(dims);
        } else {
            Shape ma = ra == 1 ? Shape.of(Dim.of(1), sa.dim(0)) : sa;
            Dim n = ma.dim(ma.rank() - 2);
            Dim k = ma.dim(ma.rank() - 1);
            Dim k2 = sb.dim(rb - 2);
            Dim m = sb.dim(rb - 1);
            Shape batchA = ma.subShape(0, ma.rank() - 2);
            Shape batchB = sb.subShape(0, rb - 2);
            Shape batch = broadcast(batchA, batchB, ctx);
            if (!ctx.bindings().compatible(k, k2, "a", "b")) {
                Dim batchCount = batch.numelDim();
                throw new FrameworkException("RuntimeError", "Expected size for first two dimensions of batch2 tensor to be: ["
                        + batchCount + ", " + k + "] but got: [" + batchCount + ", " + k2 + "].");
            }
            List<Dim> dims = new ArrayList<>(batch.dims());
            if (ra != 1) {
                dims.add(n);
            }
            dims.add(m);
            out = new Shape(dims);
        }
        if (!a.hasValues() || !b.hasValues() || !out.isFullyKnown()) {
            return Tensor.shapeOnly(a.dtype(), out);
        }
        NumericBudget.require(out, a.dtype());
        Tensor x = ra == 1 ? a.withShape(Shape.of(Dim.of(1), sa.dim(0))) : a;
        Tensor y = rb == 1 ? b.withShape(Shape.of(sb.dim(0), Dim.of(1))) : b;
        List<Dim> full = new ArrayList<>();
        Shape bx = x.shape().subShape(0, x.rank() - 2);
        Shape by = y.shape().subShape(0, y.rank() - 2);
        full.addAll(broadcast(bx, by, ctx).dims());
        full.add(x.shape().dim(x.rank() - 2));
        full.add(y.shape().dim(y.rank() - 1));
        Tensor r = Kernels.matmul(x, y, new Shape(full), a.dtype());
        return r.withShape(out);
    }

    private static FrameworkException mmError(Shape a, Shape b) {
        return new FrameworkException("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (" + a.dim(0) + "x"
                + a.dim(1) + " and " + b.dim(0) + "x" + b.dim(1) + ")")
                .operand("mat1", "", a, List.of(1)).operand("mat2", "", b, List.of(0));
    }

    /** C++ type names used by some checks: float, double, long int, ... */
    public static String cName(DType t) {
        return switch (t) {
            case F32 -> "float";
            case F64 -> "double";
            case F16 -> "c10::Half";
            case BF16 -> "c10::BFloat16";
            case I64 -> "long int";
            case I32 -> "int";
            case I16 -> "short int";
            case I8 -> "signed char";
            case U8 -> "unsigned char";
            case BOOL -> "bool";
        };
    }

    // ------------------------------------------------------------ joining

    public static Tensor cat(List<Tensor> parts, long d, CallContext ctx) {
        if (parts.isEmpty()) {
            throw new FrameworkException("RuntimeError", "torch.cat(): expected a non-empty list of Tensors");
        }
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).rank() == 0) {
                // ATen TensorShape.cpp, check_cat_no_zero_dim
                throw new FrameworkException("RuntimeError", "zero-dimensional tensor (at position " + i
                        + ") cannot be concatenated");
            }
        }
        Tensor first = parts.get(0);
        int rank = first.rank();
        int axis = dim(d, rank);
        DType dtype = first.dtype();
        for (int i = 1; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            dtype = TorchTypes.promote(dtype, t.dtype());
            if (t.rank() != rank) {
                throw new FrameworkException("RuntimeError", "Tensors must have same number of dimensions: got "
                        + rank + " and " + t.rank());
            }
            for (int j = 0; j < rank; j++) {
                if (j != axis && !ctx.bindings().compatible(first.shape().dim(j), t.shape().dim(j), "tensor 0",
                        "tensor " + i)) {
                    throw new FrameworkException("RuntimeError", "Sizes of tensors must match except in dimension "
                            + axis + ". Expected size " + first.shape().dim(j) + " but got size " + t.shape().dim(j)
                            + " for tensor number " + i + " in the list.");
                }
            }
        }
        Dim total = Dim.of(0);
        boolean values = true;
        for (Tensor t : parts) {
            total = total.plus(t.shape().dim(axis));
            values &= t.hasValues();
        }
        Shape out = first.shape().with(axis, total);
        if (!values || !out.isFullyKnown()) {
            return Tensor.shapeOnly(dtype, out);
        }
        List<Tensor> cast = new ArrayList<>();
        for (Tensor t : parts) {
            cast.add(t.cast(dtype));
        }
        return Kernels.concat(cast, axis, out, dtype);
    }

    public static Tensor stack(List<Tensor> parts, long d, CallContext ctx) {
        if (parts.isEmpty()) {
            throw new FrameworkException("RuntimeError", "stack expects a non-empty TensorList");
        }
        Shape first = parts.get(0).shape();
        for (int i = 1; i < parts.size(); i++) {
            Shape s = parts.get(i).shape();
            boolean same = s.rank() == first.rank();
            for (int j = 0; same && j < s.rank(); j++) {
                same = ctx.bindings().compatible(first.dim(j), s.dim(j), "entry 0", "entry " + i);
            }
            if (!same) {
                throw new FrameworkException("RuntimeError", "stack expects each tensor to be equal size, but got "
                        + TorchText.sizes(first) + " at entry 0 and " + TorchText.sizes(s) + " at entry " + i);
            }
        }
        int axis = dim(d, first.rank() + 1);
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : parts) {
            expanded.add(t.withShape(t.shape().inserting(axis, Dim.of(1))));
        }
        return cat(expanded, axis, ctx);
    }

    // ------------------------------------------------------------ one_hot

    public static Tensor oneHot(Tensor labels, long numClasses, TorchVersion version) {
        if (labels.dtype() != DType.I64) {
            throw new FrameworkException("RuntimeError", version.isLegacy()
                    ? "one_hot is only applicable to index tensor."
                    : "one_hot is only applicable to index tensor of type LongTensor.");
        }
        Shape shape = labels.shape();
        if (!labels.hasValues()) {
            Dim classes = numClasses >= 0 ? Dim.of(numClasses) : Dim.UNKNOWN;
            if (numClasses == 0 || numClasses < -1) {
                classes = Dim.of(numClasses);
            }
            return Tensor.shapeOnly(DType.I64, shape.append(classes));
        }
        double[] v = labels.data();
        if (v.length == 0) {
            if (numClasses <= 0) {
                throw new FrameworkException("RuntimeError", "Can not infer total number of classes from empty tensor.");
            }
            return Tensor.of(DType.I64, shape.append(Dim.of(numClasses)), new double[0]);
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (min < 0) {
            throw new FrameworkException("RuntimeError", "Class values must be non-negative.");
        }
        long classes = numClasses;
        if (numClasses == -1) {
            classes = (long) max + 1;
        } else if (numClasses <= max) {
            throw new FrameworkException("RuntimeError", "Class values must be smaller than num_classes.");
        }
        Shape out = shape.append(Dim.of(classes));
        NumericBudget.require(out, DType.I64);
        double[] r = new double[(int) (v.length * classes)];
        for (int i = 0; i < v.length; i++) {
            r[(int) (i * classes + (long) v[i])] = 1;
        }
        return Tensor.of(DType.I64, out, r);
    }

    // ------------------------------------------------------------ indexing

    /** {@code x[index]} with PyTorch's texts for each way it fails. */
    public static Tensor index(Tensor x, List<Value> index, CallContext ctx, TorchVersion version) {
        List<Indexing.Index> items = new ArrayList<>();
        for (Value v : index) {
            items.add(indexItem(v, version));
        }
        Indexing.Result r = Indexing.apply(x, items, ctx.bindings());
        if (r.ok()) {
            SilentBroadcast.checkIndex(ctx, r.indexShapes(), r.advancedShape());
            return r.tensor();
        }
        Indexing.Problem p = r.problem();
        if (p instanceof Indexing.Problem.TooManyIndices t) {
            throw new FrameworkException("IndexError", "too many indices for tensor of dimension " + t.rank());
        }
        if (p instanceof Indexing.Problem.OutOfBounds o) {
            throw new FrameworkException("IndexError", "index " + o.index() + " is out of bounds for dimension "
                    + o.axis() + " with size " + o.size());
        }
        if (p instanceof Indexing.Problem.ArraysDoNotBroadcast b) {
            StringBuilder shapes = new StringBuilder();
            for (Shape s : b.shapes()) {
                if (shapes.length() > 0) {
                    shapes.append(", ");
                }
                shapes.append(TorchText.sizes(s));
            }
            throw new FrameworkException("IndexError",
                    "shape mismatch: indexing tensors could not be broadcast together with shapes " + shapes);
        }
        if (p instanceof Indexing.Problem.MaskMismatch m) {
            throw new FrameworkException("IndexError", "The shape of the mask " + TorchText.sizes(m.maskShape())
                    + " at index " + m.maskAxis() + " does not match the shape of the indexed tensor "
                    + TorchText.sizes(m.indexedShape()) + " at index " + m.axis());
        }
        throw new FrameworkException("ValueError", "step must be greater than zero");
    }

    private static Indexing.Index indexItem(Value v, TorchVersion version) {
        if (v instanceof Value.IntValue i) {
            return new Indexing.Index.At(i.value());
        }
        if (v instanceof Value.BoolValue b) {
            return new Indexing.Index.Mask(Tensor.scalar(DType.BOOL, b.value() ? 1 : 0));
        }
        if (v instanceof Value.NoneValue) {
            return new Indexing.Index.NewAxis();
        }
        if (v instanceof Value.EllipsisValue) {
            return new Indexing.Index.Rest();
        }
        if (v instanceof Value.SliceValue s) {
            long step = s.step().map(TorchOps::sliceInt).orElse(1L);
            if (step <= 0) {
                throw new FrameworkException("ValueError", "step must be greater than zero");
            }
            return new Indexing.Index.Range(s.start().filter(x -> !(x instanceof Value.NoneValue))
                    .map(x -> OptionalLong.of(sliceInt(x))).orElse(OptionalLong.empty()),
                    s.stop().filter(x -> !(x instanceof Value.NoneValue))
                            .map(x -> OptionalLong.of(sliceInt(x))).orElse(OptionalLong.empty()), step);
        }
        if (v instanceof Value.TensorValue t) {
            Tensor idx = t.tensor();
            if (idx.dtype() == DType.BOOL || idx.dtype() == DType.U8) {
                return new Indexing.Index.Mask(idx);
            }
            boolean allowed = idx.dtype() == DType.I64 || (idx.dtype() == DType.I32 && !version.isLegacy());
            if (!allowed) {
                throw new FrameworkException("IndexError", version.isLegacy()
                        ? "tensors used as indices must be long, byte or bool tensors"
                        : "tensors used as indices must be long, int, byte or bool tensors");
            }
            if (idx.rank() == 0 && idx.hasValues()) {
                return new Indexing.Index.At((long) idx.item());
            }
            return new Indexing.Index.Array(idx);
        }
        List<Value> items = Python.sequenceItems(v);
        if (items != null) {
            Python.Nested nested = Python.nested(v).orElseThrow(() -> new FrameworkException("IndexError",
                    "too many indices for tensor"));
            DType dtype = Python.literalDType(nested);
            if (dtype == DType.F32) {
                throw new FrameworkException("IndexError", version.isLegacy()
                        ? "tensors used as indices must be long, byte or bool tensors"
                        : "tensors used as indices must be long, int, byte or bool tensors");
            }
            Tensor idx = Tensor.of(dtype, nested.shape(), nested.values());
            return dtype == DType.BOOL ? new Indexing.Index.Mask(idx) : new Indexing.Index.Array(idx);
        }
        throw new FrameworkException("IndexError", "only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                + "Variables are valid indices (got " + v.typeName() + ")");
    }

    private static long sliceInt(Value v) {
        if (v instanceof Value.IntValue i) {
            return i.value();
        }
        if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()) {
            return (long) t.tensor().item();
        }
        throw new FrameworkException("TypeError", "slice indices must be integers or None or have an __index__ method");
    }
}
