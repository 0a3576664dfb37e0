package dev.shapes.framework.numpy;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code np.random} and {@code np.random.default_rng()}: random arrays are
 * shape-only, since their values are not facts a check may depend on.
 */
final class NumpyRandom {

    private NumpyRandom() {}

    static Module module(NumpyProfile profile) {
        Module random = new Module("numpy.random");
        random.function("randn", (args, ctx) -> profile.wrap(Tensor.shapeOnly(DType.F64, dims(args))));
        random.function("rand", (args, ctx) -> profile.wrap(Tensor.shapeOnly(DType.F64, dims(args))));
        random.function("randint", (args, ctx) -> {
            Bound b = Signature.of("randint", "low", "high", "size", "dtype").noneDefaults("high", "size")
                    .def("dtype", profile.scalarType(DType.I64)).bind(args);
            integerBounds(b, "low", "high", false);
            DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.I64);
            return profile.wrap(Tensor.shapeOnly(dtype, size(b)));
        });
        for (String name : List.of("random", "random_sample", "standard_normal")) {
            random.function(name, (args, ctx) -> {
                Bound b = Signature.of(name, "size").noneDefaults("size").bind(args);
                return profile.wrap(Tensor.shapeOnly(DType.F64, size(b)));
            });
        }
        random.function("normal", (args, ctx) -> {
            Bound b = Signature.of("normal", "loc", "scale", "size").def("loc", 0.0).def("scale", 1.0)
                    .noneDefaults("size").bind(args);
            return profile.wrap(Tensor.shapeOnly(DType.F64, size(b)));
        });
        random.function("uniform", (args, ctx) -> {
            Bound b = Signature.of("uniform", "low", "high", "size").def("low", 0.0).def("high", 1.0)
                    .noneDefaults("size").bind(args);
            return profile.wrap(Tensor.shapeOnly(DType.F64, size(b)));
        });
        random.function("choice", (args, ctx) -> {
            Bound b = Signature.of("choice", "a", "size", "replace", "p").noneDefaults("size", "p")
                    .def("replace", true).bind(args);
            DType dtype = b.get("a") instanceof Value.TensorValue t ? t.tensor().dtype() : DType.I64;
            return profile.wrap(Tensor.shapeOnly(dtype, size(b)));
        });
        random.function("permutation", (args, ctx) -> {
            Bound b = Signature.of("permutation", "x").bind(args);
            if (b.get("x") instanceof Value.TensorValue t) {
                return profile.wrap(t.tensor().withoutValues());
            }
            return profile.wrap(Tensor.shapeOnly(DType.I64, Shape.of(NumpyOps.size(b.get("x")))));
        });
        random.function("shuffle", (args, ctx) -> Value.NONE);
        random.function("seed", (args, ctx) -> Value.NONE);
        random.function("default_rng", (args, ctx) -> new Generator(profile));
        return random;
    }

    /** {@code randn(2, 3)}: each argument one axis; none means a scalar. */
    private static Shape dims(Arguments args) {
        List<Dim> dims = new ArrayList<>();
        for (Value v : args.positional()) {
            if (v instanceof Value.FloatValue) {
                throw new FrameworkException("TypeError", "'float' object cannot be interpreted as an integer");
            }
            Dim d = NumpyOps.size(v);
            if (d instanceof Dim.Known k && k.size() < 0) {
                throw new FrameworkException("ValueError", "negative dimensions are not allowed");
            }
            dims.add(d);
        }
        return new Shape(dims);
    }

    private static Shape size(Bound b) {
        return b.isNone("size") ? Shape.SCALAR : NumpyOps.shapeArgument(b.get("size"));
    }

    /** {@code randint}/{@code integers}: with one bound it is the exclusive high, which must be positive. */
    private static void integerBounds(Bound b, String lowName, String highName, boolean endpoint) {
        if (!(b.get(lowName) instanceof Value.IntValue low)) {
            return;
        }
        Value highArg = b.get(highName);
        long lo = b.isNone(highName) ? 0 : low.value();
        long hi = b.isNone(highName) ? low.value() : highArg instanceof Value.IntValue h ? h.value() : Long.MAX_VALUE;
        if (b.isNone(highName) && hi <= 0 && !endpoint) {
            throw new FrameworkException("ValueError", "high <= 0");
        }
        if (!b.isNone(highName) && lo >= hi && !endpoint) {
            throw new FrameworkException("ValueError", "low >= high");
        }
    }

    /** {@code np.random.Generator}, as {@code default_rng()} returns it. */
    static final class Generator implements Value.PyObject {
        private final NumpyProfile profile;
        private final Module methods;

        Generator(NumpyProfile profile) {
            this.profile = profile;
            this.methods = new Module("Generator");
            methods.function("integers", (args, ctx) -> {
                Bound b = Signature.of("integers", "low", "high", "size", "dtype", "endpoint").noneDefaults("high", "size")
                        .def("dtype", profile.scalarType(DType.I64)).def("endpoint", false).bind(args);
                integerBounds(b, "low", "high", b.bool("endpoint"));
                DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.I64);
                return profile.wrap(Tensor.shapeOnly(dtype, size(b)));
            });
            for (String name : List.of("random", "standard_normal")) {
                methods.function(name, (args, ctx) -> {
                    Bound b = Signature.of(name, "size", "dtype", "out").noneDefaults("size", "out")
                            .def("dtype", profile.scalarType(DType.F64)).bind(args);
                    DType dtype = NumpyTypes.dtypeArgument(b.get("dtype")).orElse(DType.F64);
                    return profile.wrap(Tensor.shapeOnly(dtype, size(b)));
                });
            }
            methods.function("normal", (args, ctx) -> {
                Bound b = Signature.of("normal", "loc", "scale", "size").def("loc", 0.0).def("scale", 1.0)
                        .noneDefaults("size").bind(args);
                return profile.wrap(Tensor.shapeOnly(DType.F64, size(b)));
            });
            methods.function("uniform", (args, ctx) -> {
                Bound b = Signature.of("uniform", "low", "high", "size").def("low", 0.0).def("high", 1.0)
                        .noneDefaults("size").bind(args);
                return profile.wrap(Tensor.shapeOnly(DType.F64, size(b)));
            });
            methods.function("permutation", (args, ctx) -> {
                Bound b = Signature.of("permutation", "x", "axis").def("axis", 0).bind(args);
                if (b.get("x") instanceof Value.TensorValue t) {
                    return profile.wrap(t.tensor().withoutValues());
                }
                return profile.wrap(Tensor.shapeOnly(DType.I64, Shape.of(NumpyOps.size(b.get("x")))));
            });
        }

        @Override
        public Optional<Value> attribute(String name, CallContext ctx) {
            return methods.member(name);
        }

        @Override
        public List<String> attributeNames() {
            return new ArrayList<>(methods.members().keySet());
        }

        @Override
        public String typeName() {
            return "Generator";
        }

        @Override
        public String describe() {
            return "Generator(PCG64)";
        }
    }
}
