package dev.shapes.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.Note;
import dev.shapes.eval.StatementResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * JAX's silent behaviours (gen_jax_oracle.py lists them): every recorded case
 * of such a family that JAX ran without complaint must carry Shapes' note of
 * the right kind on its last statement, and the ordinary ok families must
 * carry none.
 */
class JaxSilentNotesTest {

    private static final String BROADCAST = Note.SILENT_BROADCAST;
    private static final String OUT_OF_RANGE = "out-of-range-label";
    private static final String NEGATIVE = "negative-label";

    /** Family → the note kinds any one of which must be present. */
    private static final Map<String, Set<String>> SILENT = Map.ofEntries(
            Map.entry("optax_ce_int/oob_high", Set.of(OUT_OF_RANGE)),
            Map.entry("optax_ce_int/oob_neg", Set.of(NEGATIVE, OUT_OF_RANGE)),
            Map.entry("optax_ce_int/batch_one", Set.of(BROADCAST)),
            Map.entry("optax_ce_int/batch", Set.of(BROADCAST)),
            Map.entry("optax_ce_int/axis_wrong", Set.of("class-axis")),
            Map.entry("optax_ce/col", Set.of(BROADCAST)),
            Map.entry("optax_ce/batch_one", Set.of(BROADCAST)),
            Map.entry("optax_ce/int_labels_square", Set.of(BROADCAST)),
            Map.entry("optax_ce/swapped", Set.of("swapped-arguments")),
            Map.entry("optax_sigmoid_bce/col_vec", Set.of(BROADCAST)),
            Map.entry("optax_sigmoid_bce/vec_col", Set.of(BROADCAST)),
            Map.entry("optax_sigmoid_bce/so_col_vec", Set.of(BROADCAST)),
            Map.entry("optax_sigmoid_bce/col_multi", Set.of(BROADCAST)),
            Map.entry("optax_regression/huber_col_vec", Set.of(BROADCAST)),
            Map.entry("optax_regression/huber_vec_col", Set.of(BROADCAST)),
            Map.entry("jax_one_hot/oob", Set.of(OUT_OF_RANGE)),
            Map.entry("jax_one_hot/neg", Set.of(OUT_OF_RANGE)),
            Map.entry("jax_one_hot/col", Set.of("one-hot-axis")),
            Map.entry("jnp_ops/fancy_col", Set.of(BROADCAST)),
            Map.entry("jnp_ops/fancy_nll_col", Set.of(BROADCAST)),
            Map.entry("jnp_ops/fancy_oob", Set.of(OUT_OF_RANGE)),
            Map.entry("jnp_ops/tal_oob", Set.of(OUT_OF_RANGE, NEGATIVE)));

    private static final Set<String> JAX_NOTE_KINDS = Set.of(BROADCAST, OUT_OF_RANGE, NEGATIVE, "class-axis",
            "swapped-arguments", "one-hot-axis");

    private static List<OracleCase> okCases() {
        return OracleCase.load("cases-jax.jsonl", "jax").stream()
                .filter(c -> c.expectString("status").equals("ok")).toList();
    }

    private static Set<String> kinds(OracleCase c) {
        StatementResult last = Verdicts.lastStatement(c);
        return last.notes().stream().map(Note::kind).collect(Collectors.toSet());
    }

    @TestFactory
    Stream<DynamicTest> everySilentCaseOfTheRecordingIsNoted() {
        List<OracleCase> silent = okCases().stream().filter(c -> SILENT.containsKey(c.family())).toList();
        assertTrue(silent.size() >= 30, "expected the silent cases of the recording, found " + silent.size());
        return silent.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Set<String> kinds = kinds(c);
            Set<String> wanted = SILENT.get(c.family());
            assertTrue(kinds.stream().anyMatch(wanted::contains), () -> c.dsl() + "\nwanted one of " + wanted
                    + " but the notes are " + Verdicts.lastStatement(c).notes());
        }));
    }

    @TestFactory
    Stream<DynamicTest> ordinaryCasesCarryNoNote() {
        return okCases().stream().filter(c -> !SILENT.containsKey(c.family())
                        && !c.family().equals("optax_ce_int/axis_ok"))
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> {
                    Set<String> kinds = kinds(c);
                    kinds.retainAll(JAX_NOTE_KINDS);
                    assertEquals(Set.of(), kinds, () -> c.dsl() + "\n" + Verdicts.lastStatement(c).notes());
                }));
    }

    @Test
    void notesSayWhatJaxDidAndWhatWasMeant() {
        OracleCase col = okCases().stream().filter(c -> c.family().equals("optax_sigmoid_bce/col_vec")).findFirst()
                .orElseThrow();
        String text = Verdicts.lastStatement(col).notes().stream().filter(n -> n.kind().equals(BROADCAST))
                .map(Note::message).findFirst().orElseThrow();
        assertTrue(text.contains("broadcast to"), text);
        assertTrue(text.contains("You most likely meant"), text);
        assertFalse(text.contains("null"), text);
    }
}
