package dev.shapes.framework.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import org.junit.jupiter.api.Test;

/** torch.cat refuses zero-dimensional tensors (text from ATen TensorShape.cpp, check_cat_no_zero_dim). */
class CatTest {

    @Test
    void zeroDimensionalTensorsCannotBeConcatenated() {
        CellResult cell = new Interpreter(new Session(Frameworks.all()))
                .run("a: f32[]\nb: f32[3]\nc = torch.cat([b, a], dim=0)");
        StatementResult.Failure failure = cell.statements().get(2).failure().orElseThrow();
        assertEquals("RuntimeError", failure.type());
        assertEquals("zero-dimensional tensor (at position 1) cannot be concatenated", failure.message());
    }
}
