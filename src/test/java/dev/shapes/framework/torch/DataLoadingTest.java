package dev.shapes.framework.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Note;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.utils.data: a DataLoader over N samples yields N // batch_size full batches and, unless
 * drop_last=True, a last batch of N % batch_size samples (torch/utils/data/sampler.py BatchSampler).
 */
class DataLoadingTest {

    private static List<StatementResult> run(String cell) {
        return new Interpreter(new Session(Frameworks.all())).run(cell).statements();
    }

    private static final String SETUP = "X: f32[1000, 20]\ny: i64[1000]\nfc = nn.Linear(20, 10)\ntarget: i64[32]\n";

    @Test
    void thePartialLastBatchBreaksALossSizedForAFullBatch() {
        List<StatementResult> r = run(SETUP + "for xb, yb in DataLoader(TensorDataset(X, y), batch_size=32):\n"
                + "    loss = F.cross_entropy(fc(xb), target)\n");
        StatementResult loop = r.get(4);
        assertEquals("Expected input batch_size (8) to match target batch_size (32).",
                loop.failure().orElseThrow().message());
        Note note = loop.notes().get(0);
        assertTrue(note.message().startsWith("failed at batch 32 of 32, which has 8 samples (the others have 32;"),
                note.message());
    }

    @Test
    void dropLastSkipsThePartialBatch() {
        List<StatementResult> r = run(SETUP + "for xb, yb in DataLoader(TensorDataset(X, y), batch_size=32, "
                + "drop_last=True):\n    loss = F.cross_entropy(fc(xb), target)\n");
        assertTrue(r.get(4).ok(), r.get(4).toString());
    }

    @Test
    void batchesCarryValuesWhenTheDatasetHasThem() {
        List<StatementResult> r = run("X: f32[5, 1] = [[1.0], [2.0], [3.0], [4.0], [5.0]]\n"
                + "seen = []\nfor (xb,) in DataLoader(TensorDataset(X), batch_size=2):\n    last = xb.sum()\nlast\n");
        assertEquals(5.0, ((dev.shapes.eval.Value.TensorValue) r.get(3).value().orElseThrow()).tensor().item());
    }

    @Test
    void datasetTensorsMustShareTheirFirstAxis() {
        StatementResult r = run("a: f32[10, 3]\nb: i64[9]\nds = TensorDataset(a, b)\n").get(2);
        assertEquals("Size mismatch between tensors", r.failure().orElseThrow().message());
    }
}
