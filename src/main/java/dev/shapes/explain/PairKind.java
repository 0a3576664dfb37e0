package dev.shapes.explain;

import java.util.List;

/**
 * The kind of mistake a prediction shape and a label shape that a loss
 * refused point to, from the shapes alone. Dims are texts ("32", "None");
 * an unknown dim agrees with anything.
 */
final class PairKind {

    private PairKind() {}

    static Kind of(List<String> prediction, List<String> label, Kind fallback) {
        int pr = prediction.size();
        int lr = label.size();
        if (lr == pr + 1 && last(label).equals("1") && same(label.subList(0, lr - 1), prediction)) {
            return Kind.LABEL_RANK;
        }
        if (lr + 1 == pr && last(prediction).equals("1") && same(prediction.subList(0, pr - 1), label)) {
            return Kind.LABEL_RANK;
        }
        if (lr + 1 == pr && same(prediction.subList(0, pr - 1), label)) {
            // class indices [N] where one-hot rows [N, C] were expected
            return Kind.LABEL_ENCODING;
        }
        if (lr > 0 && pr > 0 && !agree(label.get(0), prediction.get(0))) {
            return Kind.BATCH_SIZE;
        }
        if (lr == pr && lr >= 2 && same(label.subList(0, lr - 1), prediction.subList(0, pr - 1))) {
            return last(label).equals("1") && !last(prediction).equals("1") ? Kind.LABEL_ENCODING : Kind.CLASS_COUNT;
        }
        return fallback;
    }

    static boolean same(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!agree(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean agree(String a, String b) {
        return a.equals(b) || a.equals("None") || b.equals("None");
    }

    private static String last(List<String> dims) {
        return dims.isEmpty() ? "" : dims.get(dims.size() - 1);
    }
}
