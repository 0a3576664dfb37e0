package dev.shapes.explain;

import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/** The expected-versus-found tables of diagnoses, with each axis' role. */
final class Axes {

    private Axes() {}

    /** Class-index targets: the prediction's shape without its class axis (dim 1, or dim 0 for one sample). */
    static Shape classIndexTarget(Shape prediction) {
        if (prediction.rank() == 0) {
            return Shape.SCALAR;
        }
        return prediction.without(prediction.rank() == 1 ? 0 : 1);
    }

    static List<AxisRole> classIndexRoles(int rank) {
        List<AxisRole> roles = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            roles.add(i == 0 ? AxisRole.BATCH : rank == 2 ? AxisRole.SEQUENCE : AxisRole.SPATIAL);
        }
        return roles;
    }

    static List<AxisRole> predictionRoles(int rank, boolean classes) {
        List<AxisRole> roles = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            roles.add(i == 0 ? AxisRole.BATCH : i == rank - 1 ? (classes ? AxisRole.CLASSES : AxisRole.OUTPUTS)
                    : rank == 3 ? AxisRole.SEQUENCE : AxisRole.SPATIAL);
        }
        return roles;
    }

    /** Roles of a class-first prediction [N, C, d1, ...]. */
    static List<AxisRole> classFirstRoles(int rank) {
        List<AxisRole> roles = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            roles.add(rank == 1 ? AxisRole.CLASSES : i == 0 ? AxisRole.BATCH : i == 1 ? AxisRole.CLASSES
                    : rank == 3 ? AxisRole.SEQUENCE : AxisRole.SPATIAL);
        }
        return roles;
    }

    static List<AxisComparison> compare(Situation s, Shape expected, List<AxisRole> roles, Shape found) {
        List<AxisComparison> rows = new ArrayList<>();
        int n = Math.max(expected.rank(), found.rank());
        for (int i = 0; i < n; i++) {
            String want = i < expected.rank() ? text(s, expected.dim(i)) : AxisComparison.ABSENT;
            String got = i < found.rank() ? text(s, found.dim(i)) : AxisComparison.ABSENT;
            AxisRole role;
            if (i < roles.size()) {
                role = roles.get(i);
            } else {
                role = i < found.rank() && found.dim(i).is(1) ? AxisRole.EXTRA : AxisRole.CLASSES;
            }
            if (i < expected.rank() && i < found.rank() && s.same(expected.dim(i), found.dim(i))) {
                got = want;
            }
            rows.add(new AxisComparison(i, role, want, got));
        }
        return rows;
    }

    /** A size as the table shows it: {@code 32}, or {@code B=32} when a symbol was bound. */
    static String text(Situation s, Dim d) {
        Dim resolved = s.resolve(d);
        if (d instanceof Dim.Symbolic && resolved.isKnown()) {
            return d + "=" + resolved;
        }
        return d.toString();
    }
}
