package dev.shapes.framework.keras.layers;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Python;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.KerasRuntime;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers that wrap a layer: {@code TimeDistributed(layer)} applies it to every
 * timestep of a {@code (batch, time, ...)} input
 * (keras/src/layers/rnn/time_distributed.py); {@code Bidirectional(rnn, merge_mode="concat")}
 * runs a recurrent layer both ways (keras/src/layers/rnn/bidirectional.py).
 */
public final class Wrappers {

    private Wrappers() {}

    private static Layer inner(Value v, String wrapper) {
        if (v instanceof Layer layer) {
            return layer;
        }
        throw new FrameworkException("ValueError", "Please initialize `" + wrapper + "` layer with a "
                + "`keras.layers.Layer` instance. Received: " + Python.repr(v));
    }

    /** {@code TimeDistributed(layer)}. */
    public static final class TimeDistributed extends Layer {
        private final Layer layer;

        TimeDistributed(KerasRuntime keras, Arguments args) {
            this(keras, Signature.of("TimeDistributed", "layer", "name", "**kwargs").noneDefaults("name").bind(args));
        }

        private TimeDistributed(KerasRuntime keras, Bound b) {
            super(keras, "TimeDistributed", b);
            this.layer = inner(b.get("layer"), "TimeDistributed");
        }

        @Override
        protected void build(Shape inputShape, CallContext ctx) {
            if (inputShape.rank() < 3) {
                throw new FrameworkException("ValueError", "`TimeDistributed` Layer should be passed an `input_shape` "
                        + "with at least 3 dimensions, received: " + shapeText(inputShape));
            }
        }

        @Override
        protected Tensor forward(Tensor x, CallContext ctx) {
            if (x.rank() < 3) {
                build(x.shape(), ctx);
            }
            List<Dim> step = new ArrayList<>();
            step.add(x.shape().dim(0));
            step.addAll(x.shape().subShape(2, x.rank()).dims());
            Tensor out = layer.run(Tensor.shapeOnly(x.dtype(), new Shape(step)), ctx);
            List<Dim> dims = new ArrayList<>();
            dims.add(x.shape().dim(0));
            dims.add(x.shape().dim(1));
            dims.addAll(out.shape().subShape(1, out.rank()).dims());
            return Tensor.shapeOnly(out.dtype(), new Shape(dims));
        }

        @Override
        public long[] parameterCounts() {
            return layer.parameterCounts();
        }
    }

    /** {@code Bidirectional(layer, merge_mode="concat")}. */
    public static final class Bidirectional extends Layer {
        private final Layer layer;
        private final String mergeMode;

        Bidirectional(KerasRuntime keras, Arguments args) {
            this(keras, Signature.of("Bidirectional", "layer", "merge_mode", "weights", "backward_layer", "name",
                            "**kwargs").def("merge_mode", "concat").noneDefaults("weights", "backward_layer", "name")
                    .bind(args));
        }

        private Bidirectional(KerasRuntime keras, Bound b) {
            super(keras, "Bidirectional", b);
            this.layer = inner(b.get("layer"), "Bidirectional");
            Value mode = b.get("merge_mode");
            this.mergeMode = mode instanceof Value.StrValue s ? s.value() : "none";
            if (!List.of("sum", "mul", "ave", "concat", "none").contains(mergeMode)) {
                throw new FrameworkException("ValueError", "Invalid merge mode. Received: " + mergeMode + ". "
                        + "Merge mode should be one of {\"sum\", \"mul\", \"ave\", \"concat\", None}");
            }
            if (layer.inputShapeArgValue != null) {
                this.inputShapeArgValue = layer.inputShapeArgValue;
            }
            this.inputSpec = InputSpec.ndim(3);
        }

        @Override
        protected Tensor forward(Tensor x, CallContext ctx) {
            Tensor out = layer.run(x, ctx);
            if (mergeMode.equals("concat")) {
                Dim last = out.shape().dim(out.rank() - 1);
                return Tensor.shapeOnly(DType.F32, out.shape().with(out.rank() - 1, last.times(Dim.of(2))));
            }
            return out;
        }

        @Override
        public long[] parameterCounts() {
            long[] p = layer.parameterCounts();
            return new long[] {2 * p[0], 2 * p[1]};
        }
    }
}
