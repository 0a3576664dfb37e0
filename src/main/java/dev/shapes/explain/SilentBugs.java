package dev.shapes.explain;

import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Mistakes that run without any error or warning, noted by Shapes itself:
 * softmax before a loss that expects logits, sigmoid before
 * BCEWithLogits, Keras {@code from_logits} disagreeing with the model's last
 * activation, Keras losses called in PyTorch's argument order, and class
 * indices stored as floats where probabilities are expected. Each detector
 * is a row: recognise, explain, propose fixes.
 */
final class SilentBugs {

    /** What a detector found: told like a diagnosis, pointing at {@code at}. */
    record Finding(String id, Kind kind, String summary, Expr at, List<String> conventions, List<String> notes,
                   List<Candidate> fixes) {}

    private static final Pattern PREDICTION_NAME = Pattern.compile(
            "(?i)(logits?|probs?|probabilities|preds?|predictions?|outputs?|out|y_pred|y_hat|yhat|scores?)");
    private static final Pattern LABEL_NAME = Pattern.compile(
            "(?i)(labels?|targets?|y|y_true|ytrue|truth|ground_truth|gt|classes)");

    static final List<Function<Situation, Optional<Finding>>> DETECTORS = List.of(
            SilentBugs::softmaxBeforeLogitsLoss,
            SilentBugs::sigmoidBeforeBceWithLogits,
            SilentBugs::probabilitiesIntoNll,
            SilentBugs::kerasFromLogits,
            SilentBugs::kerasArgumentOrder,
            SilentBugs::integerValuedFloatLabels);

    /** Cross-entropies that apply (log-)softmax to their input themselves. */
    private static final Set<String> LOGITS_CROSS_ENTROPIES = Set.of("cross_entropy",
            "softmax_cross_entropy_with_logits", "sparse_softmax_cross_entropy_with_logits", "softmax_cross_entropy",
            "softmax_cross_entropy_with_integer_labels");

    private SilentBugs() {}

    /** The first finding for this situation's call, if any. */
    static Optional<Finding> find(Situation s) {
        for (Function<Situation, Optional<Finding>> detector : DETECTORS) {
            Optional<Finding> f = detector.apply(s);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** Loss calls, and Keras {@code model.compile(loss=...)} calls, of a statement: where detectors look. */
    static List<Span> sites(CellSyntax syntax, int index, Stmt stmt) {
        List<Span> out = new ArrayList<>();
        CellSyntax.walk(stmt, e -> {
            if (e instanceof Expr.Call call) {
                if (CallSite.identify(syntax, index, call).loss().isPresent() || compileLoss(call).isPresent()) {
                    out.add(call.span());
                }
            }
        });
        return out;
    }

    // ------------------------------------------------------------ softmax / sigmoid applied twice

    static Optional<Finding> softmaxBeforeLogitsLoss(Situation s) {
        if (!LOGITS_CROSS_ENTROPIES.contains(s.function())) {
            return Optional.empty();
        }
        Optional<Operand> prediction = s.written(CallSite.PREDICTION);
        if (prediction.isEmpty()) {
            return Optional.empty();
        }
        Provenance.Origin origin = Provenance.of(s.syntax, s.stmtIndex, prediction.get().expr());
        if (origin.activation() != Provenance.Activation.SOFTMAX) {
            return Optional.empty();
        }
        List<Candidate> fixes = new ArrayList<>();
        origin.input().ifPresent(input -> fixes.add(Edits.replace(prediction.get(), s.syntax.source().of(input.span()),
                "pass the logits from before the softmax")));
        origin.layer().flatMap(layer -> removeLayer(s, origin)).ifPresent(fixes::add);
        return Optional.of(new Finding("softmax-before-cross-entropy", Kind.OTHER, Mismatches.quote(prediction)
                + " has already been through softmax, but " + Mismatches.callName(s) + " expects raw logits and applies "
                + "(log-)softmax itself: the probabilities are squashed twice, so the loss is wrong and learning stalls",
                prediction.get().expr(), Mismatches.conventions(s),
                List.of("this runs without any error or warning; only the numbers are wrong"), fixes));
    }

    static Optional<Finding> sigmoidBeforeBceWithLogits(Situation s) {
        String fn = s.function();
        if (!fn.equals("binary_cross_entropy_with_logits") && !fn.equals("sigmoid_cross_entropy_with_logits")
                && !fn.equals("sigmoid_binary_cross_entropy")) {
            return Optional.empty();
        }
        Optional<Operand> prediction = s.written(CallSite.PREDICTION);
        if (prediction.isEmpty()) {
            return Optional.empty();
        }
        Provenance.Origin origin = Provenance.of(s.syntax, s.stmtIndex, prediction.get().expr());
        if (origin.activation() != Provenance.Activation.SIGMOID) {
            return Optional.empty();
        }
        List<Candidate> fixes = new ArrayList<>();
        origin.input().ifPresent(input -> fixes.add(Edits.replace(prediction.get(), s.syntax.source().of(input.span()),
                "pass the logits from before the sigmoid")));
        origin.layer().flatMap(layer -> removeLayer(s, origin)).ifPresent(fixes::add);
        if (fn.equals("binary_cross_entropy_with_logits")) {
            Edits.renameCallee(s, "binary_cross_entropy", "keep the probabilities and use the loss that takes them")
                    .ifPresent(fixes::add);
        }
        return Optional.of(new Finding("sigmoid-before-bce-with-logits", Kind.OTHER, Mismatches.quote(prediction)
                + " has already been through sigmoid, but " + Mismatches.callName(s) + " applies the sigmoid itself: "
                + "the outputs are squashed twice into [0.5, 0.73], so the loss barely moves",
                prediction.get().expr(), Mismatches.conventions(s),
                List.of("this runs without any error or warning; only the numbers are wrong"), fixes));
    }

    static Optional<Finding> probabilitiesIntoNll(Situation s) {
        if (!s.function().equals("nll_loss")) {
            return Optional.empty();
        }
        Optional<Operand> prediction = s.written(CallSite.PREDICTION);
        if (prediction.isEmpty()) {
            return Optional.empty();
        }
        Provenance.Origin origin = Provenance.of(s.syntax, s.stmtIndex, prediction.get().expr());
        boolean softmax = origin.activation() == Provenance.Activation.SOFTMAX;
        boolean raw = origin.activation() == Provenance.Activation.NONE && origin.model().isPresent();
        if (!softmax && !raw) {
            return Optional.empty();
        }
        List<Candidate> fixes = new ArrayList<>();
        if (softmax && origin.input().isPresent()) {
            fixes.add(Edits.replace(prediction.get(), "F.log_softmax(" + s.syntax.source().of(origin.input().get().span())
                    + ", dim=1)", "take log_softmax instead of softmax"));
        }
        if (raw) {
            fixes.add(Edits.replace(prediction.get(), "F.log_softmax(" + prediction.get().source() + ", dim=1)",
                    "turn the logits into log-probabilities"));
            Edits.renameCallee(s, "cross_entropy", "use cross_entropy, which takes the logits directly")
                    .ifPresent(fixes::add);
        }
        String what = softmax ? "softmax probabilities" : "raw logits (the model's last layer has no log_softmax)";
        return Optional.of(new Finding("nll-without-log-softmax", Kind.OTHER, Mismatches.quote(prediction) + " holds "
                + what + ", but " + Mismatches.callName(s) + " expects log-probabilities", prediction.get().expr(),
                Mismatches.conventions(s), List.of("this runs without any error or warning; only the numbers are wrong"),
                fixes));
    }

    /** Removes the activation layer (or keyword) a model ends with. */
    private static Optional<Candidate> removeLayer(Situation s, Provenance.Origin origin) {
        if (origin.layer().isEmpty() || origin.model().isEmpty()) {
            return Optional.empty();
        }
        Expr layer = origin.layer().get();
        Expr.Call model = origin.model().get();
        if (layer instanceof Expr.StringLiteral) {
            Optional<Expr.Call> dense = enclosingCall(model, layer);
            return dense.flatMap(d -> Edits.removeKeyword(s.syntax.source(), d, "activation",
                    "drop the activation from the last layer"));
        }
        List<Expr> items = new ArrayList<>(CellSyntax.positional(model));
        if (items.size() == 1 && items.get(0) instanceof Expr.ListExpr list) {
            items = new ArrayList<>(list.items());
        }
        int at = items.indexOf(layer);
        if (at <= 0) {
            return Optional.empty();
        }
        Span previous = items.get(at - 1).span();
        Span cut = new Span(previous.endLine(), previous.endColumn(), layer.span().endLine(), layer.span().endColumn());
        return Optional.of(new Candidate(List.of(new Edit(cut, "")), "without " + s.syntax.source().of(layer.span()),
                "drop the activation layer from the model", false));
    }

    private static Optional<Expr.Call> enclosingCall(Expr root, Expr child) {
        List<Expr.Call> found = new ArrayList<>();
        CellSyntax.walk(root, e -> {
            if (e instanceof Expr.Call c && c.arguments().stream().anyMatch(a -> a.value() == child)) {
                found.add(c);
            }
        });
        return found.stream().findFirst();
    }

    // ------------------------------------------------------------ Keras from_logits

    /** The {@code loss=} of a {@code model.compile(...)} call. */
    static Optional<Expr> compileLoss(Expr.Call call) {
        if (call.callee() instanceof Expr.Attribute a && a.name().equals("compile")) {
            return CellSyntax.keyword(call, "loss");
        }
        return Optional.empty();
    }

    static Optional<Finding> kerasFromLogits(Situation s) {
        Optional<Expr.Call> lossCall;
        Provenance.Origin origin;
        String lossName;
        if (s.call.isPresent() && s.call.get().site() instanceof Expr.Call site && compileLoss(site).isPresent()) {
            Expr loss = compileLoss(site).get();
            if (!(site.callee() instanceof Expr.Attribute a) || !(a.target() instanceof Expr.Name model)) {
                return Optional.empty();
            }
            Optional<Expr> definition = s.syntax.definition(model.id(), s.stmtIndex);
            if (definition.isEmpty() || !(definition.get() instanceof Expr.Call sequential)) {
                return Optional.empty();
            }
            origin = Provenance.lastLayer(sequential);
            if (loss instanceof Expr.StringLiteral str) {
                lossName = str.value();
                lossCall = Optional.empty();
            } else if (loss instanceof Expr.Call constructor) {
                lossName = CellSyntax.terminalName(constructor.callee()).orElse("");
                lossCall = Optional.of(constructor);
            } else {
                return Optional.empty();
            }
        } else if (s.loss().map(l -> l.framework().equals("keras")).orElse(false)
                && s.written(CallSite.PREDICTION).isPresent()) {
            origin = Provenance.of(s.syntax, s.stmtIndex, s.written(CallSite.PREDICTION).get().expr());
            lossName = s.function();
            lossCall = s.call.flatMap(CallSite::keywordTarget);
        } else {
            return Optional.empty();
        }
        Optional<LossInfo> info = LossInfo.of(lossName);
        if (info.isEmpty() || info.get().family() == LossInfo.Family.REGRESSION
                || origin.activation() == Provenance.Activation.UNKNOWN) {
            return Optional.empty();
        }
        boolean fromLogits = lossCall.flatMap(c -> CellSyntax.keyword(c, "from_logits"))
                .map(e -> e instanceof Expr.BoolLiteral b && b.value()).orElse(false);
        boolean activated = origin.activation() == Provenance.Activation.SOFTMAX
                || origin.activation() == Provenance.Activation.SIGMOID;
        if (fromLogits == !activated) {
            return Optional.empty();
        }
        Expr at = lossCall.map(c -> (Expr) c).orElse(s.call.get().site());
        List<Candidate> fixes = new ArrayList<>();
        String summary;
        if (fromLogits) {
            summary = "the model ends in " + origin.activation().name().toLowerCase() + " but the loss has "
                    + "from_logits=True, so the activation is applied twice";
            lossCall.flatMap(c -> Edits.keyword(c, "from_logits", "False", "the model outputs probabilities"))
                    .ifPresent(fixes::add);
            removeLayer(s, origin).ifPresent(fixes::add);
        } else {
            summary = "the model's last layer has no activation (it outputs logits) but the loss expects "
                    + "probabilities (from_logits=False" + (lossCall.isPresent() ? "" : ", the default") + ")";
            if (lossCall.isPresent()) {
                Edits.keyword(lossCall.get(), "from_logits", "True", "tell the loss it gets logits").ifPresent(fixes::add);
            } else if (s.call.isPresent() && s.call.get().site() instanceof Expr.Call site
                    && compileLoss(site).isPresent()) {
                Expr loss = compileLoss(site).get();
                String className = LossInfo.className(info.get().function()).orElse("");
                if (!className.isEmpty()) {
                    fixes.add(Candidate.of(new Edit(loss.span(), "keras.losses." + className + "(from_logits=True)"),
                            "tell the loss it gets logits"));
                }
            }
            origin.model().ifPresent(model -> lastDense(model).ifPresent(dense -> Edits.keyword(dense, "activation",
                    "\"" + (info.get().family() == LossInfo.Family.BINARY ? "sigmoid" : "softmax") + "\"",
                    "end the model with an activation instead").ifPresent(fixes::add)));
        }
        return Optional.of(new Finding("keras-from-logits", Kind.OTHER, summary, at,
                List.of(Conventions.FROM_LOGITS), List.of("this trains without any error, but the loss and its "
                + "gradients are wrong"), fixes));
    }

    private static Optional<Expr.Call> lastDense(Expr.Call model) {
        List<Expr> items = new ArrayList<>(CellSyntax.positional(model));
        if (items.size() == 1 && items.get(0) instanceof Expr.ListExpr list) {
            items = new ArrayList<>(list.items());
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i) instanceof Expr.Call c && CellSyntax.terminalName(c.callee()).map("Dense"::equals)
                    .orElse(false)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------ argument order

    static Optional<Finding> kerasArgumentOrder(Situation s) {
        if (!s.loss().map(l -> l.framework().equals("keras")).orElse(false)) {
            return Optional.empty();
        }
        Optional<Operand> label = s.written(CallSite.LABEL);
        Optional<Operand> prediction = s.written(CallSite.PREDICTION);
        if (label.isEmpty() || prediction.isEmpty()) {
            return Optional.empty();
        }
        if (!swappedByName(label.get(), prediction.get())) {
            // only now evaluate them, to compare their dtypes and ranks
            label = s.label();
            prediction = s.prediction();
            if (label.isEmpty() || prediction.isEmpty() || !swappedByTypes(label.get(), prediction.get())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Finding("keras-argument-order", Kind.OTHER, "the arguments look like PyTorch's order: "
                + Mismatches.quote(label) + " is in the y_true place and " + Mismatches.quote(prediction) + " in "
                + "the y_pred place", label.get().expr(), List.of(Conventions.KERAS_ORDER), List.of(),
                List.of(swap(label.get(), prediction.get()))));
    }

    /** Whether the operand in the label's place looks like a prediction and the other like labels. */
    static boolean swappedByName(Operand label, Operand prediction) {
        return label.expr() instanceof Expr.Name l && prediction.expr() instanceof Expr.Name p
                && PREDICTION_NAME.matcher(l.id()).matches() && LABEL_NAME.matcher(p.id()).matches();
    }

    /** Float of higher rank where the labels go, integers where the prediction goes: surely swapped. */
    static boolean swappedByTypes(Operand label, Operand prediction) {
        return label.dtype().map(d -> d.isFloating()).orElse(false)
                && prediction.dtype().map(d -> !d.isFloating()).orElse(false)
                && label.rank() > prediction.rank() && prediction.rank() >= 0;
    }

    static Candidate swap(Operand first, Operand second) {
        Edit a = new Edit(first.span(), second.source());
        Edit b = new Edit(second.span(), first.source());
        // the code reads in the order the arguments end up in
        boolean firstComesFirst = first.span().line() < second.span().line()
                || first.span().line() == second.span().line() && first.span().column() < second.span().column();
        String code = firstComesFirst ? second.source() + ", " + first.source()
                : first.source() + ", " + second.source();
        return new Candidate(List.of(a, b), code, "swap the arguments", false);
    }

    // ------------------------------------------------------------ class ids stored as floats

    /** Labels [N] or [N, 1] against scores [N, C] with C > 1: one class id per row. */
    private static boolean oneIdPerRow(Operand label, Operand prediction) {
        boolean classes = prediction.rank() >= 2 && !prediction.last().map(d -> d.is(1)).orElse(true);
        boolean column = label.rank() == prediction.rank() && label.last().map(d -> d.is(1)).orElse(false);
        return classes && (label.rank() + 1 == prediction.rank() || column);
    }

    static Optional<Finding> integerValuedFloatLabels(Situation s) {
        Optional<LossInfo> loss = s.loss();
        if (loss.isEmpty() || s.written(CallSite.LABEL).isEmpty() || loss.get().family() == LossInfo.Family.REGRESSION
                || loss.get().family() == LossInfo.Family.CLASS_INDEX && !loss.get().function().equals("cross_entropy")) {
            return Optional.empty();
        }
        Optional<Operand> label = s.label();
        if (label.isEmpty() || !label.get().hasValues()
                || !label.get().dtype().map(d -> d.isFloating()).orElse(false)) {
            return Optional.empty();
        }
        boolean probabilities = loss.get().family() == LossInfo.Family.BINARY
                || loss.get().family() == LossInfo.Family.CLASS_PROBABILITIES
                || loss.get().function().equals("cross_entropy") && s.hasShapes()
                && s.sameShape(s.predictionShape(), s.labelShape());
        if (!probabilities) {
            return Optional.empty();
        }
        Tensor t = label.get().tensor().orElseThrow();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : t.data()) {
            if (v != Math.rint(v)) {
                return Optional.empty();
            }
            max = Math.max(max, v);
        }
        if (max <= 1) {
            return Optional.empty();
        }
        List<Candidate> fixes = new ArrayList<>();
        Optional<Operand> prediction = s.prediction();
        if (s.framework.equals("torch") && prediction.isPresent() && prediction.get().rank() == 2
                && !prediction.get().last().map(d -> d.is(1)).orElse(true)) {
            String indices = label.get().rank() == 2 && label.get().last().map(d -> d.is(1)).orElse(false)
                    ? label.get().chainable() + ".squeeze(1).long()" : label.get().chainable() + ".long()";
            if (label.get().rank() == 1 || label.get().last().map(d -> d.is(1)).orElse(false)) {
                Edits.replaceCall(s, "F.cross_entropy(" + prediction.get().source() + ", " + indices + ")",
                        "treat them as class indices with cross_entropy").ifPresent(fixes::add);
            }
        }
        if (s.framework.equals("jax") && prediction.isPresent() && oneIdPerRow(label.get(), prediction.get())) {
            fixes.addAll(Mismatches.sparseLossFixes(s, "treat them as class indices with the integer-label loss",
                    "one-hot encode them"));
        }
        return Optional.of(new Finding("integer-valued-float-labels", Kind.LABEL_ENCODING, Mismatches.quote(label)
                + " is float but holds whole numbers up to " + (long) max + ": they look like class indices, yet "
                + Mismatches.callName(s) + " reads its target as probabilities in [0, 1]", label.get().expr(),
                Mismatches.conventions(s), List.of("no framework checks this; the loss is silently wrong"), fixes));
    }
}
