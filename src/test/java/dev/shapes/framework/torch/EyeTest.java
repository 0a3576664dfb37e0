package dev.shapes.framework.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import org.junit.jupiter.api.Test;

/** torch.eye refuses negative sizes (texts from PyTorch 1.13.1, run: torch.eye(-1), torch.eye(3, -2)). */
class EyeTest {

    @Test
    void negativeSizesAreRefused() {
        CellResult cell = new Interpreter(new Session(Frameworks.all()))
                .run("a = torch.eye(-1)\nb = torch.eye(3, -2)\n");
        StatementResult.Failure n = cell.statements().get(0).failure().orElseThrow();
        assertEquals("RuntimeError", n.type());
        assertEquals("n must be greater or equal to 0, got -1", n.message());
        assertEquals("m must be greater or equal to 0, got -2",
                cell.statements().get(1).failure().orElseThrow().message());
    }
}
