package dev.shapes.framework.keras;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.layers.Activations;
import dev.shapes.framework.keras.layers.Layers;
import dev.shapes.framework.keras.loss.Losses;
import dev.shapes.framework.keras.model.Functional;
import dev.shapes.framework.keras.model.Metrics;
import dev.shapes.framework.keras.model.Optimizers;
import dev.shapes.framework.keras.model.Sequential;
import dev.shapes.framework.tf.TfOps;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * The {@code keras} namespace of one session (also {@code tf.keras} and
 * {@code tensorflow.keras}): layers, losses, models, utils, optimizers,
 * metrics, activations, callbacks, backend and datasets.
 */
public final class KerasModule {

    private final Module keras;

    public KerasModule(KerasRuntime runtime, String root) {
        keras = new Module(root);
        Module layers = Layers.module(root + ".layers", runtime);
        Module losses = Losses.module(root + ".losses", runtime.version());
        Module models = new Module(root + ".models");
        models.function("Sequential", (args, ctx) -> new Sequential(KerasRuntime.current(runtime, ctx), args, ctx,
                losses));
        models.function("Model", (args, ctx) -> new Functional(KerasRuntime.current(runtime, ctx), args, ctx,
                losses));
        models.function("load_model", (args, ctx) -> {
            throw new dev.shapes.eval.NotationException("UnsupportedError", "loading a saved model is not modelled; "
                    + "build the model in the cell instead", null);
        });
        Module utils = utils(root + ".utils", runtime);
        Module optimizers = Optimizers.module(root + ".optimizers", runtime);
        Module metrics = Metrics.module(root + ".metrics");
        Module activations = Activations.module(root + ".activations");
        Module callbacks = anything(root + ".callbacks", List.of("EarlyStopping", "ModelCheckpoint",
                "ReduceLROnPlateau", "TensorBoard", "CSVLogger", "LearningRateScheduler", "History", "Callback"));
        Module regularizers = anything(root + ".regularizers", List.of("l1", "l2", "l1_l2", "L1", "L2", "L1L2"));
        Module initializers = anything(root + ".initializers", List.of("GlorotUniform", "GlorotNormal", "HeNormal",
                "HeUniform", "RandomNormal", "RandomUniform", "Zeros", "Ones", "Constant", "glorot_uniform",
                "he_normal"));
        Module backend = backend(root + ".backend", runtime);
        Module datasets = Datasets.module(root + ".datasets");
        Module preprocessing = new Module(root + ".preprocessing");
        Module sequence = new Module(root + ".preprocessing.sequence");
        sequence.function("pad_sequences", KerasModule::padSequences);
        preprocessing.put("sequence", sequence);
        utils.function("pad_sequences", KerasModule::padSequences);

        for (Module m : List.of(layers, losses, models, utils, optimizers, metrics, activations, callbacks,
                regularizers, backend, initializers)) {
            keras.put(m.qualifiedName().substring(root.length() + 1), m);
        }
        keras.put("datasets", datasets);
        keras.put("preprocessing", preprocessing);
        keras.put("Sequential", models.member("Sequential").orElseThrow());
        keras.put("Model", models.member("Model").orElseThrow());
        keras.put("Input", layers.member("Input").orElseThrow());
        keras.put("ops", ops(root + ".ops"));
        keras.put("__version__", new Value.StrValue(runtime.legacy() ? "2.15.0" : "3.15.1"));
        if (runtime.legacy()) {
            Module npUtils = new Module(root + ".utils.np_utils");
            npUtils.put("to_categorical", utils.member("to_categorical").orElseThrow());
            utils.put("np_utils", npUtils);
        }
    }

    public Module module() {
        return keras;
    }

    /** Modules whose members are accepted and do nothing Shapes needs (callbacks, regularizers). */
    private static Module anything(String name, List<String> members) {
        Module m = new Module(name);
        for (String member : members) {
            m.function(member, (args, ctx) -> new Opaque(name + "." + member));
        }
        return m;
    }

    /** An object whose behaviour does not matter for shapes (a callback, a regularizer). */
    record Opaque(String qualifiedName) implements Value.PyObject {
        @Override
        public String typeName() {
            return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        }

        @Override
        public String describe() {
            return "<" + qualifiedName + " object>";
        }

        @Override
        public boolean isCallable() {
            return true;
        }

        @Override
        public Value call(Arguments args, CallContext ctx) {
            return args.positional().isEmpty() ? Value.NONE : args.positional().get(0);
        }
    }

    private static Module backend(String name, KerasRuntime runtime) {
        Module m = new Module(name);
        m.function("clear_session", (args, ctx) -> {
            KerasRuntime.current(runtime, ctx).state().clearNames();
            return Value.NONE;
        });
        m.function("floatx", (args, ctx) -> new Value.StrValue("float32"));
        m.function("epsilon", (args, ctx) -> new Value.FloatValue(1e-7));
        m.function("set_floatx", (args, ctx) -> Value.NONE);
        m.function("image_data_format", (args, ctx) -> new Value.StrValue("channels_last"));
        m.function("backend", (args, ctx) -> new Value.StrValue("tensorflow"));
        return m;
    }

    private static Module ops(String name) {
        Module m = new Module(name);
        m.function("one_hot", (args, ctx) -> {
            Bound b = Signature.of("one_hot", "x", "num_classes", "axis", "dtype", "sparse").def("axis", -1)
                    .noneDefaults("dtype").def("sparse", false).bind(args);
            Tensor x = Arrays.asArray(b.get("x"));
            return ctx.wrap(TfOps.oneHot(x, b.integer("num_classes"), 1, 0, DType.F32));
        });
        m.function("argmax", (args, ctx) -> {
            Bound b = Signature.of("argmax", "x", "axis", "keepdims").def("axis", -1).def("keepdims", false)
                    .bind(args);
            Tensor x = Arrays.asArray(b.get("x"));
            return ctx.wrap(TfOps.argmax(x, b.integer("axis"), DType.I32, false,
                    dev.shapes.framework.tf.TfExec.eager(ctx.bindings())));
        });
        return m;
    }

    private static Module utils(String name, KerasRuntime runtime) {
        Module m = new Module(name);
        m.function("to_categorical", KerasModule::toCategorical, """
                keras.utils.to_categorical(x, num_classes=None)
                x: integer class ids of any shape (a trailing axis of 1 is dropped); values in [0, num_classes)
                returns: float64 one-hot array, shape x.shape + (num_classes,)
                https://keras.io/api/utils/python_utils/#to_categorical-function""");
        m.function("set_random_seed", (args, ctx) -> Value.NONE);
        m.function("plot_model", (args, ctx) -> Value.NONE);
        return m;
    }

    /** {@code to_categorical} (keras/src/utils/numerical_utils.py): NumPy fancy indexing on NumPy input. */
    static Value toCategorical(Arguments args, CallContext ctx) {
        Bound b = Signature.of("to_categorical", "x", "num_classes").noneDefaults("num_classes").bind(args);
        Tensor x = Arrays.asArray(b.get("x"));
        if (x == null) {
            throw new FrameworkException("TypeError", "int() argument must be a string, a bytes-like object or a "
                    + "real number, not '" + b.get("x").typeName() + "'");
        }
        Shape inputShape = x.shape();
        if (inputShape.rank() > 1 && ctx.bindings().resolve(inputShape.dim(inputShape.rank() - 1)).is(1)) {
            inputShape = inputShape.without(inputShape.rank() - 1);
        }
        Tensor ids = x.cast(DType.I64);
        Dim classes;
        if (!b.isNone("num_classes") && !(b.get("num_classes") instanceof Value.IntValue n && n.value() == 0)) {
            classes = Dim.of(b.integer("num_classes"));
        } else if (ids.hasValues() && ids.data().length > 0) {
            double max = java.util.Arrays.stream(ids.data()).max().getAsDouble();
            classes = Dim.of((long) max + 1);
        } else {
            classes = Dim.UNKNOWN;
        }
        Shape out = inputShape.append(classes);
        if (ctx.profile().framework().equals("tf")) {
            return ctx.wrap(classes instanceof Dim.Known k ? TfOps.oneHot(ids, k.size(), 1, 0, DType.F32)
                    : Tensor.shapeOnly(DType.F32, out));
        }
        if (!ids.hasValues() || !(classes instanceof Dim.Known k) || !NumericBudget.allows(out)) {
            return Arrays.wrap(Tensor.shapeOnly(DType.F64, out));
        }
        long c = k.size();
        double[] v = ids.data();
        double[] r = new double[(int) (v.length * c)];
        for (int i = 0; i < v.length; i++) {
            long id = (long) v[i];
            if (id >= c || id < -c) {
                throw new FrameworkException("IndexError", "index " + id + " is out of bounds for axis 1 with size "
                        + c);
            }
            r[(int) (i * c + (id < 0 ? id + c : id))] = 1;
        }
        return Arrays.wrap(Tensor.of(DType.F64, out, r));
    }

    /** {@code pad_sequences(sequences, maxlen=None, ...)}: int32 {@code (samples, maxlen)}. */
    static Value padSequences(Arguments args, CallContext ctx) {
        Bound b = Signature.of("pad_sequences", "sequences", "maxlen", "dtype", "padding", "truncating", "value")
                .noneDefaults("maxlen").def("dtype", "int32").def("padding", "pre").def("truncating", "pre")
                .def("value", 0.0).bind(args);
        for (String p : List.of("padding", "truncating")) {
            String s = b.string(p).orElse("");
            if (!s.equals("pre") && !s.equals("post")) {
                throw new FrameworkException("ValueError", (p.equals("padding") ? "Padding" : "Truncating")
                        + " type \"" + s + "\" not understood");
            }
        }
        Value seqs = b.get("sequences");
        Dim samples;
        Dim length;
        if (seqs instanceof Value.TensorValue t) {
            samples = t.tensor().rank() > 0 ? t.tensor().shape().dim(0) : Dim.of(0);
            length = t.tensor().rank() > 1 ? t.tensor().shape().dim(1) : Dim.of(0);
        } else {
            List<Value> items = Python.sequenceItems(seqs);
            if (items == null) {
                throw new FrameworkException("ValueError", "`sequences` must be iterable.");
            }
            samples = Dim.of(items.size());
            long longest = 0;
            for (Value item : items) {
                List<Value> inner = Python.sequenceItems(item);
                longest = Math.max(longest, inner == null ? 0 : inner.size());
            }
            length = Dim.of(longest);
        }
        Dim maxlen = b.isNone("maxlen") ? length : Dim.of(b.integer("maxlen"));
        DType dtype = Arrays.dtype(b.get("dtype"));
        return ctx.wrap(Tensor.shapeOnly(dtype, Shape.of(samples, maxlen)));
    }

}
