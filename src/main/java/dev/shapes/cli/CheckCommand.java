package dev.shapes.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shapes.eval.Session;
import dev.shapes.explain.Diagnosis;
import dev.shapes.explain.Explainer;
import dev.shapes.notebook.CellOutput;
import dev.shapes.notebook.CellRun;
import dev.shapes.notebook.CellRunner;
import dev.shapes.notebook.NotebookFile;
import dev.shapes.render.DiagnosisRenderer;
import dev.shapes.render.JsonRenderer;
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
        List<List<Diagnosis>> diagnoses = new ArrayList<>();
        for (NotebookFile.Cell cell : cells) {
            // fixes are verified against the session as it was before the cell ran
            Session before = runner.session().fork();
            CellRun run = runner.run(cell.source(), "cell " + (cell.position() + 1));
            runs.add(run);
            diagnoses.add(Explainer.diagnose(run.text(), run.result(), before));
        }
        out.print(json ? json(runs, diagnoses) + "\n" : text(runs, diagnoses));
        return runs.stream().anyMatch(CellRun::anyFailed) ? 1 : 0;
    }

    /** Each cell's listing, then its diagnoses. */
    private static String text(List<CellRun> runs, List<List<Diagnosis>> diagnoses) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.size() > 1) {
                out.append("── ").append(runs.get(i).label()).append(" ──\n");
            }
            out.append(CellOutput.text(runs.get(i)));
            if (!diagnoses.get(i).isEmpty()) {
                out.append('\n').append(DiagnosisRenderer.render(diagnoses.get(i)));
            }
        }
        return out.toString();
    }

    /** The check --json document, each statement a diagnosis is about gaining its {@code "diagnosis"}. */
    private static String json(List<CellRun> runs, List<List<Diagnosis>> diagnoses) {
        JsonObject doc = CellOutput.document(runs);
        JsonArray cells = doc.getAsJsonArray("cells");
        for (int i = 0; i < runs.size(); i++) {
            JsonRenderer.addDiagnoses(cells.get(i).getAsJsonObject(), runs.get(i).result(), diagnoses.get(i));
        }
        return new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping()
                .setPrettyPrinting().create().toJson(doc);
    }
}
