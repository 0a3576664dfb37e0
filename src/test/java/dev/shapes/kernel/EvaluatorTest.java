package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.notebook.CellRun;
import dev.shapes.notebook.CellRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A long evaluation stops within a second of an interrupt, and the next cell runs normally. */
class EvaluatorTest {

    static final String LONG_CELL = "a = torch.ones(2000, 2000)\nfor i in range(10000):\n    b = a + a\n";

    @Test
    void interruptStopsALongCellAndTheNextCellRuns() throws Exception {
        Evaluator evaluator = new Evaluator();
        CellRunner runner = new CellRunner();
        CompletableFuture<CellRun> running = CompletableFuture.supplyAsync(
                () -> evaluator.call(() -> runner.run(LONG_CELL, "In [1]")));
        Thread.sleep(500);
        assertFalse(running.isDone(), "the cell should still be running");
        long start = System.nanoTime();
        evaluator.interrupt();
        CellRun interrupted = running.get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1000, "stopped after " + millis + " ms");
        assertEquals("KeyboardInterrupt", interrupted.notationProblems().get(0).type());

        CellRun next = evaluator.call(() -> runner.run("c = torch.ones(20, 20) + 1", "In [2]"));
        assertFalse(next.anyFailed());
        evaluator.interrupt(); // idle: nothing to stop, and the next cell must not see it
        assertFalse(evaluator.call(() -> runner.run("d = torch.ones(200, 200) + 1", "In [3]")).anyFailed());
        evaluator.shutdown();
    }
}
