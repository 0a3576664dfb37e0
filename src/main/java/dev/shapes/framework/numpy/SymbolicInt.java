package dev.shapes.framework.numpy;

import dev.shapes.eval.Value;
import dev.shapes.tensor.Dim;

/**
 * An axis size read from {@code x.shape} that is a symbol or unknown
 * ({@code B}, {@code None}); NumPy would hand out an int. Functions that take
 * sizes ({@code np.arange}, {@code np.zeros}, {@code reshape}) accept it.
 */
record SymbolicInt(Dim dim) implements Value.PyObject {

    @Override
    public String typeName() {
        return "int";
    }

    @Override
    public String describe() {
        return dim.toString();
    }
}
