package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.framework.tf.TensorMath;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;

/**
 * Layers that keep their input's shape: {@code Rescaling(scale, offset=0.0)}
 * (values scaled when known), {@code Masking(mask_value=0.0)}, the data
 * augmentation layers ({@code RandomFlip}, {@code RandomRotation}, {@code RandomZoom},
 * {@code RandomTranslation}, {@code RandomContrast}: the identity outside
 * training) and {@code PReLU} (learned slopes: values unknown).
 */
public final class Passthrough extends Layer {

    private final double scale;
    private final double offset;

    Passthrough(KerasRuntime keras, String className, Arguments args) {
        this(keras, className, bind(className, args));
    }

    private static Bound bind(String className, Arguments args) {
        Signature s = switch (className) {
            case "Rescaling" -> Signature.of("Rescaling", "scale", "offset", "name", "**kwargs").def("offset", 0.0);
            case "Masking" -> Signature.of("Masking", "mask_value", "name", "**kwargs").def("mask_value", 0.0);
            case "RandomFlip" -> Signature.of("RandomFlip", "mode", "seed", "name", "**kwargs")
                    .def("mode", "horizontal_and_vertical").noneDefaults("seed");
            case "PReLU" -> Signature.of("PReLU", "alpha_initializer", "alpha_regularizer", "alpha_constraint",
                    "shared_axes", "name", "**kwargs").def("alpha_initializer", "Zeros")
                    .noneDefaults("alpha_regularizer", "alpha_constraint", "shared_axes");
            default -> Signature.of(className, "factor", "*args", "name", "**kwargs");
        };
        return s.noneDefaults("name").bind(withoutAugmentationOptions(className, args));
    }

    /** The augmentation layers' own options (fill_mode, interpolation, ...) change no shape. */
    private static Arguments withoutAugmentationOptions(String className, Arguments args) {
        if (!className.startsWith("Random")) {
            return args;
        }
        java.util.Map<String, Value> kw = new java.util.LinkedHashMap<>(args.keywords());
        for (String k : java.util.List.of("fill_mode", "interpolation", "seed", "fill_value", "value_range",
                "height_factor", "width_factor", "data_format")) {
            if (!className.equals("RandomFlip") || !k.equals("seed")) {
                kw.remove(k);
            }
        }
        return new Arguments(args.positional(), kw, args.positionalSpans(), args.keywordSpans(),
                args.positionalSources(), args.keywordSources(), args.callSpan());
    }

    private Passthrough(KerasRuntime keras, String className, Bound b) {
        super(keras, className, b);
        this.built = !className.equals("PReLU");
        this.scale = className.equals("Rescaling") && Python.isNumber(b.get("scale")) ? Python.toDouble(b.get("scale"))
                : 1;
        this.offset = className.equals("Rescaling") && Python.isNumber(b.get("offset"))
                ? Python.toDouble(b.get("offset")) : 0;
    }

    @Override
    protected Tensor forward(Tensor x, CallContext ctx) {
        return switch (className) {
            case "Rescaling" -> TensorMath.map(x.dtype().isFloating() ? x : x.cast(DType.F32), v -> v * scale + offset);
            case "PReLU" -> x.withoutValues();
            default -> x;
        };
    }
}
