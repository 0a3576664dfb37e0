package dev.shapes.framework.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side view: one verdict per framework, through the explicit mapping of equivalents. */
class ComparisonTest {

    private final Comparison comparison = new Comparison(Frameworks.all());

    @Test
    void headerArgumentsThatNameFrameworksAskForAComparison() {
        assertEquals(List.of("torch", "keras", "numpy"), comparison.frameworksNamed(List.of("torch", "keras", "numpy")));
        assertEquals(List.of("torch"), comparison.frameworksNamed(List.of("torch", "1.13")));
    }

    @Test
    void theSourceFrameworkRunsTheCellAsWrittenAndTheMappingIsShown() {
        CellResult r = comparison.run(0, "logits: f32[4, 3]\nlabels: i64[4, 1]\nloss = F.cross_entropy(logits, labels)\n",
                List.of("torch", "keras"));
        assertEquals(2, r.statements().size());
        StatementResult torch = r.statements().get(0);
        assertEquals("PyTorch 2.x", torch.profile());
        assertEquals("loss = F.cross_entropy(logits, labels)", torch.source());
        assertEquals("0D or 1D target tensor expected, multi-target not supported",
                torch.failure().orElseThrow().message());
        assertEquals(Comparison.MAPPING_NOTE, torch.notes().get(0).kind());
        assertTrue(torch.notes().get(0).message().contains(
                "keras keras.losses.SparseCategoricalCrossentropy(from_logits=True)({labels}, {logits})"));
        assertEquals("loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)",
                r.statements().get(1).source());
    }

    @Test
    void aKerasLossIsTranslatedToPyTorchWithTheOperandsSwapped() {
        CellResult r = comparison.run(0, "logits: f32[4, 3]\nlabels: i64[4]\n"
                + "loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)\n",
                List.of("keras", "torch"));
        StatementResult torch = r.statements().get(1);
        assertEquals("loss = F.cross_entropy(logits, labels)", torch.source());
        assertTrue(torch.ok(), torch.toString());
    }

    @Test
    void probabilityTargetsOfTheLogitsShapeUseTheProbabilityRow() {
        CellResult r = comparison.run(0, "logits: f32[4, 3]\nlabels: f32[4, 3]\nloss = F.cross_entropy(logits, labels)\n",
                List.of("torch", "keras"));
        assertEquals("loss = keras.losses.CategoricalCrossentropy(from_logits=True)(labels, logits)",
                r.statements().get(1).source());
    }

    @Test
    void aCellWithoutAKnownLossSaysWhatItNeeds() {
        CellResult r = comparison.run(0, "x: f32[2]\ny = x * 2\n", List.of("torch", "numpy"));
        assertTrue(r.statements().get(0).failure().orElseThrow().message().startsWith("no loss to compare"));
    }
}
