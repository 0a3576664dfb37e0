package dev.shapes.render;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.framework.Frameworks;
import dev.shapes.framework.compare.Comparison;
import dev.shapes.lang.CellHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes notebooks whose outputs are the HTML view of sample cells, for
 * {@code tools/html-preview} to turn into pages (nbconvert's lab and classic
 * templates) and screenshots. Not a test: run it with {@code java}.
 */
public final class HtmlPreview {

    /** The screenshots the rendering is judged by, each one notebook of one or more cells. */
    static final Map<String, List<String>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("success", List.of("""
                %%shapes torch
                logits: f32[32, 10]
                labels: i64[32]
                loss = F.cross_entropy(logits, labels)
                x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
                y = x @ x
                n = x.shape[0]
                h: f32[B, T, 768]
                w: f32[768, 50257]
                out = h @ w
                """));
        SCENARIOS.put("batch-mismatch", List.of("""
                %%shapes torch
                logits: f32[32, 10]
                labels: i64[16]
                loss = F.cross_entropy(logits, labels)
                loss.backward()
                """));
        SCENARIOS.put("warning", List.of("""
                %%shapes torch
                pred: f32[32, 1]
                target: f32[32]
                mse = F.mse_loss(pred, target)
                print(mse.shape)
                """));
        SCENARIOS.put("syntax-error", List.of("""
                %%shapes torch
                x: f32[3, 4]
                y = x.sum(dim=1
                z = x +* 2
                w = x.sum(dim=0)
                """));
        SCENARIOS.put("compare", List.of("""
                %%shapes torch keras numpy
                logits: f32[32, 10]
                labels: i64[16]
                loss = F.cross_entropy(logits, labels)
                """));
        SCENARIOS.put("gallery", List.of("""
                %%shapes torch
                logits: f32[32, 10]
                labels: i64[32, 1]
                loss = F.cross_entropy(logits, labels)
                total = loss * 2
                """, """
                %%shapes torch
                a: f32[8, 3]
                b: f32[4, 3]
                c = a + b
                d = a @ b
                """, """
                %%shapes torch
                h: f32[B, T, 768]
                tokens: i64[B, 50257, 4]
                emb: f32[None, 50257]
                ids: i64[7]
                l1 = F.cross_entropy(emb, ids)
                l2 = F.cross_entropy(h, tokens)
                """, """
                %%shapes torch
                x4: f32[8, 3, 5, 5]
                t4: i64[8, 5, 6]
                q = F.cross_entropy(x4, t4)
                s = "a string value"
                r = F.cross_entropy(x4, "<script>alert(1)</script>")
                """));
    }

    private HtmlPreview() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/html-preview");
        Files.createDirectories(dir);
        for (Map.Entry<String, List<String>> scenario : SCENARIOS.entrySet()) {
            Session session = new Session(Frameworks.all());
            Interpreter interpreter = new Interpreter(session);
            Comparison comparison = new Comparison(Frameworks.all());
            JsonArray cells = new JsonArray();
            int count = 0;
            for (String source : scenario.getValue()) {
                // as check does: a header naming several frameworks asks for a side-by-side comparison
                Optional<CellHeader> header = CellHeader.of(source).filter(h -> h.magic().equals("shapes"));
                List<String> named = header.map(h -> comparison.frameworksNamed(h.arguments())).orElse(List.of());
                CellResult result = named.size() > 1
                        ? comparison.run(session.nextCellIndex(), header.get().body(), named)
                        : interpreter.run(source);
                cells.add(cell(source, ++count, result));
            }
            JsonObject notebook = new JsonObject();
            notebook.add("cells", cells);
            JsonObject kernelspec = new JsonObject();
            kernelspec.addProperty("name", "shapes");
            kernelspec.addProperty("display_name", "Shapes");
            kernelspec.addProperty("language", "shapes");
            JsonObject metadata = new JsonObject();
            metadata.add("kernelspec", kernelspec);
            notebook.add("metadata", metadata);
            notebook.addProperty("nbformat", 4);
            notebook.addProperty("nbformat_minor", 5);
            Files.writeString(dir.resolve(scenario.getKey() + ".ipynb"),
                    new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(notebook),
                    StandardCharsets.UTF_8);
        }
    }

    private static JsonObject cell(String source, int count, CellResult result) {
        JsonObject data = new JsonObject();
        data.addProperty("text/html", HtmlRenderer.render(result));
        data.addProperty("text/plain", TextRenderer.render(result));
        JsonObject output = new JsonObject();
        output.addProperty("output_type", "execute_result");
        output.addProperty("execution_count", count);
        output.add("data", data);
        output.add("metadata", new JsonObject());
        JsonArray outputs = new JsonArray();
        outputs.add(output);
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.addProperty("execution_count", count);
        cell.addProperty("id", "cell-" + count);
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", source.stripTrailing());
        cell.add("outputs", outputs);
        return cell;
    }
}
