package dev.shapes.explain;

import dev.shapes.lang.Expr;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stories and fixes for mistakes in array operations rather than losses:
 * an {@code axis} that does not exist, a reshape whose sizes do not multiply
 * to the element count, squeezing an axis that is not of size 1, the
 * contracting sizes of a matrix product, and {@code take_along_axis} with
 * indices of the wrong rank or batch. They read the call as written (the
 * array, the axis or shape argument) and the operands as they were, so they
 * serve every profile whose messages state these mistakes (NumPy's and
 * JAX's today).
 */
final class ArrayOps {

    /** Functions whose axis comes third, after the array and another array. */
    private static final Set<String> AXIS_THIRD = Set.of("take_along_axis", "softmax_cross_entropy_with_integer_labels",
            "softmax_cross_entropy");

    private ArrayOps() {}

    /** The two arrays an operation combines: a and b of a product or an operator, arr and indices of a gather. */
    record Pair(Operand first, Operand second) {}

    /** jnp's and np's elementwise functions of two arrays, which broadcast like the operators. */
    private static final Set<String> ELEMENTWISE = Set.of("add", "subtract", "multiply", "divide", "true_divide",
            "floor_divide", "power", "mod", "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater",
            "greater_equal");

    /** The two operands of an operator ({@code a + b}) or of an elementwise function ({@code jnp.add(a, b)}). */
    static Optional<Pair> elementwise(Situation s) {
        Optional<Operand> a = s.operand("a");
        Optional<Operand> b = s.operand("b");
        if (a.isEmpty() && ELEMENTWISE.contains(s.function())) {
            a = s.operand("input");
            b = s.operand("second");
        }
        return a.isPresent() && b.isPresent() ? Optional.of(new Pair(a.get(), b.get())) : Optional.empty();
    }

    static Optional<Expr.Call> call(Situation s) {
        return s.call.map(CallSite::site).filter(e -> e instanceof Expr.Call).map(e -> (Expr.Call) e);
    }

    private static boolean isMethod(Situation s) {
        return s.function().startsWith(".");
    }

    /** The array an operation works on: a method's receiver, a function's first argument, a loss's prediction. */
    static Optional<Operand> array(Situation s) {
        if (s.loss().isPresent()) {
            return s.prediction();
        }
        return isMethod(s) ? s.operand("self") : s.operand("input");
    }

    /** The expression given as {@code axis}: the keyword, or the argument in axis' position. */
    static Optional<Expr> axisArgument(Situation s) {
        Optional<Expr.Call> call = call(s);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Optional<Expr> keyword = CellSyntax.keyword(call.get(), "axis");
        if (keyword.isPresent()) {
            return keyword;
        }
        int position = isMethod(s) ? 0 : AXIS_THIRD.contains(s.function()) ? 2 : 1;
        List<Expr> positional = CellSyntax.positional(call.get());
        return positional.size() > position ? Optional.of(positional.get(position)) : Optional.empty();
    }

    /** An integer literal, possibly negated, as written. */
    static Optional<Long> integer(Expr e) {
        if (e instanceof Expr.IntLiteral i) {
            return Optional.of(i.value());
        }
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.IntLiteral i) {
            return Optional.of(-i.value());
        }
        return Optional.empty();
    }

    /** The axes an axis argument names: one integer or a tuple/list of them. */
    static Optional<List<Long>> axes(Expr e) {
        List<Expr> items = e instanceof Expr.TupleExpr t ? t.items() : e instanceof Expr.ListExpr l ? l.items()
                : List.of(e);
        List<Long> out = new ArrayList<>();
        for (Expr item : items) {
            Optional<Long> v = integer(item);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            out.add(v.get());
        }
        return Optional.of(out);
    }

    private static boolean inRange(long axis, int rank) {
        return axis >= -rank && axis < rank;
    }

    /** An operand as the stories name it: {@code `x` f32[8, 5]}. */
    private static String typed(Operand o) {
        return Mismatches.quote(Optional.of(o)) + " " + o.typeString();
    }

    /** The rank of the array, if an axis argument names an axis it does not have. */
    static Optional<Integer> axisOutOfRange(Situation s) {
        Optional<Operand> array = array(s);
        Optional<List<Long>> axes = axisArgument(s).flatMap(ArrayOps::axes);
        if (array.isEmpty() || array.get().rank() < 0 || axes.isEmpty()) {
            return Optional.empty();
        }
        int rank = array.get().rank();
        return axes.get().stream().anyMatch(a -> !inRange(a, rank)) ? Optional.of(rank) : Optional.empty();
    }

    private static String validAxes(int rank) {
        if (rank == 0) {
            return "no axes";
        }
        List<String> forward = new ArrayList<>();
        List<String> backward = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            forward.add(String.valueOf(i));
            backward.add(String.valueOf(i - rank));
        }
        return rank + (rank == 1 ? " axis" : " axes") + " (" + String.join(", ", forward) + ", or "
                + String.join(", ", backward) + " from the end)";
    }

    static Story axisStory(Situation s) {
        Operand array = array(s).orElseThrow();
        String axis = axisArgument(s).map(e -> s.syntax.source().of(e.span())).orElse("?");
        String summary = typed(array) + " has "
                + validAxes(array.rank()) + ", so axis=" + axis + " names an axis it does not have";
        List<String> notes = new ArrayList<>();
        if (s.loss().isPresent()) {
            notes.add(Mismatches.callName(s) + " reads the classes along `axis`; the default, -1, is the last axis, "
                    + "where models put the classes");
        } else {
            notes.add("axes count from 0; negative axes count from the end (-1 is the last)");
        }
        return Story.of(summary, Optional.of(array)).notes(notes).conventions(Mismatches.conventions(s));
    }

    static List<Candidate> axisFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Expr.Call> call = call(s);
        Optional<Expr> axisExpr = axisArgument(s);
        Optional<Integer> rank = axisOutOfRange(s);
        if (call.isEmpty() || axisExpr.isEmpty() || rank.isEmpty()) {
            return out;
        }
        if (s.function().endsWith("squeeze")) {
            return squeezeFixes(s);
        }
        if (s.loss().isPresent() && CellSyntax.keyword(call.get(), "axis").isPresent()) {
            Edits.removeKeyword(s.syntax.source(), call.get(), "axis", "read the classes on the last axis (the "
                    + "default, axis=-1)").ifPresent(out::add);
        }
        List<Long> axes = axes(axisExpr.get()).orElseThrow();
        List<Long> valid = axes.stream().filter(a -> inRange(a, rank.get())).toList();
        if (axes.size() > 1 && !valid.isEmpty()) {
            String kept = valid.size() == 1 ? String.valueOf(valid.get(0))
                    : "(" + String.join(", ", valid.stream().map(String::valueOf).toList()) + ")";
            out.add(setArgument(s, call.get(), "axis", axisExpr.get(), kept, "reduce over the axes that exist"));
        }
        if (rank.get() > 0) {
            out.add(setArgument(s, call.get(), "axis", axisExpr.get(), "-1", "use the last axis"));
        }
        return out;
    }

    /** Gives an argument a new value, written as the keyword or in place, and shows the call it ends up as. */
    static Candidate setArgument(Situation s, Expr.Call call, String keyword, Expr argument, String value,
                                 String description) {
        if (CellSyntax.keyword(call, keyword).filter(e -> e == argument).isPresent()) {
            return Edits.keyword(call, keyword, value, description).orElseThrow();
        }
        Edit edit = new Edit(argument.span(), value);
        return new Candidate(List.of(edit), Edits.within(s.syntax.source(), call.span(), edit), description, false);
    }

    // ------------------------------------------------------------ reshape

    /** The sizes a reshape asks for, as written: the tuple or list argument, or the sizes given one by one. */
    static Optional<List<Expr>> reshapeSizes(Situation s) {
        Optional<Expr.Call> call = call(s);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        List<Expr> positional = CellSyntax.positional(call.get());
        Optional<Expr> shape = CellSyntax.keyword(call.get(), "shape")
                .or(() -> CellSyntax.keyword(call.get(), "newshape"));
        if (shape.isEmpty()) {
            int first = isMethod(s) ? 0 : 1;
            if (positional.size() == first + 1) {
                shape = Optional.of(positional.get(first));
            } else if (isMethod(s) && positional.size() > 1) {
                return Optional.of(positional);
            }
        }
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        Expr e = shape.get();
        if (e instanceof Expr.TupleExpr t) {
            return Optional.of(t.items());
        }
        if (e instanceof Expr.ListExpr l) {
            return Optional.of(l.items());
        }
        return integer(e).isPresent() ? Optional.of(List.of(e)) : Optional.empty();
    }

    private static long elements(Situation s) {
        long size = s.problem.recognition().map(r -> r.facts().number("size", -1)).orElse(-1L);
        if (size >= 0) {
            return size;
        }
        return array(s).flatMap(Operand::shape).flatMap(sh -> s.known(sh.numelDim())).orElse(-1L);
    }

    static Story reshapeStory(Situation s) {
        long elements = elements(s);
        Optional<Operand> array = array(s);
        String target = reshapeSizes(s).map(items -> "(" + String.join(", ", items.stream()
                .map(e -> s.syntax.source().of(e.span())).toList()) + (items.size() == 1 ? ",)" : ")"))
                .orElse("the new shape");
        String what = array.map(ArrayOps::typed).orElse("the array");
        return Story.of(what + " has " + (elements >= 0 ? elements : "its") + " elements, which cannot be arranged as "
                + target + ": the sizes must multiply to the element count (one of them may be -1, to be inferred)",
                array).notes(List.of("a reshape keeps every element and their order; to drop or pad elements, slice "
                + "or pad first"));
    }

    static List<Candidate> reshapeFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Expr.Call> call = call(s);
        Optional<List<Expr>> items = reshapeSizes(s);
        long elements = elements(s);
        if (call.isEmpty() || items.isEmpty() || elements <= 0) {
            return out;
        }
        List<Long> sizes = new ArrayList<>();
        for (Expr e : items.get()) {
            Optional<Long> v = integer(e);
            if (v.isEmpty()) {
                return out;
            }
            sizes.add(v.get());
        }
        boolean inferred = sizes.contains(-1L);
        for (int i = sizes.size() - 1; i >= 0 && !inferred; i--) {
            long rest = product(sizes, i);
            if (rest > 0 && elements % rest == 0) {
                Edit edit = new Edit(items.get().get(i).span(), "-1");
                out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), call.get().span(), edit),
                        "infer axis " + i + " (it becomes " + elements / rest + ")", false));
            }
        }
        // one axis is inferred already, so the others do not divide the element count: the nearest size that does,
        // for the last of them
        for (int i = sizes.size() - 1; i >= 0 && inferred; i--) {
            if (sizes.get(i) == -1) {
                continue;
            }
            long others = 1;
            for (int j = 0; j < sizes.size(); j++) {
                others *= j == i || sizes.get(j) == -1 ? 1 : sizes.get(j);
            }
            if (others <= 0 || elements % others != 0) {
                continue;
            }
            long room = elements / others;
            long nearest = nearestDivisor(room, sizes.get(i));
            if (nearest != sizes.get(i)) {
                Edit edit = new Edit(items.get().get(i).span(), String.valueOf(nearest));
                out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), call.get().span(), edit),
                        "the nearest size that fits " + elements + " elements (check what the axis means)", true));
            }
            break;
        }
        Edit flat = new Edit(sizesSpan(s, items.get()), "-1");
        out.add(new Candidate(List.of(flat), Edits.within(s.syntax.source(), call.get().span(), flat),
                "flatten (only the element count is kept)", true));
        return out;
    }

    /** Where the sizes are written: the tuple or list that holds them, or from the first size to the last. */
    private static dev.shapes.lang.Span sizesSpan(Situation s, List<Expr> items) {
        Expr first = items.get(0);
        Expr last = items.get(items.size() - 1);
        Optional<Expr> container = call(s).map(c -> {
            List<Expr> found = new ArrayList<>();
            CellSyntax.walk(c, e -> {
                if ((e instanceof Expr.TupleExpr t && t.items() == items) || (e instanceof Expr.ListExpr l
                        && l.items() == items)) {
                    found.add(e);
                }
            });
            return found.isEmpty() ? null : found.get(0);
        });
        if (container.isPresent()) {
            return container.get().span();
        }
        return new dev.shapes.lang.Span(first.span().line(), first.span().column(), last.span().endLine(),
                last.span().endColumn());
    }

    private static long product(List<Long> sizes, int except) {
        long rest = 1;
        for (int j = 0; j < sizes.size(); j++) {
            rest *= j == except ? 1 : sizes.get(j);
        }
        return rest;
    }

    /** The divisor of {@code n} closest to {@code wanted} (the larger on a tie). */
    static long nearestDivisor(long n, long wanted) {
        long best = 1;
        for (long d = 1; d * d <= n; d++) {
            if (n % d == 0) {
                for (long c : new long[] {d, n / d}) {
                    long diff = Math.abs(c - wanted);
                    long bestDiff = Math.abs(best - wanted);
                    if (diff < bestDiff || diff == bestDiff && c > best) {
                        best = c;
                    }
                }
            }
        }
        return best;
    }

    // ------------------------------------------------------------ squeeze

    static Story squeezeStory(Situation s) {
        Operand array = array(s).orElseThrow();
        Shape shape = array.shape().orElseThrow();
        String axis = axisArgument(s).map(e -> s.syntax.source().of(e.span())).orElse("?");
        List<Integer> ones = singletons(shape);
        String size = axisArgument(s).flatMap(ArrayOps::integer).filter(a -> inRange(a, shape.rank()))
                .map(a -> Mismatches.sizeText(s, shape.dim((int) (a < 0 ? a + shape.rank() : a))))
                .orElse("other than 1");
        String summary = "only axes of size 1 can be squeezed, but axis " + axis + " of " + typed(array) + " has size "
                + size
                + (ones.isEmpty() ? "; it has no axis of size 1" : "; its axis of size 1 is "
                + String.join(", ", ones.stream().map(String::valueOf).toList()));
        return Story.of(summary, Optional.of(array));
    }

    private static List<Integer> singletons(Shape shape) {
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < shape.rank(); i++) {
            if (shape.dim(i).is(1)) {
                ones.add(i);
            }
        }
        return ones;
    }

    static List<Candidate> squeezeFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Expr.Call> call = call(s);
        Optional<Operand> array = array(s);
        Optional<Expr> axis = axisArgument(s);
        if (call.isEmpty() || array.isEmpty() || array.get().shape().isEmpty() || axis.isEmpty()) {
            return out;
        }
        Shape shape = array.get().shape().get();
        for (int i : singletons(shape)) {
            String value = i == shape.rank() - 1 ? "-1" : String.valueOf(i);
            out.add(setArgument(s, call.get(), "axis", axis.get(), value, "squeeze axis " + i + ", the one of size 1"));
        }
        out.add(Candidate.silencing(new Edit(call.get().span(), array.get().source()), "leave the array as it is"));
        return out;
    }

    // ------------------------------------------------------------ matrix products

    /** The two factors of a product: the operands of {@code @}, or the first two arguments of matmul/dot. */
    static Optional<Pair> factors(Situation s) {
        Optional<Operand> a = s.operand("a").or(() -> s.operand("input"));
        Optional<Operand> b = s.operand("b").or(() -> s.operand("second"));
        if (a.isEmpty() || b.isEmpty() || a.get().rank() < 1 || b.get().rank() < 1) {
            return Optional.empty();
        }
        return Optional.of(new Pair(a.get(), b.get()));
    }

    /** The axis of {@code b} that is contracted: its second-to-last, or its only one. */
    private static int contracted(Operand b) {
        return Math.max(0, b.rank() - 2);
    }

    static Story matmulStory(Situation s) {
        Operand a = factors(s).orElseThrow().first();
        Operand b = factors(s).orElseThrow().second();
        Dim k = a.last().orElseThrow();
        Dim rows = b.dim(contracted(b)).orElseThrow();
        return Story.of(typed(a) + " @ " + typed(b) + ": the last axis of `" + a.label() + "` ("
                + Mismatches.sizeText(s, k) + ") must equal the " + (b.rank() >= 2 ? "second-to-last" : "only")
                + " axis of `" + b.label() + "` (" + Mismatches.sizeText(s, rows) + ")", Optional.of(b))
                .notes(List.of("a [..., n, k] @ b [..., k, m] gives [..., n, m]: the sizes k are summed over and must "
                        + "agree"));
    }

    static List<Candidate> matmulFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Operand a = factors(s).orElseThrow().first();
        Operand b = factors(s).orElseThrow().second();
        Shape as = a.shape().orElseThrow();
        Shape bs = b.shape().orElseThrow();
        Dim k = as.dim(as.rank() - 1);
        if (bs.rank() == 2 && s.same(k, bs.dim(1))) {
            out.add(Edits.chain(b, ".T", "multiply by the transpose of `" + b.label() + "`"));
        }
        if (as.rank() == 2 && bs.rank() >= 1 && s.same(as.dim(0), bs.dim(contracted(b)))) {
            out.add(Edits.chain(a, ".T", "multiply the transpose of `" + a.label() + "`"));
        }
        Edits.redeclare(s, b, contracted(b), Mismatches.sizeText(s, k), "if `" + b.label() + "` is a weight you "
                + "define, give it " + Mismatches.sizeText(s, k) + " rows").ifPresent(out::add);
        Dim rows = bs.dim(contracted(b));
        Edits.redeclare(s, a, as.rank() - 1, Mismatches.sizeText(s, rows), "if `" + a.label() + "` should have "
                + Mismatches.sizeText(s, rows) + " features, declare it so").ifPresent(out::add);
        return out;
    }

    // ------------------------------------------------------------ take_along_axis

    /** {@code jnp.take_along_axis(arr, indices, axis)}'s array and indices. */
    static Optional<Pair> gather(Situation s) {
        if (!s.function().equals("take_along_axis")) {
            return Optional.empty();
        }
        Optional<Operand> arr = s.operand("input");
        Optional<Operand> indices = s.operand("second");
        if (arr.isEmpty() || indices.isEmpty() || arr.get().shape().isEmpty() || indices.get().shape().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pair(arr.get(), indices.get()));
    }

    /** The indices of another rank than the array. */
    static boolean gatherRank(Situation s) {
        return gather(s).map(g -> g.first().rank() != g.second().rank()).orElse(false);
    }

    /** Indices of the array's rank whose first axis (the batch) differs from the array's. */
    static boolean gatherBatch(Situation s) {
        return gather(s).map(g -> g.first().rank() == g.second().rank() && g.first().rank() >= 2
                && !s.same(g.first().dim(0).orElseThrow(), g.second().dim(0).orElseThrow())).orElse(false);
    }

    /** What the indices were made from: {@code labels} for {@code labels[:, None]}, else the indices themselves. */
    private static Operand base(Situation s, Operand indices) {
        if (indices.expr() instanceof Expr.Subscript sub && addsAxis(sub)) {
            Expr target = sub.target();
            Optional<Shape> shape = indices.shape().map(sh -> sh.without(noneIndex(sub)));
            return new Operand("labels", target, s.syntax.source().of(target.span()), Optional.empty(), shape);
        }
        return indices;
    }

    private static boolean addsAxis(Expr.Subscript sub) {
        return noneIndex(sub) >= 0 && sub.indices().stream().filter(i -> i instanceof Expr.NoneLiteral).count() == 1
                && sub.indices().stream().allMatch(i -> i instanceof Expr.NoneLiteral || i instanceof Expr.Slice
                && ((Expr.Slice) i).lower().isEmpty() && ((Expr.Slice) i).upper().isEmpty());
    }

    private static int noneIndex(Expr.Subscript sub) {
        List<Expr> indices = sub.indices().size() == 1 && sub.indices().get(0) instanceof Expr.TupleExpr t
                ? t.items() : sub.indices();
        for (int i = 0; i < indices.size(); i++) {
            if (indices.get(i) instanceof Expr.NoneLiteral) {
                return i;
            }
        }
        return -1;
    }

    static Story gatherRankStory(Situation s) {
        Operand arr = gather(s).orElseThrow().first();
        Operand indices = gather(s).orElseThrow().second();
        Shape wanted = arr.shape().orElseThrow().with(arr.rank() - 1, Dim.of(1));
        return Story.of(typed(indices) + " has " + indices.rank() + (indices.rank() == 1 ? " axis" : " axes")
                + " but " + typed(arr) + " has " + arr.rank() + ": take_along_axis wants indices of the array's rank, "
                + Mismatches.shapeText(s, wanted) + " to pick one entry per row", Optional.of(indices))
                .axes(Axes.compare(s, wanted, Axes.predictionRoles(wanted.rank(), false),
                        indices.shape().orElseThrow()))
                .notes(List.of("for class indices labels [N] against log-probabilities [N, C]: "
                        + "jnp.take_along_axis(logp, labels[:, None], axis=1) gives [N, 1]"));
    }

    static List<Candidate> gatherRankFixes(Situation s) {
        Operand indices = gather(s).orElseThrow().second();
        Operand base = base(s, indices);
        int rank = gather(s).orElseThrow().first().rank();
        List<Candidate> out = new ArrayList<>();
        if (base != indices && base.rank() == rank) {
            out.add(Edits.replace(indices, base.source(), "`" + base.label() + "` already has the array's rank: pass "
                    + "it as it is"));
        }
        if (base.rank() == rank - 1) {
            out.add(Edits.replace(indices, base.chainable() + (rank == 2 ? "[:, None]" : "[..., None]"),
                    "add the axis to gather along"));
            out.add(Edits.replace(indices, "jnp.expand_dims(" + base.source() + ", -1)", "add the axis to gather "
                    + "along"));
        }
        if (base.rank() == rank + 1 && base.last().map(d -> d.is(1)).orElse(false)) {
            out.add(Edits.replace(indices, base.chainable() + ".squeeze(-1)", "drop the extra axis of size 1"));
        }
        if (rank == 2) {
            out.add(Edits.replace(indices, base.chainable() + ".reshape(-1, 1)", "one index per row, as a column"));
        }
        return out;
    }

    static Story gatherBatchStory(Situation s) {
        Operand arr = gather(s).orElseThrow().first();
        Operand indices = gather(s).orElseThrow().second();
        return Story.of(typed(indices) + " has " + Mismatches.sizeText(s, indices.dim(0).orElseThrow()) + " rows but "
                + typed(arr) + " has " + Mismatches.sizeText(s, arr.dim(0).orElseThrow())
                + ": take_along_axis picks entries row by row, so the indices and the array must agree on every "
                + "axis but the one gathered along", Optional.of(indices))
                .axes(Axes.compare(s, arr.shape().orElseThrow().with(arr.rank() - 1, Dim.of(1)),
                        Axes.predictionRoles(arr.rank(), false), indices.shape().orElseThrow()))
                .notes(List.of("if this happens only on the last batch of an epoch, the labels and the model's "
                        + "outputs come from batches of different sizes"));
    }

    static List<Candidate> gatherBatchFixes(Situation s) {
        Operand arr = gather(s).orElseThrow().first();
        Operand indices = gather(s).orElseThrow().second();
        Optional<Long> n = arr.dim(0).flatMap(s::known);
        Optional<Long> m = indices.dim(0).flatMap(s::known);
        List<Candidate> out = new ArrayList<>();
        if (n.isEmpty() || m.isEmpty()) {
            return out;
        }
        if (m.get() > n.get()) {
            Operand base = base(s, indices);
            if (base != indices) {
                out.add(Candidate.silencing(new Edit(base.span(), base.chainable() + "[:" + n.get() + "]"),
                        "keep only the first " + n.get() + " labels (the rest are dropped unpaired)"));
            } else {
                out.add(Edits.silencingChain(indices, "[:" + n.get() + "]", "keep only the first " + n.get()
                        + " rows of indices (the rest are dropped unpaired)"));
            }
        } else {
            out.add(Edits.silencingChain(arr, "[:" + m.get() + "]", "keep only the first " + m.get() + " rows of `"
                    + arr.label() + "` (the others get no labels)"));
        }
        return out;
    }
}
