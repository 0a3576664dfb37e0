package dev.shapes.cli;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.framework.Frameworks;
import dev.shapes.framework.compare.Comparison;
import dev.shapes.lang.CellHeader;
import dev.shapes.notebook.NotebookFile;
import dev.shapes.render.JsonRenderer;
import dev.shapes.render.TextRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check [--json] FILE|-}: evaluates a .shapes file (one cell) or the
 * Shapes cells of a notebook top to bottom. Exit 0 when no statement failed,
 * 1 when one did, 2 on usage or I/O errors.
 */
@Command(name = "check", description = "Check a .shapes file or a notebook's %%shapes cells and print the results.")
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the results as JSON (the documented contract).")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "A .shapes file, an .ipynb notebook, or - for standard input.")
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
        List<String> cells = new ArrayList<>();
        if (file.endsWith(".ipynb")) {
            try {
                NotebookFile.shapesCells(text).forEach(c -> cells.add(c.source()));
            } catch (RuntimeException e) {
                System.err.println("error: " + file + " is not a readable notebook: " + e.getMessage());
                return 2;
            }
        } else {
            cells.add(text);
        }
        Session session = new Session(Frameworks.all());
        Interpreter interpreter = new Interpreter(session);
        Comparison comparison = new Comparison(Frameworks.all());
        List<CellResult> results = new ArrayList<>();
        for (String cell : cells) {
            Optional<CellHeader> header = CellHeader.of(cell).filter(h -> h.magic().equals("shapes"));
            List<String> named = header.map(h -> comparison.frameworksNamed(h.arguments())).orElse(List.of());
            if (named.size() > 1) {
                results.add(comparison.run(session.nextCellIndex(), header.get().body(), named));
            } else {
                results.add(interpreter.run(cell));
            }
        }
        out.print(json ? JsonRenderer.render(results, true) + "\n" : TextRenderer.render(results));
        return results.stream().anyMatch(CellResult::anyFailed) ? 1 : 0;
    }
}
