package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

/** history_request answers: tail, range and glob search over this session's cells. */
class CellHistoryTest {

    private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

    private static CellHistory history() {
        CellHistory h = new CellHistory();
        h.add(1, "logits: f32[32, 10]", "✓ 1 logits");
        h.add(2, "%who", "table");
        h.add(3, "logits: f32[32, 10]", "✓ 1 logits");
        h.add(4, "loss = F.cross_entropy(logits, labels)", "✗");
        return h;
    }

    private static List<Integer> numbers(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getCellNumber).toList();
    }

    @Test
    void tail() {
        assertEquals(List.of(3, 4), numbers(history().lookupTail(2, NONE)));
        assertEquals(List.of(1, 2, 3, 4), numbers(history().lookupTail(100, NONE)));
        assertNull(history().lookupTail(1, NONE).get(0).getOutput());
        assertEquals("✗", history().lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0).getOutput());
    }

    @Test
    void range() {
        assertEquals(List.of(2, 3), numbers(history().lookupRange(0, 2, 4, NONE)));
        assertEquals(List.of(), numbers(history().lookupRange(-1, 0, 10, NONE)));
    }

    @Test
    void search() {
        assertEquals(List.of(1, 3), numbers(history().search("logits*", 10, NONE)));
        assertEquals(List.of(3), numbers(history().search("logits*", 10, EnumSet.of(ResultFlag.UNIQUE))));
        assertEquals(List.of(4), numbers(history().search("*cross_[e]ntropy*", 10, NONE)));
        assertEquals(List.of(2), numbers(history().search("%wh?", 10, NONE)));
    }
}
