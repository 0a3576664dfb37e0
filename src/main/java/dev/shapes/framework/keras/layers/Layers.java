package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Module;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code keras.layers}: every layer class Shapes models, as callables that construct layers. */
public final class Layers {

    private Layers() {}

    /** How a layer class builds an instance from the constructor's arguments. */
    @FunctionalInterface
    interface Factory {
        Layer create(KerasRuntime keras, Arguments args, CallContext ctx);
    }

    /** A layer class: calling it constructs a layer (its warnings go to the constructing statement). */
    public static final class LayerClass implements Value.PyObject {
        private final String name;
        private final String module;
        private final KerasRuntime keras;
        private final Factory factory;

        LayerClass(String name, String module, KerasRuntime keras, Factory factory) {
            this.name = name;
            this.module = module;
            this.keras = keras;
            this.factory = factory;
        }

        public String name() {
            return name;
        }

        @Override
        public Value call(Arguments args, CallContext ctx) {
            Layer layer = factory.create(KerasRuntime.current(keras, ctx), args, ctx);
            layer.constructionWarnings().forEach(ctx::warn);
            return layer;
        }

        @Override
        public boolean isCallable() {
            return true;
        }

        @Override
        public String typeName() {
            return "type";
        }

        @Override
        public String describe() {
            return "<class '" + module + "." + name + "'>";
        }
    }

    static Map<String, Factory> factories() {
        Map<String, Factory> f = new LinkedHashMap<>();
        f.put("Dense", (k, a, c) -> new Dense(k, a));
        f.put("InputLayer", InputLayer::layer);
        for (int rank = 1; rank <= 3; rank++) {
            int r = rank;
            f.put("Conv" + rank + "D", (k, a, c) -> new Conv(k, r, a));
            f.put("Convolution" + rank + "D", (k, a, c) -> new Conv(k, r, a));
            f.put("Conv" + rank + "DTranspose", (k, a, c) -> new ConvTranspose(k, r, a));
            f.put("MaxPooling" + rank + "D", (k, a, c) -> new Pooling(k, "MaxPooling" + r + "D", r, false, a));
            f.put("MaxPool" + rank + "D", (k, a, c) -> new Pooling(k, "MaxPooling" + r + "D", r, false, a));
            f.put("AveragePooling" + rank + "D", (k, a, c) -> new Pooling(k, "AveragePooling" + r + "D", r, true, a));
            f.put("AvgPool" + rank + "D", (k, a, c) -> new Pooling(k, "AveragePooling" + r + "D", r, true, a));
            f.put("GlobalAveragePooling" + rank + "D",
                    (k, a, c) -> new GlobalPooling(k, "GlobalAveragePooling" + r + "D", r, true, a));
            f.put("GlobalAvgPool" + rank + "D",
                    (k, a, c) -> new GlobalPooling(k, "GlobalAveragePooling" + r + "D", r, true, a));
            f.put("GlobalMaxPooling" + rank + "D",
                    (k, a, c) -> new GlobalPooling(k, "GlobalMaxPooling" + r + "D", r, false, a));
            f.put("GlobalMaxPool" + rank + "D",
                    (k, a, c) -> new GlobalPooling(k, "GlobalMaxPooling" + r + "D", r, false, a));
            f.put("SpatialDropout" + rank + "D", (k, a, c) -> new Dropout(k, "SpatialDropout" + r + "D", r, a));
        }
        f.put("Flatten", (k, a, c) -> new Flatten(k, a));
        f.put("Reshape", (k, a, c) -> new Reshape(k, a));
        f.put("Dropout", (k, a, c) -> new Dropout(k, "Dropout", 0, a));
        f.put("GaussianNoise", (k, a, c) -> new Dropout(k, "GaussianNoise", 0, a));
        f.put("GaussianDropout", (k, a, c) -> new Dropout(k, "GaussianDropout", 0, a));
        f.put("Embedding", (k, a, c) -> new Embedding(k, a, c));
        for (String rnn : List.of("LSTM", "GRU", "SimpleRNN")) {
            f.put(rnn, (k, a, c) -> new Recurrent(k, rnn, a));
        }
        f.put("TimeDistributed", (k, a, c) -> new Wrappers.TimeDistributed(k, a));
        f.put("Bidirectional", (k, a, c) -> new Wrappers.Bidirectional(k, a));
        for (String act : List.of("Activation", "Softmax", "ReLU", "LeakyReLU", "ELU")) {
            f.put(act, (k, a, c) -> new ActivationLayer(k, act, a));
        }
        f.put("BatchNormalization", (k, a, c) -> new Normalization(k, "BatchNormalization", a));
        f.put("LayerNormalization", (k, a, c) -> new Normalization(k, "LayerNormalization", a));
        for (String merge : List.of("Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")) {
            f.put(merge, (k, a, c) -> new Merge(k, merge, a));
        }
        for (String same : List.of("Rescaling", "Masking", "RandomFlip", "RandomRotation", "RandomZoom",
                "RandomTranslation", "RandomContrast", "PReLU")) {
            f.put(same, (k, a, c) -> new Passthrough(k, same, a));
        }
        for (String shaping : List.of("RepeatVector", "Permute", "UpSampling1D", "UpSampling2D", "ZeroPadding1D",
                "ZeroPadding2D")) {
            f.put(shaping, (k, a, c) -> new Shaping(k, shaping, a));
        }
        return f;
    }

    /** The names a program can use without a prefix ({@code Dense}, {@code Conv2D}, ...). */
    public static List<String> names() {
        return List.copyOf(factories().keySet());
    }

    public static Module module(String qualifiedName, KerasRuntime keras) {
        Module layers = new Module(qualifiedName);
        for (Map.Entry<String, Factory> e : factories().entrySet()) {
            layers.put(e.getKey(), new LayerClass(e.getKey(), qualifiedName, keras, e.getValue()));
        }
        layers.function("Input", (args, ctx) -> InputLayer.input(KerasRuntime.current(keras, ctx), args, ctx));
        for (String merge : List.of("concatenate", "add", "subtract", "multiply", "average", "maximum", "minimum")) {
            String cls = Character.toUpperCase(merge.charAt(0)) + merge.substring(1);
            layers.function(merge, (args, ctx) -> {
                Map<String, Value> kw = new LinkedHashMap<>(args.keywords());
                Value inputs = args.positional().isEmpty() ? kw.remove("inputs") : args.positional().get(0);
                Merge layer = new Merge(KerasRuntime.current(keras, ctx), cls, new Arguments(List.of(), kw, List.of(), Map.of(), List.of(),
                        Map.of(), args.callSpan()));
                return layer.apply(inputs, ctx);
            });
        }
        return layers;
    }
}
