package dev.shapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Thousands of cells (valid, failing and malformed) through the real kernel
 * with jupyter_client: every cell is answered and the heap after a full GC
 * stays within a bound of where it started (src/test/python/soak.py).
 * CI runs SOAK_CELLS (default 1,500); docs/robustness.md has the 10,000-cell run.
 */
class SoakIT {

    @Test
    void theKernelKeepsAnsweringAndItsHeapStaysBounded() throws Exception {
        Jupyter.install();
        String cells = System.getenv().getOrDefault("SOAK_CELLS", "1500");
        Jupyter.Result result = Jupyter.run(Jupyter.python(Jupyter.source("src/test/python/soak.py").toString(),
                cells, Jupyter.ROOT.resolve("soak-kernel.log").toString()), Duration.ofMinutes(40));
        System.out.println(result.output());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("soak passed"), result.output());
    }
}
