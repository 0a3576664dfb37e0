package dev.shapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The kernel process under a real client (jupyter_client): kernel_info,
 * execute (rich bundle and clean error replies), magics, complete, inspect,
 * is_complete, history, interrupt, a forged HMAC signature and shutdown.
 * The checks themselves are in src/test/python/protocol_check.py.
 */
class KernelProtocolIT {

    @Test
    void answersEveryRequestTheWayJupyterClientExpects() throws Exception {
        Jupyter.install();
        Jupyter.Result result = Jupyter.run(Jupyter.python(
                Jupyter.source("src/test/python/protocol_check.py").toString(),
                Jupyter.ROOT.resolve("protocol-kernel.log").toString()), Duration.ofMinutes(4));
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("all protocol checks passed"), result.output());
    }
}
