package dev.shapes.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * The Shapes cells of a Jupyter notebook (.ipynb): in a notebook whose
 * kernel is Shapes every code cell; otherwise the cells that start with
 * {@code %%shapes}. Cells keep their notebook position for reporting.
 */
public final class NotebookFile {

    /** A code cell: its position among the notebook's cells and its source. */
    public record Cell(int position, String source) {}

    private NotebookFile() {}

    public static List<Cell> shapesCells(String ipynbJson) {
        JsonObject notebook = JsonParser.parseString(ipynbJson).getAsJsonObject();
        boolean shapesKernel = isShapesKernel(notebook);
        List<Cell> cells = new ArrayList<>();
        JsonArray all = notebook.has("cells") ? notebook.getAsJsonArray("cells") : new JsonArray();
        for (int i = 0; i < all.size(); i++) {
            JsonObject cell = all.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            String source = source(cell.get("source"));
            boolean magic = source.stripLeading().startsWith("%%shapes");
            if (magic || shapesKernel) {
                cells.add(new Cell(i, source));
            }
        }
        return cells;
    }

    private static boolean isShapesKernel(JsonObject notebook) {
        if (!notebook.has("metadata")) {
            return false;
        }
        JsonObject metadata = notebook.getAsJsonObject("metadata");
        if (metadata.has("kernelspec")) {
            JsonObject spec = metadata.getAsJsonObject("kernelspec");
            if (spec.has("language") && "shapes".equals(spec.get("language").getAsString())) {
                return true;
            }
            if (spec.has("name") && "shapes".equals(spec.get("name").getAsString())) {
                return true;
            }
        }
        return metadata.has("language_info") && metadata.getAsJsonObject("language_info").has("name")
                && "shapes".equals(metadata.getAsJsonObject("language_info").get("name").getAsString());
    }

    /** nbformat stores source as a string or a list of lines. */
    static String source(JsonElement source) {
        if (source == null || source.isJsonNull()) {
            return "";
        }
        if (source.isJsonArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonElement line : source.getAsJsonArray()) {
                out.append(line.getAsString());
            }
            return out.toString();
        }
        return source.getAsString();
    }
}
