package dev.shapes.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Facts about sizes: symbolic arithmetic, unification and broadcasting. */
class DimTest {

    @Test
    void symbolicProductsAreCanonical() {
        Dim bt = Dim.symbol("B").times(Dim.symbol("T"));
        Dim tb = Dim.symbol("T").times(Dim.symbol("B"));
        assertEquals(bt, tb);
        assertEquals("B*T", bt.toString());
        assertEquals("B*T + 1", bt.plus(Dim.of(1)).toString());
    }

    @Test
    void exactDivisionOfSymbolicCounts() {
        Dim count = Dim.symbol("B").times(Dim.symbol("T")).times(Dim.of(50257));
        assertEquals(Optional.of(Dim.symbol("B").times(Dim.symbol("T"))), count.exactDivide(Dim.of(50257)));
        assertEquals(Optional.empty(), Dim.symbol("B").exactDivide(Dim.of(3)));
        assertEquals(Optional.of(Dim.of(4)), Dim.of(12).exactDivide(Dim.of(3)));
    }

    @Test
    void aSymbolBindsToTheNumberItMeetsAndKeepsIt() {
        Bindings b = new Bindings();
        assertEquals(Bindings.Verdict.EQUAL, b.unify(Dim.symbol("B"), Dim.of(32), "logits", "labels"));
        assertEquals("labels", b.get("B").orElseThrow().source());
        assertEquals(Bindings.Verdict.DIFFERENT, b.unify(Dim.symbol("B"), Dim.of(64), "logits", "other"));
    }

    @Test
    void distinctUnboundSymbolsAreDifferentSizesButUnknownMatchesAnything() {
        Bindings b = new Bindings();
        assertEquals(Bindings.Verdict.DIFFERENT, b.unify(Dim.symbol("B"), Dim.symbol("C"), "", ""));
        assertEquals(Bindings.Verdict.UNDECIDED, b.unify(Dim.UNKNOWN, Dim.of(3), "", ""));
        assertTrue(b.compatible(Dim.UNKNOWN, Dim.symbol("C"), "", ""));
    }

    @Test
    void columnAgainstVectorBroadcastsToASquareThatGrewBeyondBoth() {
        Shape col = Shape.of(5, 1);
        Shape vec = Shape.of(5);
        Broadcast.Result r = Broadcast.shapes(col, vec, new Bindings());
        assertEquals(Shape.of(5, 5), r.shape().orElseThrow());
        assertTrue(Broadcast.grewBeyondBoth(col, vec, r.shape().get()));
        assertFalse(Broadcast.grewBeyondBoth(Shape.of(5, 3), Shape.of(3), Shape.of(5, 3)));
    }

    @Test
    void mismatchNamesTheAxisFromTheEnd() {
        Broadcast.Result r = Broadcast.shapes(Shape.of(32, 10), Shape.of(32, 5), new Bindings());
        Broadcast.Mismatch m = r.mismatch().orElseThrow();
        assertEquals(1, m.resultAxis());
        assertEquals(Dim.of(10), m.sizeA());
        assertEquals(Dim.of(5), m.sizeB());
    }

    @Property(tries = 300)
    void broadcastingIsSymmetricInItsResult(@ForAll @IntRange(min = 1, max = 4) int a0,
                                            @ForAll @IntRange(min = 1, max = 4) int a1,
                                            @ForAll @IntRange(min = 1, max = 4) int b1) {
        Shape a = Shape.of(a0, a1);
        Shape b = Shape.of(b1);
        Broadcast.Result ab = Broadcast.shapes(a, b, new Bindings());
        Broadcast.Result ba = Broadcast.shapes(b, a, new Bindings());
        assertEquals(ab.shape(), ba.shape());
        assertEquals(a1 == b1 || a1 == 1 || b1 == 1, ab.ok());
    }

    @Test
    void dtypesRoundAsTheFrameworksStoreThem() {
        assertEquals((double) (float) 0.1, DType.F32.round(0.1));
        assertEquals(0.0999755859375, DType.F16.round(0.1));
        assertEquals(44, DType.U8.round(300));
        assertEquals(1, DType.BOOL.round(-2));
        assertEquals(Optional.of(DType.I64), DType.parse("long"));
        assertEquals(Optional.of(DType.F32), DType.parse("float32"));
    }
}
