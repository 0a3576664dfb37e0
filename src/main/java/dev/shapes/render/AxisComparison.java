package dev.shapes.render;

import dev.shapes.eval.FrameworkException.Operand;
import dev.shapes.tensor.Dim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expected against found, axis by axis, for a failing call: the operand at
 * fault ({@code found}: the one the error points at, else the last one with
 * axes at fault) against the one it disagrees with ({@code reference}). Their
 * axes at fault are paired in order, as far as the shorter list goes, when
 * the paired sizes differ; any other axis at fault stands alone.
 */
record AxisComparison(List<Operand> operands, int reference, int found, List<Pair> pairs,
                      List<Integer> lonelyReferenceAxes, List<Integer> lonelyFoundAxes) {

    /** Axis {@code referenceAxis} of the reference should have matched axis {@code foundAxis} of the found operand. */
    record Pair(int referenceAxis, int foundAxis) {}

    /** No comparison without operands; {@code blamedSource} is the source text the error points at. */
    static Optional<AxisComparison> of(List<Operand> operands, String blamedSource) {
        if (operands.isEmpty()) {
            return Optional.empty();
        }
        int found = -1;
        for (int i = 0; i < operands.size(); i++) {
            String label = operands.get(i).label();
            if (!label.isEmpty() && label.strip().equals(blamedSource.strip())) {
                found = i;
            }
        }
        if (found < 0) {
            for (int i = operands.size() - 1; i >= 0 && found < 0; i--) {
                if (!validAxes(operands.get(i)).isEmpty()) {
                    found = i;
                }
            }
        }
        if (found < 0) {
            found = operands.size() - 1;
        }
        int reference = -1;
        for (int i = 0; i < operands.size() && reference < 0; i++) {
            if (i != found && !validAxes(operands.get(i)).isEmpty()) {
                reference = i;
            }
        }
        for (int i = 0; i < operands.size() && reference < 0; i++) {
            if (i != found) {
                reference = i;
            }
        }
        List<Integer> foundAxes = validAxes(operands.get(found));
        List<Integer> referenceAxes = reference < 0 ? List.of() : validAxes(operands.get(reference));
        List<Pair> pairs = new ArrayList<>();
        List<Integer> lonelyReference = new ArrayList<>();
        List<Integer> lonelyFound = new ArrayList<>();
        int paired = Math.min(foundAxes.size(), referenceAxes.size());
        for (int i = 0; i < paired; i++) {
            Dim expected = operands.get(reference).shape().dim(referenceAxes.get(i));
            Dim actual = operands.get(found).shape().dim(foundAxes.get(i));
            if (expected.equals(actual)) {
                lonelyReference.add(referenceAxes.get(i));
                lonelyFound.add(foundAxes.get(i));
            } else {
                pairs.add(new Pair(referenceAxes.get(i), foundAxes.get(i)));
            }
        }
        lonelyReference.addAll(referenceAxes.subList(paired, referenceAxes.size()));
        lonelyFound.addAll(foundAxes.subList(paired, foundAxes.size()));
        return Optional.of(new AxisComparison(List.copyOf(operands), reference, found, List.copyOf(pairs),
                List.copyOf(lonelyReference), List.copyOf(lonelyFound)));
    }

    /** The axes at fault that the operand's shape actually has, in order. */
    static List<Integer> validAxes(Operand operand) {
        List<Integer> axes = new ArrayList<>();
        for (int axis : operand.badAxes()) {
            if (axis >= 0 && axis < operand.shape().rank() && !axes.contains(axis)) {
                axes.add(axis);
            }
        }
        return axes;
    }

    Operand referenceOperand() {
        return operands.get(reference);
    }

    Operand foundOperand() {
        return operands.get(found);
    }

    /**
     * Whether the operands line up by their last axes, as in broadcasting:
     * every pair sits at the same distance from the end (but not at the same
     * index), and every other pair of sizes lined up that way could have
     * broadcast (equal, 1, or not a number).
     */
    boolean alignsFromEnd() {
        if (pairs.isEmpty()) {
            return false;
        }
        List<Dim> referenceDims = referenceOperand().shape().dims();
        List<Dim> foundDims = foundOperand().shape().dims();
        int referenceRank = referenceDims.size();
        int foundRank = foundDims.size();
        boolean sameFromEnd = pairs.stream()
                .allMatch(p -> referenceRank - p.referenceAxis() == foundRank - p.foundAxis());
        boolean sameIndex = pairs.stream().allMatch(p -> p.referenceAxis() == p.foundAxis());
        if (!sameFromEnd || sameIndex) {
            return false;
        }
        for (int fromEnd = 1; fromEnd <= Math.min(referenceRank, foundRank); fromEnd++) {
            int referenceAxis = referenceRank - fromEnd;
            int foundAxis = foundRank - fromEnd;
            if (pairs.contains(new Pair(referenceAxis, foundAxis))) {
                continue;
            }
            Dim a = referenceDims.get(referenceAxis);
            Dim b = foundDims.get(foundAxis);
            boolean couldBroadcast = a.equals(b) || a.is(1) || b.is(1) || !a.isKnown() || !b.isKnown();
            if (!couldBroadcast) {
                return false;
            }
        }
        return true;
    }
}
