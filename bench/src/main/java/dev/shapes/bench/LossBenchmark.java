package dev.shapes.bench;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A loss over f32[8192, 1000] values through the interpreter's own path: the statement is
 * parsed and evaluated as in a notebook, so argument binding, the framework's checks and the
 * numeric kernel are all measured. Run with {@code --add-modules jdk.incubator.vector} for the
 * SIMD kernels and without it for the scalar ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class LossBenchmark {

    @Param({"cross_entropy", "binary_cross_entropy_with_logits", "mse_loss"})
    public String loss;

    private Interpreter interpreter;
    private String statement;

    @Setup
    public void setup() {
        interpreter = LossData.session(LossData.directory());
        statement = LossData.statement(loss);
        Programs.runChecked(interpreter, statement, 0);
    }

    @Benchmark
    public CellResult evaluate() {
        return interpreter.run(statement);
    }
}
