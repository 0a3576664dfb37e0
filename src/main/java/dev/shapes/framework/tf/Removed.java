package dev.shapes.framework.tf;

import dev.shapes.eval.Arguments;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Value;
import java.util.Optional;

/**
 * A TF 1.x name that TF 2 no longer has at that place ({@code tf.Session},
 * {@code tf.placeholder}, {@code tf.train.GradientDescentOptimizer}, ...):
 * using it raises TF 2's {@code AttributeError}, as a TF 1 program does there.
 */
record Removed(String module, String name) implements Value.PyObject {

    private FrameworkException error() {
        return new FrameworkException("AttributeError", "module '" + module + "' has no attribute '" + name + "'");
    }

    @Override
    public Value call(Arguments args, CallContext ctx) {
        throw error();
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public Optional<Value> attribute(String attr, CallContext ctx) {
        throw error();
    }

    @Override
    public String typeName() {
        return "AttributeError";
    }
}
