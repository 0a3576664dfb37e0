package dev.shapes.explain;

import dev.shapes.eval.Suggestions;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The table of mismatch kinds: each row recognises one mistake from the
 * framework's complaint and the operands' shapes, dtypes and values, tells
 * it in the user's terms, and proposes fixes in order of likely intent.
 * Rows are tried in order; the first that applies explains the statement.
 * A framework's rows only need the situation, so new profiles' errors join
 * by adding rows (and templates in the message catalog).
 */
final class Mismatches {

    /** PyTorch's class-index losses: classes on dim 1, targets one axis shorter than the logits. */
    private static final Set<String> CLASS_INDEX_LOSSES = Set.of("cross_entropy", "nll_loss");
    /** Losses of integer class ids with the classes on the last axis of the logits. */
    private static final Set<String> SPARSE_LOSSES = Set.of("sparse_categorical_crossentropy",
            "sparse_softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_integer_labels");
    /** Their counterparts that take one-hot rows (or probabilities) of the logits' shape. */
    private static final Set<String> CATEGORICAL_LOSSES = Set.of("categorical_crossentropy",
            "softmax_cross_entropy_with_logits", "softmax_cross_entropy");

    private Mismatches() {}

    static final List<Row> ROWS = List.of(
            // ---------------------------------------------------------------- arguments in the other framework's order
            new Row("argument-order", Kind.OTHER, s -> isError(s) && s.loss().isPresent() && s.label().isPresent()
                    && s.prediction().isPresent() && SilentBugs.swappedByTypes(s.label().get(), s.prediction().get()),
                    Mismatches::orderStory, s -> List.of(SilentBugs.swap(s.label().get(), s.prediction().get()))),
            new Row("argument-order-note", Kind.OTHER, s -> noteOf(s, "swapped-arguments") && s.loss().isPresent()
                    && s.label().isPresent() && s.prediction().isPresent(), Mismatches::swappedNoteStory,
                    s -> List.of(SilentBugs.swap(s.label().get(), s.prediction().get()))),
            // ---------------------------------------------------------------- batch size, for every loss
            new Row("batch-size", Kind.BATCH_SIZE, Mismatches::batchMismatch, Mismatches::batchStory,
                    Mismatches::batchFixes),
            new Row("batch-broadcast", Kind.BATCH_SIZE, Mismatches::batchBroadcast, Mismatches::batchBroadcastStory,
                    Mismatches::batchBroadcastFixes),
            new Row("class-axis", Kind.CLASS_COUNT, Mismatches::wrongClassAxis, Mismatches::classAxisStory,
                    Mismatches::classAxisFixes),
            // ---------------------------------------------------------------- class-index losses (cross_entropy, nll_loss)
            new Row("extra-label-axis", Kind.LABEL_RANK, s -> classIndex(s) && isError(s) && extraLabelAxis(s),
                    Mismatches::extraAxisStory, Mismatches::extraAxisFixes),
            new Row("flatten-labels", Kind.LABEL_RANK, s -> classIndex(s) && isError(s) && flattenedLogits(s),
                    Mismatches::flattenStory, Mismatches::flattenFixes),
            new Row("one-hot-labels", Kind.LABEL_ENCODING, s -> classIndex(s) && isError(s) && oneHotLabels(s),
                    Mismatches::oneHotStory, Mismatches::oneHotFixes),
            new Row("label-columns-vs-classes", Kind.CLASS_COUNT, s -> classIndex(s) && isError(s) && labelColumns(s),
                    Mismatches::labelColumnsStory, Mismatches::labelColumnsFixes),
            new Row("channels-last-logits", Kind.CLASS_COUNT, s -> classIndex(s) && isError(s) && channelsLast(s),
                    Mismatches::channelsLastStory, Mismatches::channelsLastFixes),
            new Row("spatial-size", Kind.OTHER, s -> classIndex(s) && isError(s) && spatialMismatch(s),
                    Mismatches::spatialStory, Mismatches::spatialFixes),
            new Row("float-class-indices", Kind.DTYPE, s -> classIndex(s) && isError(s) && floatIndices(s),
                    Mismatches::floatIndicesStory, Mismatches::floatIndicesFixes),
            new Row("label-out-of-range", Kind.LABEL_RANGE, s -> s.isLoss(LossInfo.Family.CLASS_INDEX) && s.hasShapes()
                    && (Set.of("torch.target-out-of-bounds", "tf.label-range").contains(s.templateId())
                    || noteOf(s, "out-of-range-label") || noteOf(s, "negative-label")),
                    Mismatches::outOfRangeStory, Mismatches::outOfRangeFixes),
            new Row("integer-logits", Kind.DTYPE, s -> s.loss().isPresent() && isError(s)
                    && s.prediction().flatMap(Operand::dtype).map(d -> !d.isFloating()).orElse(false)
                    && (s.templateId().equals("torch.kernel-dtype") || s.templateId().equals("torch.mean-dtype")
                    || jaxDtype(s, "floating")),
                    Mismatches::integerPredictionStory, Mismatches::integerPredictionFixes),
            new Row("weight-per-class", Kind.CLASS_COUNT, s -> s.templateId().equals("torch.weight-classes"),
                    Mismatches::weightStory, Mismatches::weightFixes),
            new Row("probabilities-with-ignore-index", Kind.LABEL_ENCODING,
                    s -> s.templateId().equals("torch.ignore-index-probabilities"),
                    s -> Story.of("`ignore_index` only works with class indices, but " + quote(s.label())
                            + " has the logits' exact shape, so it is read as class probabilities", s.label()),
                    s -> s.label().map(l -> List.of(Edits.chain(l, ".argmax(dim=1)",
                            "turn the rows into class indices, which ignore_index applies to"))).orElse(List.of())),
            // ---------------------------------------------------------------- binary losses
            new Row("binary-target-axis", Kind.LABEL_RANK, s -> binary(s) && isError(s) && binaryExtraAxis(s),
                    Mismatches::binaryAxisStory, Mismatches::binaryAxisFixes),
            new Row("target-axis", Kind.LABEL_RANK, s -> regression(s) && s.hasShapes() && isError(s)
                    && s.templateId().equals("jax.shape-mismatch") && binaryExtraAxis(s),
                    Mismatches::binaryAxisStory, Mismatches::binaryAxisFixes),
            new Row("binary-class-indices", Kind.LABEL_ENCODING, s -> binary(s) && isError(s) && binaryIndexLabels(s),
                    Mismatches::binaryIndicesStory, Mismatches::binaryIndicesFixes),
            new Row("binary-width", Kind.CLASS_COUNT, s -> binary(s) && (isError(s) || broadcastNote(s))
                    && binaryWidth(s),
                    Mismatches::binaryWidthStory, Mismatches::binaryWidthFixes),
            new Row("binary-target-dtype", Kind.DTYPE, s -> binary(s) && isError(s) && binaryDtype(s),
                    Mismatches::binaryDtypeStory, Mismatches::binaryDtypeFixes),
            new Row("probabilities-out-of-range", Kind.OTHER, s -> s.templateId().equals("torch.bce-input-range"),
                    Mismatches::probabilityRangeStory, Mismatches::probabilityRangeFixes),
            new Row("binary-target-range", Kind.LABEL_RANGE, s -> s.templateId().equals("torch.bce-target-range"),
                    s -> Story.of(quote(s.label()) + " has values outside [0, 1]: binary cross-entropy targets are "
                            + "probabilities, usually 0 or 1", s.label()).conventions(conventions(s)),
                    s -> s.label().map(l -> List.of(Edits.replace(l, "(" + l.source() + " > 0).float()",
                            "treat every nonzero target as positive"))).orElse(List.of())),
            // ---------------------------------------------------------------- Keras and tf.nn class losses
            new Row("sparse-loss-one-hot-labels", Kind.LABEL_ENCODING, s -> isError(s) && s.hasShapes()
                    && SPARSE_LOSSES.contains(s.function()) && s.sameShape(pred(s), label(s)) && pred(s).rank() >= 2,
                    Mismatches::sparseOneHotStory, Mismatches::sparseOneHotFixes),
            new Row("categorical-loss-index-labels", Kind.LABEL_ENCODING, s -> (isError(s) || broadcastNote(s))
                    && s.hasShapes() && CATEGORICAL_LOSSES.contains(s.function()) && indexLabelsForOneHot(s),
                    Mismatches::categoricalIndexStory, Mismatches::categoricalIndexFixes),
            new Row("keras-output-width", Kind.CLASS_COUNT, s -> isError(s) && s.hasShapes()
                    && s.loss().map(l -> l.framework().equals("keras") || l.framework().equals("tf")).orElse(false)
                    && binaryWidth(s), Mismatches::binaryWidthStory, Mismatches::kerasWidthFixes),
            new Row("one-hot-width", Kind.CLASS_COUNT, s -> isError(s) && s.hasShapes()
                    && s.isLoss(LossInfo.Family.CLASS_PROBABILITIES) && binaryWidth(s),
                    Mismatches::binaryWidthStory, Mismatches::kerasWidthFixes),
            new Row("sparse-label-axis", Kind.LABEL_RANK, s -> isError(s) && s.hasShapes()
                    && Set.of("sparse_softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_integer_labels")
                    .contains(s.function()) && extraLabelAxisLast(s),
                    s -> Story.of(quote(s.label()) + " " + shapeText(s, label(s)) + " has a trailing axis of size 1: "
                            + callName(s) + " wants one class index per sample, one axis less than the logits "
                            + shapeText(s, pred(s)) + ", so " + shapeText(s, pred(s).without(pred(s).rank() - 1)),
                            s.label())
                            .axes(Axes.compare(s, pred(s).without(pred(s).rank() - 1),
                                    Axes.classIndexRoles(pred(s).rank() - 1), label(s)))
                            .conventions(conventions(s)),
                    Mismatches::trailingLabelAxisFixes),
            new Row("flatten-class-labels", Kind.LABEL_RANK, s -> isError(s) && flattenedClassLabels(s),
                    Mismatches::flattenClassLabelsStory, Mismatches::flattenClassLabelsFixes),

            new Row("class-indices-dtype", Kind.DTYPE, s -> s.isLoss(LossInfo.Family.CLASS_INDEX)
                    && (s.templateId().equals("tf.labels-dtype") || jaxDtype(s, "integer")) && s.label().isPresent(),
                    s -> Story.of(quote(s.label()) + " holds class ids as " + dtypeName(s.label()) + ": "
                            + callName(s) + " wants int32 or int64 labels", s.label()).conventions(conventions(s)),
                    s -> List.of(Edits.replace(s.label().get(), Spelling.toInt64(s.framework, s.label().get()),
                            "convert the class ids to " + (s.framework.equals("jax") ? "int32" : "int64")))),
            new Row("to-categorical-classes", Kind.LABEL_RANGE, s -> s.function().equals("to_categorical")
                    && s.templateId().equals("numpy.index-out-of-bounds"),
                    s -> Story.of("to_categorical needs every class id in [0, num_classes) but " + quote(s.operand("input"))
                            + " has " + s.problem.recognition().flatMap(r -> r.facts().text("index")).orElse("a larger one"),
                            s.operand("input")),
                    Mismatches::oneHotRangeFixes),
            // ---------------------------------------------------------------- Keras layers
            new Row("layer-input-width", Kind.OTHER, s -> s.templateId().equals("keras.input-axis"),
                    Mismatches::layerWidthStory, Mismatches::layerWidthFixes),
            new Row("model-input-shape", Kind.OTHER, s -> s.templateId().equals("keras.invalid-input-shape")
                    && s.operand("input").isPresent(), Mismatches::modelInputStory, Mismatches::modelInputFixes),
            new Row("from-logits-on-probabilities", Kind.OTHER, s -> s.templateId().equals("keras.from-logits-activation"),
                    s -> Story.of(callName(s) + " is told from_logits=True, but its input already went through "
                            + s.problem.recognition().flatMap(r -> r.facts().text("activation")).orElse("an activation")
                            + ": the activation is applied twice", s.prediction()).conventions(List.of(Conventions.FROM_LOGITS)),
                    s -> Edits.keyword(s, "from_logits", "False", "the model outputs probabilities").map(List::of)
                            .orElse(List.of())),
            new Row("single-output-categorical", Kind.OTHER, s -> s.templateId().equals("keras.single-class"),
                    s -> Story.of("categorical cross-entropy over a single output is always 0: with one output per "
                            + "sample this is binary classification", s.prediction()).conventions(conventions(s)),
                    s -> Edits.renameCallee(s, "binary_crossentropy", "use the binary loss for one output per sample")
                            .map(List::of).orElse(List.of())),
            new Row("layer-input-rank", Kind.OTHER, s -> s.templateId().equals("keras.input-rank")
                    && s.operand("input").flatMap(Operand::shape).isPresent(),
                    Mismatches::layerRankStory, Mismatches::layerRankFixes),
            new Row("convolution-too-big", Kind.OTHER, s -> s.templateId().equals("keras.conv-output-size"),
                    s -> Story.of("the kernel is bigger than the image: with padding=\"valid\" a convolution needs "
                            + "the spatial sizes to be at least the kernel's", s.operand("input")),
                    s -> s.call.flatMap(CallSite::constructor).flatMap(c -> Edits.keyword(c, "padding", "\"same\"",
                            "pad the input so the output keeps its size")).map(List::of).orElse(List.of())),
            // ---------------------------------------------------------------- tf reshapes
            new Row("feed-shape", Kind.OTHER, s -> s.templateId().equals("tf.feed-shape") && feedValue(s).isPresent(),
                    Mismatches::feedStory, Mismatches::feedFixes),
            new Row("tf-squeeze-axis", Kind.OTHER, s -> s.templateId().equals("tf.squeeze") && s.operand("input").isPresent(),
                    s -> Story.of("only axes of size 1 can be squeezed, and the axis named has size "
                            + s.problem.recognition().flatMap(r -> r.facts().text("got")).orElse("more than 1"),
                            s.operand("input")),
                    s -> List.of(Candidate.silencing(new Edit(s.call.get().site().span(),
                            s.operand("input").get().source()), "leave the tensor as it is"))),
            new Row("tf-reshape-size", Kind.OTHER, s -> s.templateId().equals("tf.reshape"),
                    s -> Story.of("the requested shape does not multiply to the tensor's element count ("
                            + s.problem.recognition().flatMap(r -> r.facts().text("values")).orElse("?")
                            + "); one entry can be -1 to be inferred", Optional.empty()),
                    Mismatches::tfReshapeFixes),
            // ---------------------------------------------------------------- array operations (NumPy, JAX)
            new Row("reshape-size", Kind.OTHER, s -> Set.of("jax.reshape", "numpy.reshape").contains(s.templateId())
                    && ArrayOps.reshapeSizes(s).isPresent(), ArrayOps::reshapeStory, ArrayOps::reshapeFixes),
            new Row("squeeze-axis", Kind.OTHER, s -> s.templateId().equals("jax.squeeze")
                    && ArrayOps.array(s).flatMap(Operand::shape).isPresent() && ArrayOps.axisArgument(s).isPresent(),
                    ArrayOps::squeezeStory, ArrayOps::squeezeFixes),
            new Row("axis-out-of-range", Kind.OTHER, s -> Set.of("numpy.axis", "jax.axis-tuple-index")
                    .contains(s.templateId()) && ArrayOps.axisOutOfRange(s).isPresent(),
                    ArrayOps::axisStory, ArrayOps::axisFixes),
            new Row("matmul-inner", Kind.OTHER, s -> Set.of("jax.dot-general", "numpy.matmul").contains(s.templateId())
                    && ArrayOps.factors(s).isPresent(), ArrayOps::matmulStory, ArrayOps::matmulFixes),
            new Row("gather-index-rank", Kind.LABEL_RANK, s -> s.templateId().equals("jax.take-along-axis")
                    && ArrayOps.gatherRank(s), ArrayOps::gatherRankStory, ArrayOps::gatherRankFixes),
            new Row("gather-batch", Kind.BATCH_SIZE, s -> isError(s) && ArrayOps.gatherBatch(s),
                    ArrayOps::gatherBatchStory, ArrayOps::gatherBatchFixes),
            // ---------------------------------------------------------------- regression and elementwise
            new Row("index-broadcast", Kind.BROADCAST, s -> s.function().equals("[]") && s.problem.note()
                    .map(n -> n.kind().equals("silent-broadcast")).orElse(false) && columnIndex(s).isPresent(),
                    Mismatches::indexBroadcastStory, Mismatches::indexBroadcastFixes),
            new Row("index-batch", Kind.BATCH_SIZE, s -> s.function().equals("[]") && isError(s)
                    && indexLengths(s).size() >= 2, Mismatches::indexBatchStory, Mismatches::indexBatchFixes),
            new Row("silent-broadcast", Kind.BROADCAST, Mismatches::silentBroadcast, Mismatches::silentStory,
                    Mismatches::silentFixes),
            new Row("output-width", Kind.BROADCAST, s -> regression(s) && isError(s) && s.hasShapes()
                    && Set.of("torch.broadcast", "tf.dimensions-equal", "tf.incompatible-shapes", "jax.shape-mismatch",
                    "jax.op-broadcast", "jax.broadcast").contains(s.templateId()),
                    Mismatches::outputWidthStory, Mismatches::outputWidthFixes),
            new Row("operand-broadcast", Kind.BROADCAST, s -> Set.of("torch.broadcast", "numpy.broadcast",
                    "jax.op-broadcast", "jax.broadcast", "tf.incompatible-shapes").contains(s.templateId())
                    && ArrayOps.elementwise(s).isPresent(),
                    Mismatches::operandBroadcastStory, Mismatches::operandBroadcastFixes),
            new Row("integer-regression", Kind.DTYPE, s -> regression(s) && isError(s)
                    && (s.templateId().equals("torch.kernel-dtype") || s.templateId().equals("torch.mean-dtype")
                    || s.templateId().equals("torch.result-type") || s.templateId().equals("torch.kl-div-integral")),
                    Mismatches::integerPredictionStory, Mismatches::integerRegressionFixes),
            // ---------------------------------------------------------------- layers and tensor operations
            new Row("linear-in-features", Kind.OTHER, s -> s.templateId().equals("torch.matmul"),
                    Mismatches::matmulStory, Mismatches::matmulFixes),
            new Row("layer-input-dtype", Kind.DTYPE, s -> s.templateId().equals("torch.input-dtype"),
                    s -> Story.of(quote(s.operand("input")) + " is " + s.operand("input").map(Operand::typeString)
                            .orElse("double") + " but the layer's weights are float32: convert the input (NumPy "
                            + "arrays are float64 by default)", s.operand("input")),
                    s -> s.operand("input").map(i -> List.of(Edits.chain(i, ".float()", "convert the input to "
                            + "float32, the layer's dtype"))).orElse(List.of())),
            new Row("view-size", Kind.OTHER, s -> s.templateId().equals("torch.view"), Mismatches::viewStory,
                    Mismatches::viewFixes),
            new Row("one-hot-classes", Kind.LABEL_RANGE, s -> s.templateId().equals("torch.one-hot-range")
                    || noteOf(s, "out-of-range-label") && s.function().equals("one_hot"),
                    Mismatches::oneHotRangeStory, Mismatches::oneHotRangeFixes),
            new Row("one-hot-dtype", Kind.DTYPE, s -> Set.of("torch.one-hot-dtype", "jax.one-hot-dtype")
                    .contains(s.templateId()), Mismatches::oneHotDtypeStory,
                    s -> s.operand("input").map(i -> List.of(Edits.replace(i, Spelling.toInt64(s.framework, i),
                            "convert the class indices to " + (s.framework.equals("jax") ? "int32" : "int64"))))
                            .orElse(List.of())),
            new Row("one-hot-axis", Kind.LABEL_RANK, s -> noteOf(s, "one-hot-axis") && s.function().equals("one_hot")
                    && s.operand("input").filter(i -> i.last().map(d -> d.is(1)).orElse(false)).isPresent(),
                    s -> Story.of(quote(s.operand("input")) + " " + s.operand("input").get().typeString() + " already "
                            + "ends in an axis of size 1, and one_hot appends the class axis after it: the result has "
                            + "an axis too many", s.operand("input")),
                    s -> List.of(Edits.replace(s.operand("input").get(), Spelling.squeezeLast(s.framework,
                            s.operand("input").get()), "one class index per sample: drop the axis of size 1 first"))),
            new Row("softmax-dim", Kind.OTHER, s -> s.templateId().equals("torch.dim-range"),
                    s -> Story.of("the dimension is out of range for a tensor of " + s.operand("input")
                            .or(() -> s.operand("self")).map(o -> o.rank() + " axes").orElse("this rank")
                            + " (dims count from 0; -1 is the last)", s.operand("input").or(() -> s.operand("self"))),
                    s -> Edits.keyword(s, "dim", "-1", "use the last axis").map(List::of).orElse(List.of())),
            new Row("loss-parameter", Kind.OTHER, s -> s.templateId().equals("torch.loss-parameter"),
                    s -> Story.of(callName(s) + "'s " + param(s) + " must be " + (param(s).equals("beta")
                            ? "0 or more" : "positive") + " (it is the point where the loss turns from quadratic to "
                            + "linear)", Optional.empty()),
                    s -> Edits.keyword(s, param(s), "1.0", "use the default, 1.0").map(List::of).orElse(List.of())),
            new Row("loss-weight-shape", Kind.BROADCAST, s -> s.templateId().equals("torch.loss-weight-size"),
                    s -> Story.of("`weight` must have exactly the input's shape " + shapeText(s, pred(s))
                            + ": one weight per element", weightOf(s)),
                    Mismatches::lossWeightFixes),
            new Row("keyword-not-in-version", Kind.OTHER, s -> s.templateId().equals("torch.unexpected-keyword"),
                    s -> Story.of(callName(s) + " has no `" + keywordOf(s) + "=` argument in " + s.frameworkLabel()
                            + (keywordOf(s).equals("weight") ? " (it arrived in PyTorch 2.x)" : ""), Optional.empty()),
                    s -> s.call.flatMap(CallSite::keywordTarget).flatMap(c -> Edits.removeKeyword(s.syntax.source(),
                            c, keywordOf(s), "drop the argument")).map(c -> List.of(new Candidate(c.edits(), c.code(), c.description(),
                            true))).orElse(List.of())),
            new Row("kl-div-reduction", Kind.OTHER, s -> s.templateId().equals("torch.kl-div-mean"),
                    s -> Story.of("kl_div's reduction='mean' (the default) averages over every element, not over the "
                            + "batch: the KL divergence is reduction='batchmean'", Optional.empty())
                            .conventions(conventions(s)),
                    s -> Edits.keyword(s, "reduction", "\"batchmean\"", "the KL divergence per sample")
                            .map(List::of).orElse(List.of())),
            new Row("deprecated-reduction", Kind.OTHER, s -> s.templateId().equals("torch.elementwise-mean")
                    || s.templateId().equals("torch.legacy-reduction"),
                    s -> Story.of("the reduction is spelled the old way; PyTorch now takes reduction='none' | 'mean' "
                            + "| 'sum'", Optional.empty()),
                    Mismatches::modernReductionFixes),
            new Row("reduction-value", Kind.OTHER, s -> s.templateId().equals("torch.reduction")
                    || s.templateId().equals("torch.invalid-reduction-mode"),
                    s -> Story.of("reduction must be 'none', 'mean' or 'sum'"
                            + (s.function().equals("kl_div") ? " (or 'batchmean' for kl_div)" : ""), Optional.empty()),
                    Mismatches::reductionFixes));

    // ============================================================ helpers

    static boolean isError(Situation s) {
        return s.problem.severity() == Severity.ERROR;
    }

    /** A Shapes note of this kind (e.g. {@code silent-broadcast}). */
    static boolean noteOf(Situation s, String kind) {
        return s.problem.note().map(n -> n.kind().equals(kind)).orElse(false);
    }

    static boolean broadcastNote(Situation s) {
        return noteOf(s, "silent-broadcast");
    }

    /** optax's dtype check: {@code wanted} is "floating" (logits, predictions) or "integer" (class indices). */
    static boolean jaxDtype(Situation s, String wanted) {
        return s.templateId().equals("jax.dtype")
                && s.problem.recognition().flatMap(r -> r.facts().text("wanted")).map(wanted::equals).orElse(false);
    }

    /** The loss of the same framework that takes the labels the other way ({@code sparse} ↔ one-hot rows). */
    private static String counterpart(Situation s, boolean sparse) {
        return switch (s.framework) {
            case "tf" -> sparse ? "sparse_softmax_cross_entropy_with_logits" : "softmax_cross_entropy_with_logits";
            case "jax" -> sparse ? "softmax_cross_entropy_with_integer_labels" : "softmax_cross_entropy";
            default -> sparse ? "sparse_categorical_crossentropy" : "categorical_crossentropy";
        };
    }

    static boolean classIndex(Situation s) {
        return CLASS_INDEX_LOSSES.contains(s.function()) && s.hasShapes();
    }

    static boolean binary(Situation s) {
        return s.isLoss(LossInfo.Family.BINARY) && s.hasShapes();
    }

    static boolean regression(Situation s) {
        return s.isLoss(LossInfo.Family.REGRESSION) || s.isLoss(LossInfo.Family.DIVERGENCE);
    }

    /** The axis the classes are on: dim 1 in PyTorch (dim 0 for one sample), the last axis elsewhere. */
    static int classAxis(Situation s, Shape prediction) {
        if (s.framework.equals("torch")) {
            return prediction.rank() == 1 ? 0 : 1;
        }
        return Math.max(0, prediction.rank() - 1);
    }

    static String quote(Optional<Operand> operand) {
        return operand.map(o -> "`" + o.label() + "`").orElse("the argument");
    }

    /** How the call is spelled for the user: {@code F.cross_entropy}, {@code nn.CrossEntropyLoss}, {@code criterion}. */
    static String callName(Situation s) {
        if (s.call.isEmpty() || !(s.call.get().site() instanceof Expr.Call call)) {
            return s.function();
        }
        if (call.callee() instanceof Expr.Call constructor) {
            return s.syntax.source().of(constructor.callee().span());
        }
        String callee = s.syntax.source().of(call.callee().span());
        return s.call.get().constructor().map(c -> callee + " (" + s.syntax.source().of(c.callee().span()) + ")")
                .orElse(callee);
    }

    static List<String> conventions(Situation s) {
        return s.loss().map(Conventions::of).orElse(List.of());
    }

    private static Shape pred(Situation s) {
        return s.predictionShape();
    }

    private static Shape label(Situation s) {
        return s.labelShape();
    }


    static String shapeText(Situation s, Shape shape) {
        List<String> dims = new ArrayList<>();
        for (Dim d : shape.dims()) {
            dims.add(Axes.text(s, d));
        }
        return "[" + String.join(", ", dims) + "]";
    }

    private static String dtypeName(Optional<Operand> operand) {
        return operand.flatMap(Operand::dtype).map(d -> d.longName).orElse("?");
    }

    /** A value the way a user would read it: up to 4 significant decimals. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v) + ".0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String sizeText(Situation s, Dim d) {
        return s.resolve(d).toString();
    }

    // ============================================================ batch size

    static boolean batchMismatch(Situation s) {
        if (!isError(s) || !s.hasShapes() || s.loss().isEmpty()) {
            return false;
        }
        if (s.templateId().equals("torch.batch-size") || s.templateId().equals("torch.unbatched-target")
                || s.templateId().equals("keras.cardinality")) {
            return true;
        }
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() == 0 || l.rank() == 0) {
            return false;
        }
        if (p.rank() == 1 && CLASS_INDEX_LOSSES.contains(s.function()) || flattenedClassLabels(s)) {
            return false;
        }
        return !s.same(p.dim(0), l.dim(0));
    }

    /** What the labels of a loss must look like, from the prediction: its shape without the class axis, or itself. */
    private static Shape expectedLabels(Situation s, Shape p) {
        if (CLASS_INDEX_LOSSES.contains(s.function())) {
            return Axes.classIndexTarget(p);
        }
        return s.isLoss(LossInfo.Family.CLASS_INDEX) && p.rank() >= 1 ? p.without(p.rank() - 1) : p;
    }

    private static List<AxisRole> expectedRoles(Situation s, int rank) {
        return s.isLoss(LossInfo.Family.CLASS_INDEX) ? Axes.classIndexRoles(rank) : Axes.predictionRoles(rank, false);
    }

    static Story batchStory(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        String n = p.rank() == 0 ? "1" : sizeText(s, p.dim(0));
        String m = l.rank() == 0 ? "0" : sizeText(s, l.dim(0));
        boolean unbatched = p.rank() == 1 && CLASS_INDEX_LOSSES.contains(s.function());
        String summary;
        if (unbatched) {
            summary = quote(s.prediction()) + " is one sample's logits " + shapeText(s, p) + " (no batch axis), but "
                    + quote(s.label()) + " holds " + m + " labels";
        } else if (s.inLoop()) {
            summary = "in one batch of the loop, " + quote(s.prediction()) + " has " + n + " samples but "
                    + quote(s.label()) + " has " + m;
        } else {
            summary = quote(s.prediction()) + " has a batch of " + n + " samples but " + quote(s.label()) + " has " + m
                    + ": predictions and labels must pair up one to one";
        }
        List<String> notes = new ArrayList<>();
        if (s.inLoop()) {
            notes.add("a data loader's last batch is smaller when the dataset size is not a multiple of the batch "
                    + "size; labels or outputs fixed at the full batch size then disagree with it");
        } else if (!unbatched && s.framework.equals("jax")) {
            notes.add("if this happens only on the last batch of an epoch, the input pipeline's final batch is smaller: "
                    + "drop it (drop_remainder) or pad it to the full batch size");
        } else if (!unbatched) {
            notes.add("if this happens only on the last batch of an epoch, it is the data loader's final, partial "
                    + "batch: DataLoader(..., drop_last=True) skips it");
        }
        List<AxisRole> roles = expectedRoles(s, l.rank());
        Shape expected = expectedLabels(s, p);
        return Story.of(summary, s.label()).axes(Axes.compare(s, expected, roles, l)).conventions(conventions(s))
                .notes(notes);
    }

    static List<Candidate> batchFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        if (s.inLoop()) {
            DataLoaders.dropLast(s).ifPresent(out::add);
        }
        Shape p = pred(s);
        Shape l = label(s);
        Optional<Long> n = p.rank() == 0 ? Optional.empty() : s.known(p.dim(0));
        Optional<Long> m = l.rank() == 0 ? Optional.empty() : s.known(l.dim(0));
        if (n.isPresent() && m.isPresent() && s.label().isPresent() && s.prediction().isPresent()) {
            Optional<Operand> input = s.operand("input").filter(i -> s.prediction().get().synthetic());
            if (n.get() > m.get() && input.isPresent()) {
                out.add(Edits.silencingChain(input.get(), "[:" + m.get() + "]", "keep only the first " + m.get()
                        + " input sample(s) (the others get no labels)"));
            }
            if (m.get() > n.get()) {
                out.add(Edits.silencingChain(s.label().get(), "[:" + n.get() + "]", "keep only the first " + n.get()
                        + " label(s) (the rest are dropped unpaired)"));
            } else if (n.get() > m.get()) {
                out.add(Edits.silencingChain(s.prediction().get(), "[:" + m.get() + "]", "keep only the first "
                        + m.get() + " prediction(s) (the others get no labels)"));
            }
        }
        return out;
    }

    static Story orderStory(Situation s) {
        LossInfo loss = s.loss().orElseThrow();
        String order = loss.labelFirst() ? "(" + loss.labelName() + ", " + loss.predictionName() + ")"
                : "(" + loss.predictionName() + ", " + loss.labelName() + ")";
        return Story.of("the arguments are swapped: " + callName(s) + " takes " + order + ", but "
                + quote(s.label()) + " (a prediction, " + s.label().get().typeString() + ") is where the labels go",
                s.label()).conventions(conventions(s));
    }

    static Story swappedNoteStory(Situation s) {
        LossInfo loss = s.loss().orElseThrow();
        return Story.of("the arguments look swapped: " + callName(s) + " takes (" + loss.predictionName() + ", "
                + loss.labelName() + "), but " + quote(s.prediction()) + " holds one-hot or probability rows, like "
                + "labels, and " + quote(s.label()) + " looks like " + loss.predictionName(), s.prediction())
                .conventions(conventions(s));
    }

    /** A silent broadcast of a loss over the batch: one side has a single sample (or label), the other several. */
    static boolean batchBroadcast(Situation s) {
        if (!broadcastNote(s) || !s.hasShapes() || s.loss().isEmpty() || pred(s).rank() == 0 || label(s).rank() == 0) {
            return false;
        }
        Dim n = s.resolve(pred(s).dim(0));
        Dim m = s.resolve(label(s).dim(0));
        return !s.same(n, m) && (n.is(1) || m.is(1));
    }

    static Story batchBroadcastStory(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        boolean oneLabel = s.resolve(l.dim(0)).is(1);
        String summary = oneLabel
                ? quote(s.label()) + " " + shapeText(s, l) + " holds a single sample's label but " + quote(s.prediction())
                + " " + shapeText(s, p) + " has " + sizeText(s, p.dim(0)) + ": it is broadcast over the batch, so every "
                + "sample is scored against the same label"
                : quote(s.prediction()) + " " + shapeText(s, p) + " holds a single sample but " + quote(s.label()) + " "
                + shapeText(s, l) + " has " + sizeText(s, l.dim(0)) + " labels: the same prediction is scored against "
                + "every label";
        Shape expected = expectedLabels(s, p);
        return Story.of(summary, oneLabel ? s.label() : s.prediction())
                .axes(Axes.compare(s, expected, expectedRoles(s, expected.rank()), l))
                .conventions(conventions(s))
                .notes(List.of("no error and no warning: a batch axis of size 1 broadcasts against any batch size"));
    }

    static List<Candidate> batchBroadcastFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        if (s.resolve(label(s).dim(0)).is(1)) {
            Edits.redeclare(s, l, 0, sizeText(s, pred(s).dim(0)), "one label per sample: declare `" + l.label()
                    + "` with " + sizeText(s, pred(s).dim(0)) + (l.rank() == 1 ? " labels" : " rows"))
                    .ifPresent(out::add);
            out.add(Edits.silencingChain(p, "[:1]", "keep only the first sample (the one the label belongs to)"));
        } else {
            Edits.redeclare(s, p, 0, sizeText(s, label(s).dim(0)), "one prediction per label: declare `" + p.label()
                    + "` with " + sizeText(s, label(s).dim(0)) + " rows").ifPresent(out::add);
            out.add(Edits.silencingChain(l, "[:1]", "keep only the first label (the one the prediction belongs to)"));
        }
        return out;
    }

    // ============================================================ Keras and tf.nn

    static Story sparseOneHotStory(Situation s) {
        return Story.of(quote(s.label()) + " looks one-hot (" + shapeText(s, label(s)) + ", the prediction's shape), "
                + "but " + callName(s) + " takes one integer class id per sample", s.label())
                .axes(Axes.compare(s, pred(s).without(pred(s).rank() - 1), Axes.classIndexRoles(pred(s).rank() - 1),
                        label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> sparseOneHotFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Edits.renameCallee(s, counterpart(s, false), "keep the one-hot labels and use the categorical loss")
                .ifPresent(out::add);
        Operand l = s.label().orElseThrow();
        String argmax = switch (s.framework) {
            case "tf" -> "tf.argmax(" + l.source() + ", axis=-1)";
            case "jax" -> Spelling.argmax(s.framework, l, l.rank() - 1);
            default -> "np.argmax(" + l.source() + ", axis=-1)";
        };
        out.add(Edits.replace(l, argmax, "turn the one-hot rows into class ids"));
        return out;
    }

    /** Labels [N, 1] for a loss of class ids [N] with the classes last. */
    static List<Candidate> trailingLabelAxisFixes(Situation s) {
        Operand l = s.label().orElseThrow();
        if (s.framework.equals("tf")) {
            return List.of(Edits.replace(l, "tf.squeeze(" + l.source() + ", axis=-1)", "drop the trailing axis"));
        }
        List<Candidate> out = new ArrayList<>();
        out.add(Edits.replace(l, Spelling.squeezeLast(s.framework, l), "drop the trailing axis"));
        if (l.rank() == 2) {
            out.add(Edits.chain(l, "[:, 0]", "take the only column"));
            out.add(Edits.replace(l, Spelling.flatten(s.framework, l), "flatten to one class id per sample"));
        }
        return out;
    }

    /**
     * Per-position class ids and logits flattened differently: labels [N*T] against logits [N, T, C], or
     * labels [N, T] against logits [N*T, C] (optax's classes are on the last axis).
     */
    static boolean flattenedClassLabels(Situation s) {
        if (!s.hasShapes() || !s.isLoss(LossInfo.Family.CLASS_INDEX)
                || !s.loss().map(l -> l.framework().equals("jax")).orElse(false) || pred(s).rank() < 2) {
            return false;
        }
        Shape batch = pred(s).without(pred(s).rank() - 1);
        Shape l = label(s);
        if (l.rank() == batch.rank() || s.sameShape(l, pred(s)) || extraLabelAxisLast(s)) {
            return false;
        }
        Optional<Long> labels = s.known(l.numelDim());
        return labels.isPresent() && labels.equals(s.known(batch.numelDim()));
    }

    static Story flattenClassLabelsStory(Situation s) {
        Shape p = pred(s);
        Shape batch = p.without(p.rank() - 1);
        Shape l = label(s);
        String summary = l.rank() < batch.rank()
                ? quote(s.label()) + " " + shapeText(s, l) + " holds the class ids of every position flattened, but "
                + quote(s.prediction()) + " " + shapeText(s, p) + " keeps the positions on the axes "
                + shapeText(s, batch) + ": flatten both the same way"
                : quote(s.label()) + " " + shapeText(s, l) + " keeps the positions on their own axes, but "
                + quote(s.prediction()) + " " + shapeText(s, p) + " was flattened to one row per position: flatten "
                + "the labels the same way";
        return Story.of(summary, s.label()).axes(Axes.compare(s, batch, Axes.classIndexRoles(batch.rank()), l))
                .conventions(conventions(s));
    }

    static List<Candidate> flattenClassLabelsFixes(Situation s) {
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        Shape shape = pred(s);
        Shape batch = shape.without(shape.rank() - 1);
        List<Candidate> out = new ArrayList<>();
        if (l.rank() < batch.rank()) {
            s.known(shape.dim(shape.rank() - 1)).ifPresent(c -> out.add(Edits.chain(p, ".reshape(-1, " + c + ")",
                    "one row of logits per label")));
            List<String> dims = batch.dims().stream().map(d -> sizeText(s, d)).toList();
            out.add(Edits.chain(l, ".reshape(" + String.join(", ", dims) + ")", "give the labels the logits' "
                    + "positions " + shapeText(s, batch)));
        } else {
            out.add(Edits.replace(l, Spelling.flatten(s.framework, l), "flatten the labels like the logits"));
        }
        return out;
    }

    /**
     * optax told to read the classes on another axis than the last, where the labels say they are: an error,
     * or JAX's silent broadcast, NaN or class-axis notes when the sizes happen to fit.
     */
    static boolean wrongClassAxis(Situation s) {
        boolean complaint = isError(s) || broadcastNote(s) || noteOf(s, "class-axis") || noteOf(s, "out-of-range-label");
        if (!complaint || !s.hasShapes() || !s.loss().map(l -> l.framework().equals("jax")).orElse(false)
                || !CATEGORICAL_LOSSES.contains(s.function()) && !SPARSE_LOSSES.contains(s.function())) {
            return false;
        }
        Shape p = pred(s);
        Optional<Long> axis = ArrayOps.axisArgument(s).flatMap(ArrayOps::integer);
        if (axis.isEmpty() || axis.get() < -p.rank() || axis.get() >= p.rank()
                || (axis.get() < 0 ? axis.get() + p.rank() : axis.get()) == p.rank() - 1) {
            return false;
        }
        int given = (int) (axis.get() < 0 ? axis.get() + p.rank() : axis.get());
        boolean sparse = s.isLoss(LossInfo.Family.CLASS_INDEX);
        return s.sameShape(label(s), sparse ? p.without(p.rank() - 1) : p)
                && !(sparse && s.sameShape(label(s), p.without(given)));
    }

    static Story classAxisStory(Situation s) {
        Shape p = pred(s);
        long axis = ArrayOps.axisArgument(s).flatMap(ArrayOps::integer).orElseThrow();
        int index = (int) (axis < 0 ? axis + p.rank() : axis);
        return Story.of("axis=" + axis + " makes " + callName(s) + " read the classes along axis " + index + " of "
                + quote(s.prediction()) + " " + shapeText(s, p) + " (" + sizeText(s, p.dim(index)) + " of them), so "
                + quote(s.label()) + " " + shapeText(s, label(s)) + " does not line up; with the classes on the last "
                + "axis (axis=-1, the default) it does", s.prediction())
                .axes(Axes.compare(s, expectedLabels(s, p), expectedRoles(s, expectedLabels(s, p).rank()), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> classAxisFixes(Situation s) {
        Expr.Call call = ArrayOps.call(s).orElseThrow();
        Expr axis = ArrayOps.axisArgument(s).orElseThrow();
        String description = "read the classes on the last axis, where the model puts them";
        if (CellSyntax.keyword(call, "axis").isPresent()) {
            return Edits.removeKeyword(s.syntax.source(), call, "axis", description).map(List::of).orElse(List.of());
        }
        return List.of(ArrayOps.setArgument(s, call, "axis", axis, "-1", description));
    }

    /** Class ids [N] or [N, 1] where one-hot rows [N, C] are expected. */
    static boolean indexLabelsForOneHot(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() < 2 || p.dim(p.rank() - 1).is(1)) {
            return false;
        }
        Shape leading = p.without(p.rank() - 1);
        return s.sameShape(l, leading) || l.rank() == p.rank() && l.dim(l.rank() - 1).is(1)
                && s.sameShape(l.without(l.rank() - 1), leading);
    }

    static Story categoricalIndexStory(Situation s) {
        return Story.of(quote(s.label()) + " holds one class id per sample " + shapeText(s, label(s)) + ", but "
                + callName(s) + " takes one-hot rows of the prediction's shape " + shapeText(s, pred(s)), s.label())
                .axes(Axes.compare(s, pred(s), Axes.predictionRoles(pred(s).rank(), true), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> categoricalIndexFixes(Situation s) {
        if (s.framework.equals("jax")) {
            return sparseLossFixes(s, "keep the class ids and use the integer-label loss",
                    "one-hot encode the class ids");
        }
        List<Candidate> out = new ArrayList<>();
        boolean tf = s.function().equals("softmax_cross_entropy_with_logits");
        Edits.renameCallee(s, tf ? "sparse_softmax_cross_entropy_with_logits" : "sparse_categorical_crossentropy",
                "keep the class ids and use the sparse loss").ifPresent(out::add);
        Operand l = s.label().orElseThrow();
        s.known(pred(s).dim(pred(s).rank() - 1)).ifPresent(c -> out.add(Edits.replace(l, tf
                ? "tf.one_hot(" + l.source() + ", " + c + ")"
                : "keras.utils.to_categorical(" + l.source() + ", num_classes=" + c + ")",
                "one-hot encode the class ids")));
        return out;
    }

    /**
     * optax: the labels as integer class ids [N] (a column squeezed, floats converted), given either to the
     * integer-label loss or one-hot encoded over the logits' classes.
     */
    static List<Candidate> sparseLossFixes(Situation s, String sparse, String oneHot) {
        List<Candidate> out = new ArrayList<>();
        Operand l = s.label().orElseThrow();
        Shape p = pred(s);
        String ids = l.rank() == p.rank() ? Spelling.squeezeLast(s.framework, l) : l.source();
        if (l.dtype().map(d -> !d.isIntegral()).orElse(false)) {
            ids = (CellSyntax.isPrimary(l.expr()) || !ids.equals(l.source()) ? ids : "(" + ids + ")")
                    + ".astype(jnp.int32)";
        }
        Optional<Candidate> rename = Edits.renameCallee(s, counterpart(s, true), sparse);
        if (rename.isPresent() && s.call.isPresent()) {
            List<Edit> edits = new ArrayList<>(rename.get().edits());
            if (!ids.equals(l.source())) {
                edits.add(new Edit(l.span(), ids));
            }
            out.add(new Candidate(edits, Edits.within(s.syntax.source(), s.call.get().site().span(), edits), sparse,
                    false));
        }
        String classes = sizeText(s, p.dim(p.rank() - 1));
        out.add(Edits.replace(l, "jax.nn.one_hot(" + ids + ", " + classes + ")", oneHot));
        return out;
    }

    private static boolean extraLabelAxisLast(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        return l.rank() == p.rank() && l.rank() >= 1 && l.dim(l.rank() - 1).is(1)
                && s.sameShape(l.without(l.rank() - 1), p.without(p.rank() - 1));
    }

    // ============================================================ class-index losses

    /** Labels of the logits' shape with the class axis replaced by 1: [N, 1] for [N, C]. */
    static boolean extraLabelAxis(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() < 2 || l.rank() != p.rank() || !l.dim(1).is(1) || p.dim(1).is(1)) {
            return false;
        }
        return s.sameShape(l, p.with(1, Dim.of(1)));
    }

    static Story extraAxisStory(Situation s) {
        Shape p = pred(s);
        Shape expected = Axes.classIndexTarget(p);
        String per = p.rank() == 2 ? "one class index per sample" : "one class index per position";
        return Story.of(quote(s.label()) + " has an extra axis of size 1: " + callName(s) + " wants " + per + ", shape "
                        + shapeText(s, expected) + ", but got " + shapeText(s, label(s)), s.label())
                .axes(Axes.compare(s, expected, Axes.classIndexRoles(expected.rank()), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> extraAxisFixes(Situation s) {
        Operand l = s.label().orElseThrow();
        List<Candidate> out = new ArrayList<>();
        out.add(Edits.chain(l, ".squeeze(1)", "drop the extra axis"));
        if (l.rank() == 2) {
            out.add(Edits.chain(l, ".view(-1)", "flatten to one index per sample"));
        }
        return out;
    }

    /** Logits flattened to [N*T, C] while the labels are still [N, T]. */
    static boolean flattenedLogits(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() != 2 || l.rank() < 2) {
            return false;
        }
        Optional<Long> n = s.known(p.dim(0));
        Optional<Long> count = s.known(l.numelDim());
        return n.isPresent() && count.isPresent() && n.get().equals(count.get()) && !extraLabelAxis(s);
    }

    static Story flattenStory(Situation s) {
        return Story.of(quote(s.label()) + " is " + shapeText(s, label(s)) + " but the logits were flattened to "
                        + shapeText(s, pred(s)) + ": flatten the labels the same way, one class index per row",
                s.label()).axes(Axes.compare(s, Axes.classIndexTarget(pred(s)), Axes.classIndexRoles(1), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> flattenFixes(Situation s) {
        Operand l = s.label().orElseThrow();
        return List.of(Edits.chain(l, ".view(-1)", "flatten the labels like the logits"),
                Edits.chain(l, ".reshape(-1)", "flatten the labels (works for non-contiguous tensors too)"));
    }

    /** Labels with the logits' exact shape but an integer dtype (one-hot), or any same-shape target for nll_loss. */
    static boolean oneHotLabels(Situation s) {
        if (!s.sameShape(pred(s), label(s)) || pred(s).rank() < 2) {
            return false;
        }
        boolean integer = s.label().flatMap(Operand::dtype).map(d -> !d.isFloating()).orElse(false);
        return s.function().equals("nll_loss") || integer
                || s.templateId().equals("torch.probability-target-dtype");
    }

    static Story oneHotStory(Situation s) {
        String dtype = dtypeName(s.label());
        String summary = s.function().equals("nll_loss")
                ? quote(s.label()) + " has the logits' shape " + shapeText(s, label(s)) + " (one-hot rows?), but "
                + callName(s) + " wants one class index per sample"
                : quote(s.label()) + " looks one-hot: " + dtype + " with the logits' exact shape " + shapeText(s, label(s))
                + ", which " + callName(s) + " reads as class probabilities, and those must be float";
        return Story.of(summary, s.label())
                .axes(Axes.compare(s, Axes.classIndexTarget(pred(s)), Axes.classIndexRoles(pred(s).rank() - 1), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> oneHotFixes(Situation s) {
        Operand l = s.label().orElseThrow();
        List<Candidate> out = new ArrayList<>();
        out.add(Edits.chain(l, ".argmax(dim=1)", "turn the one-hot rows into class indices"));
        if (s.function().equals("cross_entropy")) {
            out.add(Edits.chain(l, ".float()", "keep them as class probabilities (float)"));
        }
        return out;
    }

    /** Labels [N, K] (one-hot or probabilities over K classes) against logits [N, C] with K != C. */
    static boolean labelColumns(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() < 2 || l.rank() != p.rank() || l.dim(1).is(1) || s.same(l.dim(1), p.dim(1))) {
            return false;
        }
        return s.sameShape(l.with(1, p.dim(1)), p);
    }

    static Story labelColumnsStory(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        return Story.of(quote(s.label()) + " has " + sizeText(s, l.dim(1)) + " columns (one-hot rows or probabilities "
                        + "over " + sizeText(s, l.dim(1)) + " classes) but the model outputs " + sizeText(s, p.dim(1))
                        + " classes (" + quote(s.prediction()) + " is " + shapeText(s, p) + ")", s.label())
                .axes(Axes.compare(s, p, Axes.classFirstRoles(p.rank()), l))
                .conventions(conventions(s))
                .notes(List.of("a target that is not exactly the logits' shape is read as class indices, hence the "
                        + "framework's complaint about its rank"));
    }

    static List<Candidate> labelColumnsFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Shape p = pred(s);
        Shape l = label(s);
        Operand label = s.label().orElseThrow();
        boolean integer = label.dtype().map(d -> !d.isFloating()).orElse(false);
        s.known(l.dim(1)).ifPresent(k -> {
            for (Candidate width : Edits.width(s, s.prediction().orElseThrow(), 1, k, "classes")) {
                if (!integer) {
                    out.add(width);
                    continue;
                }
                // integer one-hot rows over k classes: the model needs k classes and the rows must become indices
                Edit indices = new Edit(label.span(), label.chainable() + ".argmax(dim=1)");
                List<Edit> edits = new ArrayList<>(width.edits());
                edits.add(indices);
                out.add(new Candidate(edits, width.code() + ", " + indices.replacement(), width.description()
                        + ", and turn the one-hot rows into class indices", false));
            }
        });
        Optional<Long> c = s.known(p.dim(1));
        if (c.isPresent() && s.label().get().expr() instanceof Expr.Name name) {
            s.syntax.definition(name.id(), s.stmtIndex).filter(d -> d instanceof Expr.Call call
                            && CellSyntax.terminalName(call.callee()).map("one_hot"::equals).orElse(false))
                    .flatMap(d -> Edits.keyword((Expr.Call) d, "num_classes", String.valueOf(c.get()),
                            "one-hot encode over the model's " + c.get() + " classes"))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** Logits [N, T, C] with labels [N, T]: the classes are on the last axis instead of dim 1. */
    static boolean channelsLast(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() < 3 || l.rank() != p.rank() - 1) {
            return false;
        }
        boolean shapes = s.sameShape(l, p.without(p.rank() - 1)) && !s.sameShape(l, p.without(1));
        // labels that index past the last axis cannot be classes on it
        Optional<Long> classes = s.known(p.dim(p.rank() - 1));
        boolean values = labelRange(s).map(r -> classes.map(c -> r[1] < c && r[0] >= 0).orElse(true)).orElse(true);
        return shapes && values;
    }

    static Story channelsLastStory(Situation s) {
        Shape p = pred(s);
        Dim classes = p.dim(p.rank() - 1);
        return Story.of(quote(s.prediction()) + " " + shapeText(s, p) + " has its classes last, but " + callName(s)
                        + " reads them from dim 1: it sees " + sizeText(s, p.dim(1)) + " classes and expects labels "
                        + shapeText(s, p.without(1)) + "; move the " + sizeText(s, classes) + " classes to dim 1",
                        s.prediction())
                .axes(Axes.compare(s, classesFirst(p), Axes.classFirstRoles(p.rank()), p))
                .conventions(conventions(s))
                .notes(List.of("PyTorch puts classes on dim 1: [N, C] or [N, C, d1, ...]; sequence models usually "
                        + "output [N, T, C] (batch_first), which needs a permute"));
    }

    /** [N, d1, ..., C] with the last axis moved to dim 1. */
    private static Shape classesFirst(Shape p) {
        return p.without(p.rank() - 1).inserting(1, p.dim(p.rank() - 1));
    }

    static List<Candidate> channelsLastFixes(Situation s) {
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        int r = p.rank();
        List<Candidate> out = new ArrayList<>();
        List<String> order = new ArrayList<>();
        order.add("0");
        order.add(String.valueOf(r - 1));
        for (int i = 1; i < r - 1; i++) {
            order.add(String.valueOf(i));
        }
        out.add(Edits.chain(p, ".permute(" + String.join(", ", order) + ")", "move the classes to dim 1"));
        if (r == 3) {
            out.add(Edits.chain(p, ".transpose(1, 2)", "swap the sequence and class axes"));
        }
        Optional<Long> classes = s.known(p.last().orElseThrow());
        if (classes.isPresent()) {
            Edit flatPred = new Edit(p.span(), p.chainable() + ".reshape(-1, " + classes.get() + ")");
            Edit flatLabel = new Edit(l.span(), l.chainable() + ".reshape(-1)");
            out.add(new Candidate(List.of(flatPred, flatLabel), flatPred.replacement() + ", " + flatLabel.replacement(),
                    "flatten every position into the batch", false));
        }
        return out;
    }

    /** Per-position labels whose positions do not line up with the logits'. */
    static boolean spatialMismatch(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        return p.rank() >= 3 && l.rank() == p.rank() - 1 && s.same(p.dim(0), l.dim(0)) && !s.sameShape(l, p.without(1));
    }

    static Story spatialStory(Situation s) {
        Shape p = pred(s);
        Shape expected = p.without(1);
        return Story.of(quote(s.label()) + " has positions " + shapeText(s, label(s).subShape(1, label(s).rank()))
                        + " but the logits have " + shapeText(s, expected.subShape(1, expected.rank()))
                        + ": per-position labels must match the logits' sizes after the class axis", s.label())
                .axes(Axes.compare(s, expected, Axes.classIndexRoles(expected.rank()), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> spatialFixes(Situation s) {
        Operand pred = s.prediction().orElseThrow();
        Operand label = s.label().orElseThrow();
        Shape p = pred(s);
        Shape l = label(s);
        List<Candidate> out = new ArrayList<>();
        List<Dim> dims = new ArrayList<>();
        dims.add(p.dim(0));
        dims.add(p.dim(1));
        dims.addAll(l.dims().subList(1, l.rank()));
        Edits.redeclare(s, pred, new Shape(dims), "if the model should output " + shapeText(s, l.subShape(1, l.rank()))
                + " positions, declare its output so").ifPresent(out::add);
        List<String> labelSlices = new ArrayList<>(List.of(":"));
        List<String> predSlices = new ArrayList<>(List.of(":", ":"));
        boolean cutLabel = false;
        boolean cutPred = false;
        for (int i = 1; i < l.rank(); i++) {
            Optional<Long> want = s.known(p.dim(i + 1));
            Optional<Long> have = s.known(l.dim(i));
            if (want.isEmpty() || have.isEmpty() || want.get().equals(have.get())) {
                labelSlices.add(":");
                predSlices.add(":");
            } else if (have.get() > want.get()) {
                labelSlices.add(":" + want.get());
                predSlices.add(":");
                cutLabel = true;
            } else {
                labelSlices.add(":");
                predSlices.add(":" + have.get());
                cutPred = true;
            }
        }
        if (cutLabel && !cutPred) {
            out.add(Edits.silencingChain(label, "[" + String.join(", ", labelSlices) + "]",
                    "cut the labels to the logits' length (the extra labels are dropped)"));
        } else if (cutPred && !cutLabel) {
            out.add(Edits.silencingChain(pred, "[" + String.join(", ", predSlices) + "]",
                    "cut the logits to the labels' length (positions are dropped)"));
        }
        return out;
    }

    static boolean floatIndices(Situation s) {
        Optional<DType> dtype = s.label().flatMap(Operand::dtype);
        boolean template = s.templateId().equals("torch.target-dtype") || s.templateId().equals("torch.cuda-target-dtype");
        return template || dtype.map(d -> d != DType.I64 && d != DType.U8).orElse(false)
                && s.templateId().startsWith("torch.") && s.templateId().contains("dtype");
    }

    static Story floatIndicesStory(Situation s) {
        List<String> notes = new ArrayList<>();
        s.label().flatMap(Operand::tensor).filter(Tensor::hasValues).ifPresent(t -> {
            for (double v : t.data()) {
                if (v != Math.rint(v)) {
                    notes.add("the values are not whole numbers (e.g. " + number(v)
                            + "): if they are class probabilities, give a float target with the logits' exact shape "
                            + shapeText(s, pred(s)));
                    break;
                }
            }
        });
        return Story.of(quote(s.label()) + " holds class indices as " + dtypeName(s.label()) + ": " + callName(s)
                        + " wants them as int64 (torch.long)", s.label())
                .conventions(conventions(s)).notes(notes);
    }

    static List<Candidate> floatIndicesFixes(Situation s) {
        return List.of(Edits.chain(s.label().orElseThrow(), ".long()", "convert the class indices to int64"));
    }

    static Story outOfRangeStory(Situation s) {
        Shape p = pred(s);
        int axis = classAxis(s, p);
        String classes = sizeText(s, p.dim(axis));
        String value = s.problem.recognition().flatMap(r -> r.facts().text("label"))
                .or(() -> firstOutside(s, s.known(p.dim(axis)))).orElse("a value");
        List<String> notes = new ArrayList<>();
        labelRange(s).ifPresent(r -> notes.add(quote(s.label()) + " ranges from " + r[0] + " to " + r[1]
                + (r[0] >= 1 && s.known(p.dim(axis)).map(c -> c == r[1]).orElse(false)
                ? ": they look 1-based" : "")));
        notes.add(switch (s.framework) {
            case "torch" -> "on a GPU the same mistake is a device-side assert (`t >= 0 && t < n_classes`)";
            case "jax" -> "JAX raises nothing: a label past the last class gives a NaN loss, and a negative one wraps "
                    + "around to a class counted from the end";
            default -> "on a GPU TensorFlow gives NaN losses for such labels instead of an error";
        });
        return Story.of(quote(s.label()) + " contains " + value + ", but the predictions have " + classes
                        + " classes, so class indices must be in [0, " + classes + ")", s.label())
                .axes(List.of(new AxisComparison(axis, AxisRole.CLASSES, "values 0.." + (s.known(
                        p.dim(axis)).map(c -> String.valueOf(c - 1)).orElse(classes + "-1")),
                        labelRange(s).map(r -> "values " + r[0] + ".." + r[1]).orElse("includes " + value))))
                .conventions(conventions(s)).notes(notes);
    }

    /** The first label value outside [0, classes), as written. */
    private static Optional<String> firstOutside(Situation s, Optional<Long> classes) {
        return s.label().flatMap(Operand::tensor).filter(Tensor::hasValues).flatMap(t -> {
            for (double v : t.data()) {
                if (v < 0 || classes.map(c -> v >= c).orElse(false)) {
                    return Optional.of(String.valueOf((long) v));
                }
            }
            return Optional.empty();
        });
    }

    /** The smallest and largest label value, when the values are known. */
    static Optional<long[]> labelRange(Situation s) {
        return s.label().flatMap(Operand::tensor).filter(Tensor::hasValues).filter(t -> t.data().length > 0).map(t -> {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (double v : t.data()) {
                min = Math.min(min, (long) v);
                max = Math.max(max, (long) v);
            }
            return new long[] {min, max};
        });
    }

    static List<Candidate> outOfRangeFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Operand label = s.label().orElseThrow();
        Shape p = pred(s);
        int axis = classAxis(s, p);
        Optional<Long> classes = s.known(p.dim(axis));
        Optional<long[]> range = labelRange(s);
        if (range.isPresent() && classes.isPresent()) {
            long min = range.get()[0];
            long max = range.get()[1];
            if (min >= 1 && max == classes.get()) {
                out.add(Edits.replace(label, label.chainable() + " - 1", "shift 1-based labels to 0-based"));
            }
            if (min < 0) {
                String keyword = s.framework.equals("torch") ? "ignore_index"
                        : s.framework.equals("keras") ? "ignore_class" : "";
                if (!keyword.isEmpty()) {
                    Edits.keyword(s, keyword, String.valueOf(min), "if " + min + " marks samples without a label, "
                            + "skip them").ifPresent(out::add);
                }
                if (!s.framework.equals("torch")) {
                    String clip = (s.framework.equals("tf") ? "tf" : s.framework.equals("jax") ? "jnp" : "np")
                            + ".maximum(" + label.source() + ", 0)";
                    out.add(Candidate.silencing(new Edit(label.span(), clip), "count the negative labels as class 0"));
                }
            }
            if (max >= classes.get()) {
                out.addAll(Edits.width(s, s.prediction().orElseThrow(), axis, max + 1, "classes"));
            }
        }
        return out;
    }

    static Story integerPredictionStory(Situation s) {
        return Story.of(quote(s.prediction()) + " is " + dtypeName(s.prediction()) + ": " + callName(s)
                + " computes in floating point, so the prediction (and target) must be float", s.prediction())
                .conventions(conventions(s));
    }

    static List<Candidate> integerPredictionFixes(Situation s) {
        Operand p = s.prediction().orElseThrow();
        return List.of(Edits.replace(p, Spelling.toFloat32(s.framework, p), "convert the prediction to float32"));
    }

    static List<Candidate> integerRegressionFixes(Situation s) {
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        List<Candidate> out = new ArrayList<>();
        Edit pe = new Edit(p.span(), Spelling.toFloat32(s.framework, p));
        Edit le = new Edit(l.span(), Spelling.toFloat32(s.framework, l));
        boolean predInt = p.dtype().map(d -> !d.isFloating()).orElse(true);
        boolean labelInt = l.dtype().map(d -> !d.isFloating()).orElse(true);
        if (predInt && labelInt) {
            out.add(new Candidate(List.of(pe, le), pe.replacement() + ", " + le.replacement(),
                    "convert both to float32", false));
        }
        if (predInt) {
            out.add(Candidate.of(pe, "convert the prediction to float32"));
        }
        return out;
    }

    static Story weightStory(Situation s) {
        Shape p = pred(s);
        String classes = p.rank() > 0 ? sizeText(s, p.dim(classAxis(s, p))) : "C";
        Optional<Operand> weight = weightOperand(s);
        return Story.of("`weight` must hold one value per class, " + classes + " of them, but it is "
                + weight.map(Operand::typeString).orElse("another size"), weight).conventions(conventions(s));
    }

    private static Optional<Operand> weightOperand(Situation s) {
        Optional<Expr> expr = s.call.flatMap(CallSite::keywordTarget).flatMap(c -> CellSyntax.keyword(c, "weight"));
        if (expr.isEmpty() || !(expr.get() instanceof Expr.Name)) {
            return Optional.empty();
        }
        return Optional.of(new Operand("weight", expr.get(), s.syntax.source().of(expr.get().span()), Optional.empty(),
                Optional.empty()));
    }

    static List<Candidate> weightFixes(Situation s) {
        Shape p = pred(s);
        Optional<Operand> weight = weightOperand(s);
        if (weight.isEmpty() || p.rank() == 0) {
            return List.of();
        }
        return Edits.redeclare(s, weight.get(), 0, p.dim(classAxis(s, p)).toString(), "one weight per class")
                .map(List::of).orElse(List.of());
    }

    // ============================================================ binary losses

    /** [N] against [N, 1] (or the reverse): the same values with a trailing axis of size 1 more or less. */
    static boolean binaryExtraAxis(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (l.rank() + 1 == p.rank() && p.dim(p.rank() - 1).is(1)) {
            return s.sameShape(l, p.without(p.rank() - 1));
        }
        if (p.rank() + 1 == l.rank() && l.dim(l.rank() - 1).is(1)) {
            return s.sameShape(p, l.without(l.rank() - 1));
        }
        return false;
    }

    static Story binaryAxisStory(Situation s) {
        return Story.of(quote(s.label()) + " is " + shapeText(s, label(s)) + " but " + quote(s.prediction()) + " is "
                        + shapeText(s, pred(s)) + ": " + callName(s) + " needs exactly the same shape (it does not "
                        + "broadcast)", s.label())
                .axes(Axes.compare(s, pred(s), Axes.predictionRoles(pred(s).rank(), false), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> binaryAxisFixes(Situation s) {
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        List<Candidate> out = new ArrayList<>();
        String fw = s.framework;
        String targets = "`" + l.label() + "`";
        String outputs = "`" + p.label() + "`";
        if (l.rank() < p.rank()) {
            out.add(Edits.replace(l, Spelling.expandLast(fw, l), "give " + targets + " the trailing axis of " + outputs));
            out.add(Edits.replace(l, Spelling.column(fw, l), "reshape " + targets + " to a column"));
            out.add(Edits.replace(p, Spelling.squeezeLast(fw, p), "drop the trailing axis of " + outputs + " instead"));
        } else {
            out.add(Edits.replace(l, Spelling.squeezeLast(fw, l), "drop the trailing axis of " + targets));
            out.add(Edits.replace(l, Spelling.flatten(fw, l), "flatten " + targets));
            out.add(Edits.replace(p, Spelling.expandLast(fw, p), "give " + outputs + " the trailing axis instead"));
        }
        return out;
    }

    /** Class indices [N] (or a column [N, 1]) against C > 1 outputs [N, C]. */
    static boolean binaryIndexLabels(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        if (p.rank() != 2 || p.dim(1).is(1)) {
            return false;
        }
        boolean vector = l.rank() == 1 && s.same(l.dim(0), p.dim(0));
        boolean column = l.rank() == 2 && l.dim(1).is(1) && s.same(l.dim(0), p.dim(0));
        return vector || column;
    }

    static Story binaryIndicesStory(Situation s) {
        Shape p = pred(s);
        return Story.of(quote(s.label()) + " holds one value per sample " + shapeText(s, label(s)) + ", but "
                        + quote(s.prediction()) + " has " + sizeText(s, p.dim(1)) + " outputs per sample: "
                        + callName(s) + " wants a multi-hot target " + shapeText(s, p)
                        + " — or, for one class per sample, use " + (s.framework.equals("torch") ? "cross_entropy"
                        : counterpart(s, true)) + " with class indices", s.label())
                .axes(Axes.compare(s, p, Axes.predictionRoles(2, true), label(s)))
                .conventions(conventions(s));
    }

    static List<Candidate> binaryIndicesFixes(Situation s) {
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        List<Candidate> out = new ArrayList<>();
        if (s.framework.equals("jax")) {
            return sparseLossFixes(s, "one class per sample: use the integer-label softmax cross-entropy",
                    "several labels per sample: one-hot encode the targets");
        }
        if (!s.framework.equals("torch")) {
            String sparse = s.framework.equals("tf") ? "sparse_softmax_cross_entropy_with_logits"
                    : "sparse_categorical_crossentropy";
            Edits.renameCallee(s, sparse, "one class per sample: use the sparse categorical loss").ifPresent(out::add);
            s.known(pred(s).dim(1)).ifPresent(c -> out.add(Edits.replace(l, Spelling.oneHot(s.framework, l, c),
                    "several labels per sample: one-hot encode the targets")));
            return out;
        }
        String indices = l.rank() == 2 ? l.chainable() + ".squeeze(1).long()" : l.chainable() + ".long()";
        Edits.replaceCall(s, "F.cross_entropy(" + p.source() + ", " + indices + ")",
                "one class per sample: use cross_entropy with class indices").ifPresent(out::add);
        s.known(pred(s).dim(1)).ifPresent(c -> out.add(Edits.replace(l, "F.one_hot(" + indices + ", num_classes=" + c
                + ").float()", "several labels per sample: one-hot encode the targets")));
        return out;
    }

    /** Same batch, different number of outputs: [N, 1] against [N, K], or [N, C] against [N, K]. */
    static boolean binaryWidth(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        return p.rank() == l.rank() && p.rank() >= 2 && !s.sameShape(p, l)
                && s.sameShape(p.without(p.rank() - 1), l.without(l.rank() - 1));
    }

    static Story binaryWidthStory(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        Dim outputs = p.dim(p.rank() - 1);
        Dim columns = l.dim(l.rank() - 1);
        String summary = outputs.is(1)
                ? "the model has one output per sample (" + quote(s.prediction()) + " is " + shapeText(s, p) + ") but "
                + quote(s.label()) + " has " + sizeText(s, columns) + " columns (one-hot or multi-label targets)"
                : quote(s.prediction()) + " has " + sizeText(s, outputs) + " outputs per sample but " + quote(s.label())
                + " has " + sizeText(s, columns);
        return Story.of(summary, s.label()).axes(Axes.compare(s, p, Axes.predictionRoles(p.rank(), true), l))
                .conventions(conventions(s));
    }

    static List<Candidate> binaryWidthFixes(Situation s) {
        Shape l = label(s);
        List<Candidate> out = new ArrayList<>();
        Operand label = s.label().orElseThrow();
        Dim columns = l.dim(l.rank() - 1);
        if (columns.is(2) && pred(s).dim(pred(s).rank() - 1).is(1)) {
            out.add(Edits.chain(label, "[:, 1:]", "two-column one-hot targets: keep the positive-class column"));
        }
        s.known(columns).ifPresent(k -> out.addAll(Edits.width(s, s.prediction().orElseThrow(), pred(s).rank() - 1, k,
                "outputs")));
        Optional<Long> outputs = s.known(pred(s).dim(pred(s).rank() - 1));
        Optional<Long> targets = s.known(columns);
        if (outputs.isPresent() && targets.isPresent() && l.rank() == 2) {
            if (targets.get() > outputs.get()) {
                out.add(Edits.silencingChain(label, "[:, :" + outputs.get() + "]", "keep the first " + outputs.get()
                        + " target columns (the other labels are ignored)"));
            } else {
                out.add(Edits.silencingChain(s.prediction().orElseThrow(), "[:, :" + targets.get() + "]", "keep the "
                        + "first " + targets.get() + " outputs (the rest are ignored)"));
            }
        }
        return out;
    }

    static List<Candidate> kerasWidthFixes(Situation s) {
        List<Candidate> out = new ArrayList<>(binaryWidthFixes(s));
        Shape p = pred(s);
        Optional<Long> outputs = s.known(p.dim(p.rank() - 1));
        if (outputs.isPresent() && outputs.get() > 1 && s.label().get().expr() instanceof Expr.Name name) {
            // labels one-hot encoded over another number of classes
            s.syntax.definition(name.id(), s.stmtIndex).filter(d -> d instanceof Expr.Call call
                            && CellSyntax.terminalName(call.callee()).map(n -> n.equals("to_categorical")
                            || n.equals("one_hot")).orElse(false))
                    .map(d -> numClasses(s, (Expr.Call) d, outputs.get()))
                    .ifPresent(c -> out.add(0, c));
        }
        return out;
    }

    /** {@code num_classes} of a one_hot / to_categorical call set to {@code classes}, by keyword or in place. */
    private static Candidate numClasses(Situation s, Expr.Call call, long classes) {
        String description = "one-hot encode over the model's " + classes + " classes";
        return numClassesArgument(call).map(e -> ArrayOps.setArgument(s, call, "num_classes", e,
                String.valueOf(classes), description))
                .orElseGet(() -> Edits.keyword(call, "num_classes", String.valueOf(classes), description).orElseThrow());
    }

    /** The class count given to one_hot / to_categorical: {@code num_classes=}, or the second argument. */
    private static Optional<Expr> numClassesArgument(Expr.Call call) {
        List<Expr> positional = CellSyntax.positional(call);
        return CellSyntax.keyword(call, "num_classes").or(() -> positional.size() > 1 ? Optional.of(positional.get(1))
                : Optional.empty());
    }

    static boolean binaryDtype(Situation s) {
        return s.label().flatMap(Operand::dtype).map(d -> !d.isFloating()).orElse(false)
                || Set.of("torch.result-type", "torch.bce-dtype", "torch.bool-target").contains(s.templateId());
    }

    static Story binaryDtypeStory(Situation s) {
        return Story.of(quote(s.label()) + " is " + dtypeName(s.label()) + ": " + callName(s) + " wants float targets "
                + "of the input's dtype (" + dtypeName(s.prediction()) + "), even for 0/1 labels", s.label())
                .conventions(conventions(s));
    }

    static List<Candidate> binaryDtypeFixes(Situation s) {
        Operand l = s.label().orElseThrow();
        DType want = s.prediction().flatMap(Operand::dtype).filter(DType::isFloating).orElse(DType.F32);
        String cast = switch (want) {
            case F64 -> ".double()";
            case F16 -> ".half()";
            default -> ".float()";
        };
        List<Candidate> out = new ArrayList<>();
        out.add(Edits.chain(l, cast, "convert the targets to " + want.longName));
        if (s.label().flatMap(Operand::dtype).map(DType::isFloating).orElse(false)) {
            out.add(Edits.chain(s.prediction().orElseThrow(), ".float()", "compute in float32 instead"));
        }
        return out;
    }

    static Story probabilityRangeStory(Situation s) {
        List<String> notes = new ArrayList<>();
        s.prediction().flatMap(Operand::tensor).filter(Tensor::hasValues).ifPresent(t -> {
            for (double v : t.data()) {
                if (v < 0 || v > 1) {
                    notes.add("e.g. " + number(v) + " is not a probability");
                    break;
                }
            }
        });
        return Story.of(quote(s.prediction()) + " has values outside [0, 1]: " + callName(s) + " wants probabilities; "
                + "these look like raw logits", s.prediction()).conventions(conventions(s)).notes(notes);
    }

    static List<Candidate> probabilityRangeFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Edits.renameCallee(s, "binary_cross_entropy_with_logits", "pass the logits to the loss that applies the "
                + "sigmoid itself (numerically safer)").ifPresent(out::add);
        s.prediction().ifPresent(p -> out.add(Edits.replace(p, "torch.sigmoid(" + p.source() + ")",
                "turn the logits into probabilities first")));
        return out;
    }

    // ============================================================ regression, broadcasting

    /** The size warning of a regression loss, or Shapes' silent-broadcast note. */
    static boolean silentBroadcast(Situation s) {
        boolean warning = s.problem.severity() == Severity.WARNING
                && s.templateId().equals("torch.target-size-warning");
        boolean note = s.problem.note().map(n -> n.kind().equals("silent-broadcast")).orElse(false);
        return (warning || note) && (s.hasShapes() || s.operand("a").isPresent());
    }

    static Story silentStory(Situation s) {
        if (s.operand("a").isPresent() && !s.hasShapes()) {
            Operand a = s.operand("a").get();
            Operand b = s.operand("b").orElseThrow();
            return Story.of("`" + a.label() + "` " + a.typeString() + " and `" + b.label() + "` " + b.typeString()
                    + " broadcast to a bigger shape than either: every element of one meets every element of the other",
                    Optional.of(b));
        }
        Shape p = pred(s);
        Shape l = label(s);
        String result = Broadcasts.result(s, p, l).map(r -> shapeText(s, r)).orElse("a bigger shape");
        String summary = quote(s.label()) + " " + shapeText(s, l) + " and " + quote(s.prediction()) + " "
                + shapeText(s, p) + " broadcast to " + result + ": every prediction is compared with every target, "
                + "not with its own";
        if (!Broadcasts.grows(s, p, l)) {
            summary = quote(s.label()) + " " + shapeText(s, l) + " and " + quote(s.prediction()) + " " + shapeText(s, p)
                    + " differ in shape, so " + callName(s) + " broadcasts them";
        }
        return Story.of(summary, s.label()).axes(Axes.compare(s, p, Axes.predictionRoles(p.rank(), false), l))
                .conventions(conventions(s));
    }

    static List<Candidate> silentFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        if (s.operand("a").isPresent() && !s.hasShapes()) {
            Operand a = s.operand("a").get();
            Operand b = s.operand("b").orElseThrow();
            for (Operand[] pair : List.of(new Operand[] {a, b}, new Operand[] {b, a})) {
                if (pair[0].rank() == 2 && pair[0].dim(1).map(d -> d.is(1)).orElse(false) && pair[1].rank() == 1) {
                    out.add(Edits.chain(pair[0], ".squeeze(1)", "make the column a vector"));
                    out.add(Edits.chain(pair[1], unsqueeze(s), "make the vector a column"));
                }
            }
            return out;
        }
        Operand p = s.prediction().orElseThrow();
        Operand l = s.label().orElseThrow();
        if (s.framework.equals("jax")) {
            return spelledSilentFixes(s, p, l);
        }
        if (p.rank() == l.rank() + 1 && p.last().map(d -> d.is(1)).orElse(false)) {
            out.add(Edits.chain(l, unsqueeze(s), "give the target the prediction's trailing axis"));
            out.add(Edits.chain(l, ".view(-1, 1)", "reshape the target to a column"));
            out.add(Edits.chain(p, ".squeeze(1)", "drop the prediction's trailing axis instead"));
            out.add(Edits.chain(p, ".view(-1)", "flatten the prediction instead"));
        } else if (l.rank() == p.rank() + 1 && l.last().map(d -> d.is(1)).orElse(false)) {
            out.add(Edits.chain(l, ".squeeze(1)", "drop the target's trailing axis"));
            out.add(Edits.chain(l, ".view(-1)", "flatten the target"));
            out.add(Edits.chain(p, unsqueeze(s), "give the prediction the target's trailing axis instead"));
        } else {
            out.add(Edits.chain(l, ".view_as(" + p.source() + ")", "reshape the target like the prediction"));
        }
        return out;
    }

    /** A column against a vector, fixed in the framework's own spelling. */
    private static List<Candidate> spelledSilentFixes(Situation s, Operand p, Operand l) {
        String fw = s.framework;
        List<Candidate> out = new ArrayList<>();
        if (p.rank() == l.rank() + 1 && p.last().map(d -> d.is(1)).orElse(false)) {
            out.add(Edits.replace(l, Spelling.expandLast(fw, l), "give the target the prediction's trailing axis"));
            out.add(Edits.replace(l, Spelling.column(fw, l), "reshape the target to a column"));
            out.add(Edits.replace(p, Spelling.squeezeLast(fw, p), "drop the prediction's trailing axis instead"));
            out.add(Edits.replace(p, Spelling.flatten(fw, p), "flatten the prediction instead"));
        } else if (l.rank() == p.rank() + 1 && l.last().map(d -> d.is(1)).orElse(false)) {
            out.add(Edits.replace(l, Spelling.squeezeLast(fw, l), "drop the target's trailing axis"));
            out.add(Edits.replace(l, Spelling.flatten(fw, l), "flatten the target"));
            out.add(Edits.replace(p, Spelling.expandLast(fw, p), "give the prediction the target's trailing axis "
                    + "instead"));
        } else {
            out.add(Edits.chain(l, ".reshape(" + p.chainable() + ".shape)", "reshape the target like the prediction"));
        }
        return out;
    }

    private static String unsqueeze(Situation s) {
        return s.framework.equals("torch") ? ".unsqueeze(1)" : ".reshape(-1, 1)";
    }

    static Story outputWidthStory(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        return Story.of(quote(s.prediction()) + " " + shapeText(s, p) + " and " + quote(s.label()) + " "
                        + shapeText(s, l) + " cannot be compared element by element: their last axes differ and "
                        + "neither is 1", s.label())
                .axes(Axes.compare(s, p, Axes.predictionRoles(p.rank(), false), l)).conventions(conventions(s));
    }

    static List<Candidate> outputWidthFixes(Situation s) {
        Shape p = pred(s);
        Shape l = label(s);
        List<Candidate> out = new ArrayList<>();
        if (p.rank() == l.rank() && p.rank() >= 1) {
            Dim want = l.dim(l.rank() - 1);
            s.known(want).ifPresent(k -> out.addAll(Edits.width(s, s.prediction().orElseThrow(), p.rank() - 1, k,
                    "outputs")));
            Optional<Long> a = s.known(p.dim(p.rank() - 1));
            Optional<Long> b = s.known(want);
            if (a.isPresent() && b.isPresent() && p.rank() == 2) {
                if (b.get() > a.get()) {
                    out.add(Edits.silencingChain(s.label().orElseThrow(), "[:, :" + a.get() + "]", "keep the first "
                            + a.get() + " target columns (the rest are ignored)"));
                } else {
                    out.add(Edits.silencingChain(s.prediction().orElseThrow(), "[:, :" + b.get() + "]", "keep the "
                            + "first " + b.get() + " outputs (the rest are ignored)"));
                }
            }
        }
        return out;
    }

    // ============================================================ fancy indexing

    /** The index operands that are arrays, in order, with their shapes. */
    private static List<Operand> arrayIndices(Situation s) {
        List<Operand> out = new ArrayList<>();
        for (int i = 0; s.operand("index" + i).isPresent() || i < 8; i++) {
            s.operand("index" + i).filter(o -> o.shape().isPresent() && o.rank() >= 1).ifPresent(out::add);
        }
        return out;
    }

    /** An index array shaped [N, 1], the classic cause of an [N, N] result. */
    static Optional<Operand> columnIndex(Situation s) {
        return arrayIndices(s).stream().filter(o -> o.rank() == 2 && o.last().map(d -> d.is(1)).orElse(false))
                .findFirst();
    }

    static Story indexBroadcastStory(Situation s) {
        Operand column = columnIndex(s).orElseThrow();
        List<String> shapes = arrayIndices(s).stream().map(o -> "`" + o.label() + "` " + shapeText(s,
                o.shape().orElseThrow())).toList();
        return Story.of("the index arrays " + String.join(" and ", shapes) + " broadcast against each other, so the "
                + "result takes every combination of rows and labels instead of one element per row", Optional.of(column))
                .notes(List.of("indexing with several arrays pairs their elements after broadcasting them: index with "
                        + "vectors of the same length to pick one element per row"));
    }

    static List<Candidate> indexBroadcastFixes(Situation s) {
        Operand column = columnIndex(s).orElseThrow();
        List<Candidate> out = new ArrayList<>();
        if (s.framework.equals("jax")) {
            out.add(Edits.replace(column, Spelling.squeezeLast(s.framework, column), "make the labels a vector"));
            out.add(Edits.chain(column, "[:, 0]", "take the labels' only column"));
        } else {
            out.add(Edits.chain(column, ".squeeze(1)", "make the labels a vector"));
        }
        out.add(Edits.chain(column, ".reshape(-1)", "flatten the labels"));
        if (s.framework.equals("numpy")) {
            out.add(Edits.chain(column, ".ravel()", "flatten the labels"));
        }
        return out;
    }

    /** Lengths of the 1-D index arrays, when they differ. */
    static List<Long> indexLengths(Situation s) {
        List<Long> lengths = new ArrayList<>();
        for (Operand o : arrayIndices(s)) {
            if (o.rank() == 1) {
                s.known(o.dim(0).orElseThrow()).ifPresent(lengths::add);
            }
        }
        return lengths.stream().distinct().count() > 1 ? lengths : List.of();
    }

    static Story indexBatchStory(Situation s) {
        List<String> parts = arrayIndices(s).stream().filter(o -> o.rank() == 1).map(o -> "`" + o.label() + "` has "
                + sizeText(s, o.dim(0).orElseThrow())).toList();
        return Story.of("the index arrays pick one element per row, so they must have the same length, but "
                + String.join(" and ", parts), arrayIndices(s).stream().reduce((a, b) -> b))
                .notes(List.of("logits[np.arange(N), labels] needs one label per row: N rows and N labels"));
    }

    static List<Candidate> indexBatchFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        List<Operand> indices = arrayIndices(s).stream().filter(o -> o.rank() == 1).toList();
        Optional<Operand> table = s.operand("self");
        if (indices.size() < 2 || table.isEmpty()) {
            return out;
        }
        Operand rows = indices.get(0);
        Operand labels = indices.get(indices.size() - 1);
        Optional<Long> n = s.known(rows.dim(0).orElseThrow());
        Optional<Long> m = s.known(labels.dim(0).orElseThrow());
        Optional<Long> tableRows = table.get().dim(0).flatMap(s::known);
        if (n.isEmpty() || m.isEmpty()) {
            return out;
        }
        if (rows.expr() instanceof Expr.Call arange && !CellSyntax.positional(arange).isEmpty()
                && tableRows.map(r -> r.equals(m.get())).orElse(false)) {
            Edit edit = new Edit(CellSyntax.positional(arange).get(0).span(), "len(" + labels.source() + ")");
            out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), arange.span(), edit),
                    "one row per label: the table has " + m.get() + " rows", false));
        }
        if (m.get() > n.get()) {
            out.add(Edits.silencingChain(labels, "[:" + n.get() + "]", "keep only the first " + n.get() + " labels"));
        } else if (rows.expr() instanceof Expr.Call arange && !CellSyntax.positional(arange).isEmpty()) {
            Edit edit = new Edit(CellSyntax.positional(arange).get(0).span(), String.valueOf(m.get()));
            out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), arange.span(), edit),
                    "use only the first " + m.get() + " rows", true));
        }
        return out;
    }

    static Story operandBroadcastStory(Situation s) {
        Operand a = ArrayOps.elementwise(s).orElseThrow().first();
        Operand b = ArrayOps.elementwise(s).orElseThrow().second();
        return Story.of("`" + a.label() + "` " + a.typeString() + " and `" + b.label() + "` " + b.typeString()
                + " cannot broadcast: aligned from the last axis, a pair of sizes differs and neither is 1",
                Optional.of(b));
    }

    static List<Candidate> operandBroadcastFixes(Situation s) {
        Operand a = ArrayOps.elementwise(s).orElseThrow().first();
        Operand b = ArrayOps.elementwise(s).orElseThrow().second();
        List<Candidate> out = new ArrayList<>();
        for (Operand[] pair : List.of(new Operand[] {a, b}, new Operand[] {b, a})) {
            Operand big = pair[0];
            Operand small = pair[1];
            if (small.rank() == 1 && big.rank() >= 2 && small.dim(0).flatMap(d -> big.dim(0).map(e -> s.same(d, e)))
                    .orElse(false)) {
                out.add(Edits.chain(small, s.framework.equals("torch") ? ".unsqueeze(1)" : ".reshape(-1, 1)",
                        "line `" + small.label() + "` up with the first axis of `" + big.label() + "`"));
            }
            if (small.rank() == 2 && big.rank() == 2 && small.dim(0).flatMap(d -> big.dim(1).map(e -> s.same(d, e)))
                    .orElse(false)) {
                out.add(Edits.chain(small, ".T", "transpose `" + small.label() + "`"));
            }
        }
        // the declared operand may simply have the wrong sizes: give it the other's trailing shape
        for (Operand[] pair : List.of(new Operand[] {b, a}, new Operand[] {a, b})) {
            Shape other = pair[1].shape().orElse(null);
            Shape mine = pair[0].shape().orElse(null);
            if (other == null || mine == null || mine.rank() > other.rank()) {
                continue;
            }
            Shape wanted = other.subShape(other.rank() - mine.rank(), other.rank());
            Edits.redeclare(s, pair[0], wanted, "if `" + pair[0].label() + "` should pair element by element with `"
                    + pair[1].label() + "`, it needs the shape " + shapeText(s, wanted)).ifPresent(out::add);
            if (mine.rank() == 1 && other.rank() == 2) {
                Shape column = Shape.of(other.dim(0), Dim.of(1));
                Edits.redeclare(s, pair[0], column, "if `" + pair[0].label() + "` holds one value per row of `"
                        + pair[1].label() + "`, make it a column " + shapeText(s, column)).ifPresent(out::add);
            }
        }
        return out;
    }

    // ============================================================ layers and reshapes

    static Story matmulStory(Situation s) {
        Optional<Recognition> r = s.problem.recognition();
        long b = r.map(x -> x.facts().number("b", -1)).orElse(-1L);
        long c = r.map(x -> x.facts().number("c", -1)).orElse(-1L);
        Optional<Operand> input = s.operand("input").or(() -> s.operand("a"));
        String what = s.function().equals("Linear") || s.function().equals("Sequential")
                ? callName(s) + " expects " + c + " input features but " + quote(input) + " has " + b
                + " on its last axis (after any flattening)"
                : "the inner sizes of the product differ: " + b + " columns against " + c + " rows";
        if (s.operand("b").isPresent()) {
            return Story.of(what, s.operand("b")).notes(List.of("for a @ b the last axis of a must equal the "
                    + "second-to-last axis of b"));
        }
        return Story.of(what, input).notes(List.of("a linear layer maps (*, in_features) to (*, out_features); "
                + "in_features must equal the size of the input's last axis"));
    }

    static List<Candidate> matmulFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Recognition> r = s.problem.recognition();
        long b = r.map(x -> x.facts().number("b", -1)).orElse(-1L);
        long c = r.map(x -> x.facts().number("c", -1)).orElse(-1L);
        long d = r.map(x -> x.facts().number("d", -1)).orElse(-1L);
        Optional<Operand> input = s.operand("input");
        if (input.isPresent() && input.get().rank() > 2) {
            Shape shape = input.get().shape().orElseThrow();
            Optional<Long> features = s.known(shape.subShape(1, shape.rank()).numelDim());
            if (features.isPresent() && features.get() == c) {
                out.add(Edits.chain(input.get(), ".flatten(1)", "flatten every axis after the batch into features"));
                out.add(Edits.chain(input.get(), ".view(" + input.get().chainable() + ".size(0), -1)",
                        "flatten every axis after the batch into features"));
            }
        }
        for (Expr.Call linear : linears(s, c, d)) {
            List<Expr> positional = CellSyntax.positional(linear);
            Optional<Expr> in = CellSyntax.keyword(linear, "in_features")
                    .or(() -> positional.isEmpty() ? Optional.empty() : Optional.of(positional.get(0)));
            if (in.isPresent() && b > 0) {
                Edit edit = new Edit(in.get().span(), String.valueOf(b));
                out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), linear.span(), edit),
                        "make the layer take the input's " + b + " features", false));
            }
        }
        Optional<Operand> a = s.operand("a");
        Optional<Operand> bOp = s.operand("b");
        if (a.isPresent() && bOp.isPresent() && a.get().rank() == 2 && bOp.get().rank() == 2) {
            Shape as = a.get().shape().orElseThrow();
            Shape bs = bOp.get().shape().orElseThrow();
            if (s.same(as.dim(1), bs.dim(1))) {
                out.add(Edits.chain(bOp.get(), ".T", "multiply by the transpose of `" + bOp.get().label() + "`"));
            }
            if (s.same(as.dim(0), bs.dim(0))) {
                out.add(Edits.chain(a.get(), ".T", "multiply the transpose of `" + a.get().label() + "`"));
            }
            Edits.redeclare(s, bOp.get(), 0, as.dim(1).toString(), "if `" + bOp.get().label() + "` is a weight you "
                    + "define, give it " + as.dim(1) + " rows").ifPresent(out::add);
        }
        return out;
    }

    /** The {@code nn.Linear(c, d)} calls of the cell that could be the failing layer. */
    private static List<Expr.Call> linears(Situation s, long in, long outFeatures) {
        List<Expr.Call> found = new ArrayList<>();
        for (int i = 0; i <= s.stmtIndex && i < s.syntax.statements().size(); i++) {
            CellSyntax.walk(s.syntax.statements().get(i), e -> {
                if (e instanceof Expr.Call call && CellSyntax.terminalName(call.callee()).map("Linear"::equals)
                        .orElse(false)) {
                    List<Expr> args = CellSyntax.positional(call);
                    if (args.size() >= 2 && args.get(0) instanceof Expr.IntLiteral a && a.value() == in
                            && args.get(1) instanceof Expr.IntLiteral b && b.value() == outFeatures) {
                        found.add(call);
                    }
                }
            });
        }
        return found;
    }

    static Story viewStory(Situation s) {
        Optional<Recognition> r = s.problem.recognition();
        String shape = r.flatMap(x -> x.facts().text("shape")).orElse("the shape");
        String numel = r.flatMap(x -> x.facts().text("numel")).orElse("its");
        return Story.of("a tensor of " + numel + " elements cannot be viewed as " + shape + ": the sizes must multiply "
                + "to the element count (use -1 to let one axis be inferred)", Optional.empty());
    }

    static List<Candidate> viewFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Recognition> r = s.problem.recognition();
        if (s.call.isEmpty() || !(s.call.get().site() instanceof Expr.Call call) || r.isEmpty()) {
            return out;
        }
        long numel = r.get().facts().number("numel", -1);
        List<Expr> args = CellSyntax.positional(call);
        List<Long> sizes = new ArrayList<>();
        for (Expr a : args) {
            if (a instanceof Expr.IntLiteral i) {
                sizes.add(i.value());
            } else if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE && u.operand() instanceof Expr.IntLiteral i) {
                sizes.add(-i.value());
            } else {
                return out;
            }
        }
        if (numel <= 0 || sizes.contains(-1L)) {
            return out;
        }
        for (int i = sizes.size() - 1; i >= 0; i--) {
            long rest = 1;
            for (int j = 0; j < sizes.size(); j++) {
                if (j != i) {
                    rest *= sizes.get(j);
                }
            }
            if (rest > 0 && numel % rest == 0) {
                Edit edit = new Edit(args.get(i).span(), "-1");
                out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), call.span(), edit),
                        "infer axis " + i + " (it becomes " + numel / rest + ")", false));
            }
        }
        return out;
    }

    static Story oneHotRangeStory(Situation s) {
        Optional<Operand> input = s.operand("input");
        String classes = ArrayOps.call(s).flatMap(Mismatches::numClassesArgument).map(e -> s.syntax.source()
                .of(e.span())).orElse("num_classes");
        Optional<long[]> range = input.flatMap(Operand::tensor).filter(Tensor::hasValues).map(t -> {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (double v : t.data()) {
                min = Math.min(min, (long) v);
                max = Math.max(max, (long) v);
            }
            return new long[] {min, max};
        });
        String values = range.map(r -> " (its values range from " + r[0] + " to " + r[1] + ")").orElse("");
        return Story.of("one_hot needs every class index in [0, " + classes + ") but " + quote(input) + " is not"
                + values, input);
    }

    static List<Candidate> oneHotRangeFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Operand> input = s.operand("input");
        if (input.isEmpty() || !(s.call.get().site() instanceof Expr.Call call)) {
            return out;
        }
        Optional<long[]> range = input.flatMap(Operand::tensor).filter(Tensor::hasValues).filter(t -> t.data().length > 0)
                .map(t -> {
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (double v : t.data()) {
                        min = Math.min(min, (long) v);
                        max = Math.max(max, (long) v);
                    }
                    return new long[] {min, max};
                });
        Optional<Long> classes = numClassesArgument(call).filter(e -> e instanceof Expr.IntLiteral)
                .map(e -> ((Expr.IntLiteral) e).value());
        if (range.isPresent()) {
            long min = range.get()[0];
            long max = range.get()[1];
            if (min >= 1 && classes.map(c -> c == max).orElse(false)) {
                out.add(Edits.replace(input.get(), input.get().chainable() + " - 1", "shift 1-based labels to 0-based"));
            }
            if (min >= 0) {
                String description = "make room for every class up to " + max;
                numClassesArgument(call).map(e -> ArrayOps.setArgument(s, call, "num_classes", e, String.valueOf(max + 1),
                        description)).or(() -> Edits.keyword(call, "num_classes", String.valueOf(max + 1), description))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    static Story oneHotDtypeStory(Situation s) {
        Optional<Operand> input = s.operand("input");
        String type = input.map(Operand::typeString).orElse("not an integer array");
        if (s.framework.equals("jax")) {
            return Story.of(callName(s) + " wants integer class indices but " + quote(input) + " is " + type
                    + ": each float is compared with the class ids, so a value such as 2.5 matches none and gives an "
                    + "all-zero row; JAX deprecates float input", input);
        }
        return Story.of("one_hot needs int64 class indices but " + quote(input) + " is " + type, input);
    }

    private static String param(Situation s) {
        return s.problem.recognition().flatMap(r -> r.facts().text("param")).orElse("delta");
    }

    private static String keywordOf(Situation s) {
        return s.problem.recognition().flatMap(r -> r.facts().text("keyword")).orElse("weight");
    }

    private static Optional<Operand> weightOf(Situation s) {
        Optional<Expr> expr = s.call.flatMap(CallSite::keywordTarget).flatMap(c -> CellSyntax.keyword(c, "weight"));
        return expr.map(e -> new Operand("weight", e, s.syntax.source().of(e.span()), Optional.empty(), Optional.empty()));
    }

    static List<Candidate> lossWeightFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Operand> weight = weightOf(s);
        Optional<Operand> p = s.prediction();
        if (weight.isEmpty() || p.isEmpty()) {
            return out;
        }
        out.add(Edits.chain(weight.get(), ".view_as(" + p.get().source() + ")", "the same weights, in the input's shape"));
        out.add(Edits.chain(weight.get(), ".unsqueeze(1).expand_as(" + p.get().source() + ")",
                "one weight per sample, repeated along the other axes"));
        return out;
    }

    static List<Candidate> modernReductionFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Expr.Call> target = s.call.flatMap(CallSite::keywordTarget);
        if (target.isEmpty()) {
            return out;
        }
        Expr.Call call = target.get();
        String value = s.problem.recognition().flatMap(r -> r.facts().text("value")).orElse("mean");
        Optional<Expr.Argument> legacy = call.arguments().stream().filter(a -> a.keyword().map(k -> k.equals("size_average")
                || k.equals("reduce") || k.equals("reduction")).orElse(false)).findFirst();
        if (legacy.isPresent() && call.arguments().stream().filter(a -> a.keyword().map(k -> k.equals("size_average")
                || k.equals("reduce")).orElse(false)).count() <= 1) {
            Edit edit = new Edit(legacy.get().span(), "reduction=\"" + value + "\"");
            out.add(new Candidate(List.of(edit), edit.replacement(), "say reduction=\"" + value + "\"", false));
        }
        return out;
    }

    // ============================================================ Keras layers

    /** The model (Sequential or layer) the failing call runs, as its constructor call. */
    private static Optional<Expr.Call> modelDefinition(Situation s) {
        if (s.call.isEmpty() || !(s.call.get().site() instanceof Expr.Call call)) {
            return Optional.empty();
        }
        if (call.callee() instanceof Expr.Attribute a && a.target() instanceof Expr.Name model) {
            return s.syntax.definition(model.id(), s.stmtIndex).filter(d -> d instanceof Expr.Call).map(d -> (Expr.Call) d);
        }
        return s.call.get().constructor();
    }

    static Story layerWidthStory(Situation s) {
        Optional<Recognition> r = s.problem.recognition();
        String expected = r.flatMap(x -> x.facts().text("expected")).orElse("?");
        List<String> got = r.flatMap(x -> x.facts().shape("shape")).orElse(List.of());
        String width = got.isEmpty() ? "?" : got.get(got.size() - 1);
        return Story.of("the layer was built for inputs with " + expected + " features on the last axis, but "
                + quote(s.operand("input")) + " has " + width, s.operand("input"))
                .notes(List.of("a Keras layer fixes its input width the first time it is built (from Input(shape=...) "
                        + "or its first call); every later input must have the same last axis"));
    }

    static List<Candidate> layerWidthFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Optional<Recognition> r = s.problem.recognition();
        List<String> got = r.flatMap(x -> x.facts().shape("shape")).orElse(List.of());
        String expected = r.flatMap(x -> x.facts().text("expected")).orElse("");
        if (got.isEmpty() || expected.isEmpty()) {
            return out;
        }
        String width = got.get(got.size() - 1);
        Optional<Expr.Call> model = modelDefinition(s);
        if (model.isPresent()) {
            CellSyntax.walk(model.get(), e -> {
                if (e instanceof Expr.Call call) {
                    for (String keyword : List.of("shape", "input_shape")) {
                        CellSyntax.keyword(call, keyword).filter(v -> v instanceof Expr.TupleExpr t && !t.items().isEmpty()
                                && s.syntax.source().of(t.items().get(t.items().size() - 1).span()).equals(expected))
                                .ifPresent(v -> {
                                    List<Expr> items = ((Expr.TupleExpr) v).items();
                                    Edit edit = new Edit(items.get(items.size() - 1).span(), width);
                                    out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), call.span(), edit),
                                            "build the model for inputs with " + width + " features", false));
                                });
                    }
                    CellSyntax.keyword(call, "input_dim").filter(v -> s.syntax.source().of(v.span()).equals(expected))
                            .ifPresent(v -> out.add(Candidate.of(new Edit(v.span(), width), "build the model for "
                                    + "inputs with " + width + " features")));
                }
            });
        }
        // a layer object reused on inputs of another width: give those inputs a layer of their own
        if (s.call.isPresent() && s.call.get().site() instanceof Expr.Call call && call.callee() instanceof Expr.Name layer
                && s.call.get().constructor().isPresent() && !s.function().equals("Sequential")
                && !s.function().equals("Model")) {
            String fresh = s.syntax.source().of(s.call.get().constructor().get().span());
            out.add(Candidate.of(new Edit(layer.span(), fresh), "a new layer for inputs of this width (a layer "
                    + "object keeps the width it was built with)"));
        }
        s.operand("input").filter(o -> o.rank() >= 1).ifPresent(input -> Edits.redeclare(s, input, input.rank() - 1,
                expected, "if `" + input.label() + "` should have " + expected + " features, declare it so")
                .ifPresent(out::add));
        return out;
    }

    static Story modelInputStory(Situation s) {
        Optional<Recognition> r = s.problem.recognition();
        String expected = r.flatMap(x -> x.facts().text("expected")).orElse("?");
        return Story.of("the model's Input expects samples shaped " + expected + " (batch first) but "
                + quote(s.operand("input")) + " is " + s.operand("input").map(Operand::typeString).orElse("?"),
                s.operand("input"));
    }

    static List<Candidate> modelInputFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        Operand input = s.operand("input").orElseThrow();
        List<String> expected = s.problem.recognition().flatMap(r -> r.facts().shape("expected")).orElse(List.of());
        if (expected.size() >= 2) {
            List<String> perSample = expected.subList(1, expected.size());
            out.add(Edits.replace(input, input.chainable() + ".reshape(-1, " + String.join(", ", perSample) + ")",
                    "reshape each sample to " + perSample + " (e.g. flatten images for a Dense model)"));
        }
        Optional<Expr.Call> model = s.call.flatMap(CallSite::constructor);
        Optional<Shape> got = input.shape();
        if (model.isPresent() && got.isPresent() && got.get().rank() >= 2) {
            CellSyntax.walk(model.get(), e -> {
                if (e instanceof Expr.Call call && CellSyntax.terminalName(call.callee()).map("Input"::equals).orElse(false)) {
                    CellSyntax.keyword(call, "shape").ifPresent(v -> {
                        List<String> dims = got.get().subShape(1, got.get().rank()).dims().stream().map(Object::toString)
                                .toList();
                        String tuple = "(" + String.join(", ", dims) + (dims.size() == 1 ? "," : "") + ")";
                        Edit edit = new Edit(v.span(), tuple);
                        out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), call.span(), edit),
                                "build the model for samples shaped " + tuple, false));
                    });
                }
            });
        }
        return out;
    }

    static Story layerRankStory(Situation s) {
        Operand input = s.operand("input").orElseThrow();
        String want = s.problem.recognition().flatMap(r -> r.facts().text("want")).orElse("?");
        return Story.of("the layer needs inputs with " + want + " axes (batch first) but " + quote(Optional.of(input))
                + " " + input.typeString() + " has " + input.rank(), Optional.of(input))
                .notes(List.of("Dense takes (batch, features); Conv2D takes (batch, height, width, channels); "
                        + "LSTM/Conv1D take (batch, steps, features)"));
    }

    static List<Candidate> layerRankFixes(Situation s) {
        Operand input = s.operand("input").orElseThrow();
        Shape shape = input.shape().orElseThrow();
        long want = s.problem.recognition().map(r -> r.facts().number("want", 2)).orElse(2L);
        List<Candidate> out = new ArrayList<>();
        if (want == 2 && shape.rank() == 1) {
            out.add(Edits.replace(input, input.chainable() + ".reshape(1, -1)", "one sample of "
                    + sizeText(s, shape.dim(0)) + " features"));
            out.add(Edits.replace(input, input.chainable() + ".reshape(-1, 1)", sizeText(s, shape.dim(0))
                    + " samples of one feature"));
        } else if (want == shape.rank() + 1) {
            out.add(Edits.replace(input, Spelling.expandLast(s.framework, input), "add a trailing axis (one channel or "
                    + "one feature per step)"));
        } else if (want == 4 && shape.rank() == 2) {
            Optional<Long> features = s.known(shape.dim(1));
            Optional<Long> batch = s.known(shape.dim(0));
            if (features.isPresent() && batch.isPresent()) {
                long f = features.get();
                for (long a = (long) Math.sqrt(f); a >= 3; a--) {
                    if (f % a == 0 && f / a >= 3) {
                        out.add(Edits.replace(input, input.chainable() + ".reshape(" + batch.get() + ", " + a + ", "
                                + f / a + ", 1)", "if each row is a " + a + "×" + f / a + " single-channel image"));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The fed value of {@code sess.run(..., feed_dict={...})} whose shape the message names. */
    static Optional<Operand> feedValue(Situation s) {
        List<String> wanted = s.problem.recognition().flatMap(r -> r.facts().shape("value")).orElse(List.of());
        List<Expr> values = new ArrayList<>();
        CellSyntax.walk(s.stmt, e -> {
            if (e instanceof Expr.Call call) {
                CellSyntax.keyword(call, "feed_dict").filter(d -> d instanceof Expr.DictExpr)
                        .ifPresent(d -> values.addAll(((Expr.DictExpr) d).values()));
            }
        });
        if (values.isEmpty() || s.inLoop()) {
            return Optional.empty();
        }
        List<String> sources = values.stream().map(v -> s.syntax.source().of(v.span())).toList();
        List<Optional<dev.shapes.eval.Value>> probed = Probe.before(s.syntax, s.stmt, sources, s.before).values();
        for (int i = 0; i < values.size(); i++) {
            Optional<Tensor> tensor = probed.get(i).filter(v -> v instanceof dev.shapes.eval.Value.TensorValue)
                    .map(v -> ((dev.shapes.eval.Value.TensorValue) v).tensor());
            if (tensor.isPresent() && tensor.get().shape().dims().stream().map(Object::toString).toList().equals(wanted)) {
                return Optional.of(new Operand("fed", values.get(i), sources.get(i), tensor, Optional.empty()));
            }
        }
        return Optional.empty();
    }

    static Story feedStory(Situation s) {
        Operand fed = feedValue(s).orElseThrow();
        String placeholder = s.problem.recognition().flatMap(r -> r.facts().text("placeholder")).orElse("?");
        return Story.of(quote(Optional.of(fed)) + " " + fed.typeString() + " is fed to a placeholder of shape "
                + placeholder + " (? is any size): every other axis must match", Optional.of(fed));
    }

    static List<Candidate> feedFixes(Situation s) {
        Operand fed = feedValue(s).orElseThrow();
        List<String> placeholder = s.problem.recognition().flatMap(r -> r.facts().shape("placeholder"))
                .orElse(List.of());
        List<Candidate> out = new ArrayList<>();
        if (placeholder.size() == fed.rank() + 1 && !placeholder.isEmpty()) {
            String classes = placeholder.get(placeholder.size() - 1);
            if (classes.equals("1")) {
                out.add(Edits.replace(fed, fed.chainable() + ".reshape(-1, 1)", "feed a column"));
            } else if (classes.matches("\\d+")) {
                out.add(Edits.replace(fed, "np.eye(" + classes + ")[" + fed.source() + "]", "feed one-hot rows of "
                        + classes + " classes"));
            }
        } else if (placeholder.size() + 1 == fed.rank() && fed.last().map(d -> d.is(1)).orElse(false)) {
            out.add(Edits.replace(fed, fed.chainable() + ".reshape(-1)", "feed a vector"));
        }
        return out;
    }

    static List<Candidate> tfReshapeFixes(Situation s) {
        List<Candidate> out = new ArrayList<>();
        long values = s.problem.recognition().map(r -> r.facts().number("values", -1)).orElse(-1L);
        if (s.call.isEmpty() || !(s.call.get().site() instanceof Expr.Call call) || values <= 0) {
            return out;
        }
        List<Expr> args = CellSyntax.positional(call);
        if (args.size() < 2 || !(args.get(1) instanceof Expr.ListExpr list)) {
            return out;
        }
        List<Long> sizes = new ArrayList<>();
        for (Expr e : list.items()) {
            if (e instanceof Expr.IntLiteral i) {
                sizes.add(i.value());
            } else if (e instanceof Expr.Unary u && u.operand() instanceof Expr.IntLiteral i) {
                sizes.add(-i.value());
            } else {
                return out;
            }
        }
        for (int i = sizes.size() - 1; i >= 0 && !sizes.contains(-1L); i--) {
            long rest = 1;
            for (int j = 0; j < sizes.size(); j++) {
                rest *= j == i ? 1 : sizes.get(j);
            }
            if (rest > 0 && values % rest == 0) {
                Edit edit = new Edit(list.items().get(i).span(), "-1");
                out.add(new Candidate(List.of(edit), Edits.within(s.syntax.source(), list.span(), edit),
                        "infer axis " + i + " (it becomes " + values / rest + ")", false));
            }
        }
        out.add(Candidate.silencing(new Edit(list.span(), "[-1]"), "flatten (only the element count is kept)"));
        return out;
    }

    static List<Candidate> reductionFixes(Situation s) {
        String value = s.problem.recognition().flatMap(r -> r.facts().text("value")).orElse("");
        List<String> valid = s.function().equals("kl_div") ? List.of("none", "mean", "sum", "batchmean")
                : List.of("none", "mean", "sum");
        String best = Suggestions.closest(value, valid).orElse("mean");
        return Edits.keyword(s, "reduction", "\"" + best + "\"", "the closest valid reduction").map(List::of)
                .orElse(List.of());
    }
}
