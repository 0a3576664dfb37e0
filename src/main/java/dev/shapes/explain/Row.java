package dev.shapes.explain;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of the mismatch table: a kind of mistake, how to recognise it in
 * a situation, how to explain it, and the fixes to try (best guess of the
 * user's intent first). Rows are data; {@link Mismatches} holds the table.
 */
record Row(String id, Kind kind, Predicate<Situation> applies, Function<Situation, Story> story,
           Function<Situation, List<Candidate>> fixes) {
}
