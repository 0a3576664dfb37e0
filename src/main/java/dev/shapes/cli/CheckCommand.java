package dev.shapes.cli;

import dev.shapes.notebook.CellOutput;
import dev.shapes.notebook.CellRun;
import dev.shapes.notebook.CellRunner;
import dev.shapes.notebook.NotebookFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check [--json] FILE|-}: evaluates a .shapes file (one cell) or the
 * Shapes cells of a notebook top to bottom, with the kernel's magics
 * ({@code %%shapes}, {@code %use}, {@code %who}, {@code %reset}); each cell's
 * framework errors, warnings and notes are followed by their diagnoses and
 * verified fixes. Exit 0 when no statement failed, 1 when one did, 2 on usage
 * or I/O errors.
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
        List<NotebookFile.Cell> cells = new ArrayList<>();
        if (file.endsWith(".ipynb")) {
            try {
                cells.addAll(NotebookFile.shapesCells(text));
            } catch (RuntimeException e) {
                System.err.println("error: " + file + " is not a readable notebook: " + e.getMessage());
                return 2;
            }
        } else {
            cells.add(new NotebookFile.Cell(0, text));
        }
        CellRunner runner = new CellRunner();
        List<CellRun> runs = new ArrayList<>();
        for (NotebookFile.Cell cell : cells) {
            runs.add(runner.run(cell.source(), "cell " + (cell.position() + 1)));
        }
        out.print(json ? CellOutput.documentText(runs) + "\n" : CellOutput.text(runs));
        return runs.stream().anyMatch(CellRun::anyFailed) ? 1 : 0;
    }
}
