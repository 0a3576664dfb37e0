package dev.shapes.cli;

import dev.shapes.explain.Explainer;
import dev.shapes.explain.Explanation;
import dev.shapes.render.ExplanationRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code explain [--json] FILE|-}: recognises a pasted error message or
 * traceback (PyTorch, Keras, TensorFlow, NumPy), reproduces it as a Shapes
 * cell and explains it with verified fixes. Exit 0 when recognised, 1 when
 * not, 2 on usage or I/O errors.
 */
@Command(name = "explain", description = "Explain a pasted framework error message or traceback, with a reproducing "
        + "cell and verified fixes.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the explanation as JSON (the documented contract).")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "A text file holding the message or traceback, or - for standard input.")
    String file;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String text;
        try {
            text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("error: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        Explanation explanation = Explainer.explainMessage(text);
        out.print(json ? ExplanationRenderer.renderJson(explanation) + "\n" : ExplanationRenderer.renderText(explanation));
        return explanation.recognized() ? 0 : 1;
    }
}
