package dev.shapes.bench;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Framework;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.framework.Frameworks;
import dev.shapes.lang.CellParser;
import java.util.List;
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
 * A notebook cell end to end: parse, evaluate in a fresh session, render text/plain,
 * text/html and application/json. The parts are measured separately to show where the
 * time goes. The frameworks are built once, as the kernel does at start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CellBenchmark {

    /** The cell as written (one statement fails on purpose), or without its failing statement. */
    @Param({"with-error", "no-error"})
    public String variant;

    private String cell;
    private List<Framework> frameworks;
    private CellResult evaluated;

    @Setup
    public void setup() {
        boolean withError = variant.equals("with-error");
        cell = Programs.cell(withError);
        frameworks = Frameworks.all();
        evaluated = Programs.runChecked(new Interpreter(new Session(frameworks)), cell, withError ? 1 : 0);
    }

    @Benchmark
    public int parseEvaluateRender() {
        CellResult result = new Interpreter(new Session(frameworks)).run(cell);
        return Programs.renderAll(result);
    }

    @Benchmark
    public Object parse() {
        return CellParser.parse(cell);
    }

    @Benchmark
    public CellResult parseEvaluate() {
        return new Interpreter(new Session(frameworks)).run(cell);
    }

    @Benchmark
    public int render() {
        return Programs.renderAll(evaluated);
    }
}
