package dev.shapes.framework.torch;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.torch.loss.BceWithLogits;
import dev.shapes.framework.torch.loss.BinaryCrossEntropy;
import dev.shapes.framework.torch.loss.CrossEntropy;
import dev.shapes.framework.torch.loss.KlDiv;
import dev.shapes.framework.torch.loss.Losses;
import dev.shapes.framework.torch.loss.NllLoss;
import dev.shapes.framework.torch.loss.Reduction;
import dev.shapes.framework.torch.loss.RegressionLoss;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code torch.nn}: loss modules that forward to the functional losses, and the layers around them. */
final class NnModule {

    private NnModule() {}

    /** A module's forward: its stored settings plus the call's arguments. */
    @FunctionalInterface
    interface Forward {
        Value call(Map<String, Value> settings, Arguments args, CallContext ctx);
    }

    /** An {@code nn.Module} instance: its class name, its settings (for repr) and its forward. */
    static final class Instance implements Value.PyObject {
        private final String className;
        private final Map<String, Value> settings;
        private final String repr;
        private final Forward forward;

        Instance(String className, Map<String, Value> settings, String repr, Forward forward) {
            this.className = className;
            this.settings = settings;
            this.repr = repr;
            this.forward = forward;
        }

        @Override
        public Value call(Arguments args, CallContext ctx) {
            return forward.call(settings, args, ctx);
        }

        @Override
        public boolean isCallable() {
            return true;
        }

        @Override
        public Optional<Value> attribute(String name, CallContext ctx) {
            if (name.equals("forward")) {
                return Optional.of(new dev.shapes.eval.Function(className + ".forward", this::call));
            }
            return Optional.ofNullable(settings.get(name));
        }

        @Override
        public List<String> attributeNames() {
            List<String> names = new ArrayList<>(settings.keySet());
            names.add("forward");
            return names;
        }

        @Override
        public String typeName() {
            return className;
        }

        @Override
        public String describe() {
            return repr;
        }
    }

    static Module module(TorchProfile profile, Module functional) {
        TorchVersion version = profile.torchVersion();
        Module nn = new Module("torch.nn");
        nn.put("functional", functional);

        lossClass(nn, profile, "CrossEntropyLoss", Signature.of("CrossEntropyLoss", "weight", "size_average",
                        "ignore_index", "reduce", "reduction", "label_smoothing")
                        .noneDefaults("weight", "size_average", "reduce").def("ignore_index", -100)
                        .def("reduction", "mean").def("label_smoothing", 0.0),
                List.of("weight", "ignore_index", "reduction", "label_smoothing"),
                (b, ctx) -> CrossEntropy.call(b, ctx, version), CrossEntropy.SIGNATURE, CrossEntropy.DOC);
        lossClass(nn, profile, "NLLLoss", Signature.of("NLLLoss", "weight", "size_average", "ignore_index",
                        "reduce", "reduction").noneDefaults("weight", "size_average", "reduce")
                        .def("ignore_index", -100).def("reduction", "mean"),
                List.of("weight", "ignore_index", "reduction"),
                (b, ctx) -> NllLoss.call(b, ctx, version), NllLoss.SIGNATURE, NllLoss.DOC);
        lossClass(nn, profile, "BCELoss", Signature.of("BCELoss", "weight", "size_average", "reduce", "reduction")
                        .noneDefaults("weight", "size_average", "reduce").def("reduction", "mean"),
                List.of("weight", "reduction"),
                (b, ctx) -> BinaryCrossEntropy.call(b, ctx, version), BinaryCrossEntropy.SIGNATURE,
                BinaryCrossEntropy.DOC);
        lossClass(nn, profile, "BCEWithLogitsLoss", Signature.of("BCEWithLogitsLoss", "weight", "size_average",
                        "reduce", "reduction", "pos_weight")
                        .noneDefaults("weight", "size_average", "reduce", "pos_weight").def("reduction", "mean"),
                List.of("weight", "reduction", "pos_weight"),
                (b, ctx) -> BceWithLogits.call(b, ctx, version), BceWithLogits.SIGNATURE, BceWithLogits.DOC);
        for (RegressionLoss loss : RegressionLoss.values()) {
            Signature ctor = switch (loss) {
                case HUBER -> Signature.of(loss.moduleName, "reduction", "delta").def("reduction", "mean")
                        .def("delta", 1.0);
                case SMOOTH_L1 -> Signature.of(loss.moduleName, "size_average", "reduce", "reduction", "beta")
                        .noneDefaults("size_average", "reduce").def("reduction", "mean").def("beta", 1.0);
                default -> Signature.of(loss.moduleName, "size_average", "reduce", "reduction")
                        .noneDefaults("size_average", "reduce").def("reduction", "mean");
            };
            List<String> forwarded = switch (loss) {
                case HUBER -> List.of("reduction", "delta");
                case SMOOTH_L1 -> List.of("reduction", "beta");
                default -> List.of("reduction");
            };
            lossClass(nn, profile, loss.moduleName, ctor, forwarded, (b, ctx) -> loss.call(b, ctx, version),
                    loss.signature(version), loss.doc());
        }
        lossClass(nn, profile, "KLDivLoss", Signature.of("KLDivLoss", "size_average", "reduce", "reduction",
                        "log_target").noneDefaults("size_average", "reduce").def("reduction", "mean")
                        .def("log_target", false),
                List.of("reduction", "log_target"), (b, ctx) -> KlDiv.call(b, ctx, version), KlDiv.SIGNATURE,
                KlDiv.DOC);

        nn.function("Linear", (args, ctx) -> {
            Bound b = Signature.of("Linear", "in_features", "out_features", "bias", "device", "dtype")
                    .def("bias", true).noneDefaults("device", "dtype").bind(args);
            long in = b.integer("in_features");
            long out = b.integer("out_features");
            Map<String, Value> settings = new LinkedHashMap<>();
            settings.put("in_features", new Value.IntValue(in));
            settings.put("out_features", new Value.IntValue(out));
            Tensor weight = Tensor.shapeOnly(DType.F32, Shape.of(out, in));
            settings.put("weight", profile.wrap(weight));
            String repr = "Linear(in_features=" + in + ", out_features=" + out + ", bias="
                    + (b.bool("bias") ? "True" : "False") + ")";
            return new Instance("Linear", settings, repr, (s, a, c) -> {
                Bound fb = Signature.of("Linear.forward", "input").bind(a);
                Tensor x = Losses.tensor(fb, "input", "linear", 1);
                return profile.wrap(linear(x, weight, version, c));
            });
        }, """
                nn.Linear(in_features, out_features, bias=True)
                input: (*, in_features) float; returns (*, out_features) (weights are random: values unknown)
                https://pytorch.org/docs/stable/generated/torch.nn.Linear.html""");
        nn.function("Softmax", (args, ctx) -> activation(profile, args, "Softmax", false));
        nn.function("LogSoftmax", (args, ctx) -> activation(profile, args, "LogSoftmax", true));
        nn.function("Sigmoid", (args, ctx) -> simple(profile, "Sigmoid", x -> TorchOps.floatUnary(x, TorchOps::sigmoid)));
        nn.function("ReLU", (args, ctx) -> simple(profile, "ReLU", x -> x.hasValues()
                ? dev.shapes.tensor.Kernels.map(x, x.dtype(), v -> Math.max(v, 0)) : x));
        nn.function("Identity", (args, ctx) -> simple(profile, "Identity", x -> x));
        nn.function("Dropout", (args, ctx) -> simple(profile, "Dropout", Tensor::withoutValues));
        nn.function("Flatten", (args, ctx) -> {
            Bound b = Signature.of("Flatten", "start_dim", "end_dim").def("start_dim", 1).def("end_dim", -1).bind(args);
            long start = b.integer("start_dim");
            long end = b.integer("end_dim");
            return simple(profile, "Flatten(start_dim=" + start + ", end_dim=" + end + ")",
                    x -> TorchOps.flatten(x, start, end));
        });
        nn.function("Sequential", (args, ctx) -> {
            List<Value> layers = new ArrayList<>(args.positional());
            for (Value layer : layers) {
                if (!(layer instanceof Value.PyObject o) || !o.isCallable()) {
                    throw new FrameworkException("TypeError", layer.typeName() + " is not a Module subclass");
                }
            }
            StringBuilder repr = new StringBuilder("Sequential(\n");
            for (int i = 0; i < layers.size(); i++) {
                repr.append("  (").append(i).append("): ").append(Python.repr(layers.get(i))).append('\n');
            }
            repr.append(')');
            return new Instance("Sequential", new LinkedHashMap<>(), repr.toString(), (s, a, c) -> {
                Value x = a.positional().isEmpty() ? Value.NONE : a.positional().get(0);
                for (Value layer : layers) {
                    x = ((Value.PyObject) layer).call(Arguments.of(x), c);
                }
                return x;
            });
        });
        return nn;
    }

    /** Registers {@code nn.<Name>Loss(...)}: construction stores settings; calling forwards to the functional loss. */
    private static void lossClass(Module nn, TorchProfile profile, String name, Signature ctor, List<String> forwarded,
                                  LossBody body, Signature functional, String doc) {
        nn.function(name, (args, ctx) -> {
            Bound b = ctor.bind(args);
            Map<String, Value> settings = new LinkedHashMap<>();
            for (String key : forwarded) {
                settings.put(key, b.get(key));
            }
            if (b.values().containsKey("size_average") && (!b.isNone("size_average") || !b.isNone("reduce"))) {
                settings.put("reduction", new Value.StrValue(Reduction.legacy(b.get("size_average"), b.get("reduce"), ctx)));
            }
            return new Instance(name, settings, name + "()", (s, a, c) -> {
                Bound call = Signature.of(name + ".forward", "input", "target").bind(a);
                Map<String, Value> keywords = new LinkedHashMap<>(s);
                Arguments forwardedArgs = new Arguments(List.of(call.get("input"), call.get("target")), keywords,
                        List.of(call.span("input"), call.span("target")), Map.of(),
                        List.of(call.source("input"), call.source("target")), Map.of(), a.callSpan());
                return profile.wrap(body.call(functional.bind(forwardedArgs), c));
            });
        }, doc);
    }

    @FunctionalInterface
    interface LossBody {
        Tensor call(Bound b, CallContext ctx);
    }

    private static Value activation(TorchProfile profile, Arguments args, String name, boolean log) {
        Bound b = Signature.of(name, "dim").noneDefaults("dim").bind(args);
        Optional<Long> dim = b.isNone("dim") ? Optional.empty() : Optional.of(b.integer("dim"));
        return new Instance(name, new LinkedHashMap<>(), name + "(dim=" + dim.map(String::valueOf).orElse("None") + ")",
                (s, a, c) -> {
                    Bound fb = Signature.of(name + ".forward", "input").bind(a);
                    Tensor x = Losses.tensor(fb, "input", name.toLowerCase(), 1);
                    long d = dim.orElseGet(() -> TorchOps.implicitSoftmaxDim(x.rank(), name.toLowerCase(), c));
                    return profile.wrap(TorchOps.softmax(x, d, log, profile.torchVersion()));
                });
    }

    private static Value simple(TorchProfile profile, String repr, java.util.function.UnaryOperator<Tensor> f) {
        String name = repr.contains("(") ? repr.substring(0, repr.indexOf('(')) : repr;
        return new Instance(name, new LinkedHashMap<>(), repr.contains("(") ? repr : repr + "()", (s, a, c) -> {
            Bound fb = Signature.of(name + ".forward", "input").bind(a);
            return profile.wrap(f.apply(Losses.tensor(fb, "input", name.toLowerCase(), 1)));
        });
    }

    /** {@code F.linear(x, weight)}: x (*, in) times weight (out, in) transposed; values unknown. */
    static Tensor linear(Tensor x, Tensor weight, TorchVersion version, CallContext ctx) {
        Tensor wt = weight.withShape(Shape.of(weight.shape().dim(1), weight.shape().dim(0))).withoutValues();
        if (x.dtype() != weight.dtype()) {
            throw new FrameworkException("RuntimeError", version.isLegacy()
                    ? "expected scalar type " + TorchTypes.name(weight.dtype()) + " but found " + TorchTypes.name(x.dtype())
                    : "mat1 and mat2 must have the same dtype, but got " + TorchTypes.name(x.dtype()) + " and "
                    + TorchTypes.name(weight.dtype()));
        }
        Tensor out = TorchOps.matmul(x.withoutValues(), wt, ctx, version);
        return out.withoutValues();
    }
}
