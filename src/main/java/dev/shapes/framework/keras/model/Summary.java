package dev.shapes.framework.keras.model;

import dev.shapes.eval.CallContext;
import dev.shapes.framework.keras.layers.InputLayer;
import dev.shapes.framework.keras.layers.Layer;
import dev.shapes.framework.tf.TfText;
import dev.shapes.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code model.summary()}: the layer table Keras 3 prints
 * (keras/src/utils/summary_utils.py): name (type), output shape, parameter
 * count, then the totals with their size in float32. An unbuilt model shows
 * {@code ?} and {@code 0 (unbuilt)}.
 */
final class Summary {

    private Summary() {}

    private static final int NAME = 33;
    private static final int SHAPE = 24;
    private static final int PARAMS = 15;

    static String table(Model model, CallContext ctx) {
        List<String[]> rows = new ArrayList<>();
        Optional<List<Shape>> shapes = model.layerOutputShapes(ctx);
        if (model instanceof Functional f) {
            for (InputLayer in : f.inputLayers()) {
                rows.add(new String[] {in.name() + " (InputLayer)", TfText.tuple(in.batchShape()), "0"});
            }
        }
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String shape = shapes.isPresent() && i < shapes.get().size() ? TfText.tuple(shapes.get().get(i)) : "?";
            long[] p = l.parameterCounts();
            String params = l.isBuilt() ? String.format(Locale.ROOT, "%,d", p[0] + p[1]) : "0 (unbuilt)";
            rows.add(new String[] {l.name() + " (" + l.className() + ")", shape, params});
        }
        StringBuilder out = new StringBuilder("Model: \"" + model.name() + "\"\n");
        out.append('┏').append("━".repeat(NAME)).append('┳').append("━".repeat(SHAPE)).append('┳')
                .append("━".repeat(PARAMS)).append("┓\n");
        out.append(row('┃', "Layer (type)", "Output Shape", "Param #"));
        out.append('┡').append("━".repeat(NAME)).append('╇').append("━".repeat(SHAPE)).append('╇')
                .append("━".repeat(PARAMS)).append("┩\n");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            out.append(row('│', r[0], r[1], r[2]));
            if (i < rows.size() - 1) {
                out.append('├').append("─".repeat(NAME)).append('┼').append("─".repeat(SHAPE)).append('┼')
                        .append("─".repeat(PARAMS)).append("┤\n");
            }
        }
        out.append('└').append("─".repeat(NAME)).append('┴').append("─".repeat(SHAPE)).append('┴')
                .append("─".repeat(PARAMS)).append("┘\n");
        long[] p = model.parameterCounts();
        out.append(" Total params: ").append(count(p[0] + p[1])).append('\n');
        out.append(" Trainable params: ").append(count(p[0])).append('\n');
        out.append(" Non-trainable params: ").append(count(p[1]));
        return out.toString();
    }

    private static String row(char bar, String name, String shape, String params) {
        return bar + " " + pad(name, NAME - 2) + " " + bar + " " + pad(shape, SHAPE - 2) + " " + bar + " "
                + " ".repeat(Math.max(0, PARAMS - 2 - params.length())) + params + " " + bar + "\n";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** {@code 50,890 (198.79 KB)}: the count and its float32 size (readable_memory_size). */
    static String count(long params) {
        double size = params * 4.0;
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (u < units.length - 1 && size / 1024 >= 1) {
            size /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%,d (%.2f %s)", params, size, units[u]);
    }
}
