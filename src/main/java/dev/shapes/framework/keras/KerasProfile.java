package dev.shapes.framework.keras;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Module;
import dev.shapes.eval.Profile;
import dev.shapes.eval.Value;
import dev.shapes.framework.keras.layers.Layers;
import dev.shapes.framework.keras.loss.KerasLoss;
import dev.shapes.framework.keras.loss.Losses;
import dev.shapes.framework.numpy.NumpyFramework;
import dev.shapes.lang.Expr;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keras on TensorFlow, as a Keras program sees it: {@code keras}, {@code layers},
 * {@code losses}, {@code np}, {@code tf} and the bare layer and loss class
 * names predefined; declared tensors are NumPy arrays (what Keras code feeds
 * to losses, layers and {@code fit}), so their own arithmetic follows NumPy.
 */
public final class KerasProfile implements Profile {

    private final KerasRuntime runtime;
    private final KerasModule keras;
    private final Profile arrays;
    private final Module numpy;
    private final Module tensorflow;
    private final Map<String, Value> globals = new LinkedHashMap<>();

    KerasProfile(KerasRuntime runtime, java.util.function.Function<Module, Module> tensorflowFactory) {
        this.runtime = runtime;
        this.keras = new KerasModule(runtime, "keras");
        this.arrays = new NumpyFramework().profile(List.of());
        this.numpy = (Module) arrays.module("numpy").orElseThrow();
        this.tensorflow = tensorflowFactory.apply(keras.module());
        Module km = keras.module();
        globals.put("keras", km);
        globals.put("layers", km.member("layers").orElseThrow());
        globals.put("losses", km.member("losses").orElseThrow());
        globals.put("models", km.member("models").orElseThrow());
        globals.put("optimizers", km.member("optimizers").orElseThrow());
        globals.put("np", numpy);
        globals.put("tf", tensorflow);
        Module layers = (Module) km.member("layers").orElseThrow();
        for (String name : Layers.names()) {
            globals.put(name, layers.member(name).orElseThrow());
        }
        globals.put("Input", layers.member("Input").orElseThrow());
        Module losses = (Module) km.member("losses").orElseThrow();
        for (KerasLoss loss : Losses.ALL) {
            globals.put(loss.className(), losses.member(loss.className()).orElseThrow());
        }
        globals.put("Sequential", km.member("Sequential").orElseThrow());
        globals.put("Model", km.member("Model").orElseThrow());
        Module utils = (Module) km.member("utils").orElseThrow();
        globals.put("to_categorical", utils.member("to_categorical").orElseThrow());
    }

    public KerasRuntime runtime() {
        return runtime;
    }

    @Override
    public String framework() {
        return "keras";
    }

    @Override
    public String version() {
        return runtime.version().label;
    }

    @Override
    public String label() {
        return runtime.version().displayName;
    }

    @Override
    public Map<String, Value> globals() {
        return globals;
    }

    @Override
    public Optional<Value> module(String dotted) {
        return Modules.resolve(dotted, Map.of("keras", keras.module(), "tensorflow", tensorflow, "tf", tensorflow,
                "numpy", numpy, "np", numpy, "sklearn", Sklearn.module()));
    }

    @Override
    public Value wrap(Tensor tensor) {
        return new Value.TensorValue(tensor, "keras");
    }

    // Declared tensors are NumPy arrays: their own operators, indexing and methods are NumPy's.

    @Override
    public Value binary(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        return arrays.binary(op, left, right, ctx);
    }

    @Override
    public Value binaryInPlace(Expr.BinaryOp op, Value left, Value right, CallContext ctx) {
        return arrays.binaryInPlace(op, left, right, ctx);
    }

    @Override
    public Value unary(Expr.UnaryOp op, Value operand, CallContext ctx) {
        return arrays.unary(op, operand, ctx);
    }

    @Override
    public Value subscript(Value target, List<Value> index, CallContext ctx) {
        return arrays.subscript(target, index, ctx);
    }

    @Override
    public Value assignSubscript(Value target, List<Value> index, Value value, CallContext ctx) {
        return arrays.assignSubscript(target, index, value, ctx);
    }

    @Override
    public Optional<Value> attribute(Value.TensorValue target, String name, CallContext ctx) {
        return arrays.attribute(target, name, ctx);
    }

    @Override
    public List<String> tensorAttributeNames() {
        return arrays.tensorAttributeNames();
    }

    @Override
    public String formatShape(Shape shape) {
        return dev.shapes.framework.tf.TfText.tuple(shape);
    }

}
