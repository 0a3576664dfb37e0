package dev.shapes.eval;

import dev.shapes.tensor.DType;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runtime values of the notation: Python's builtins, tensors, and framework objects. */
public sealed interface Value {

    /** Python's name for the value's type, used in TypeError texts. */
    String typeName();

    Value NONE = new NoneValue();

    record NoneValue() implements Value {
        public String typeName() {
            return "NoneType";
        }
    }

    record BoolValue(boolean value) implements Value {
        public String typeName() {
            return "bool";
        }
    }

    record IntValue(long value) implements Value {
        public String typeName() {
            return "int";
        }
    }

    record FloatValue(double value) implements Value {
        public String typeName() {
            return "float";
        }
    }

    record StrValue(String value) implements Value {
        public String typeName() {
            return "str";
        }
    }

    record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        public String typeName() {
            return "list";
        }
    }

    record TupleValue(List<Value> items) implements Value {
        public TupleValue {
            items = List.copyOf(items);
        }

        public String typeName() {
            return "tuple";
        }
    }

    /** A dict; keys compare by value, tensors by identity. */
    record DictValue(Map<Value, Value> entries) implements Value {
        public String typeName() {
            return "dict";
        }
    }

    record SliceValue(Optional<Value> start, Optional<Value> stop, Optional<Value> step) implements Value {
        public String typeName() {
            return "slice";
        }
    }

    record EllipsisValue() implements Value {
        public String typeName() {
            return "ellipsis";
        }
    }

    /** A dtype object such as {@code torch.float32} or {@code np.int64}. */
    record DTypeValue(DType dtype, String spelling) implements Value {
        public String typeName() {
            return "dtype";
        }
    }

    /**
     * A tensor (PyTorch tensor, NumPy array, TF tensor, ...). {@code framework}
     * is the id of the profile that made it; equality is identity, as in Python.
     */
    final class TensorValue implements Value {
        private final Tensor tensor;
        private final String framework;

        public TensorValue(Tensor tensor, String framework) {
            this.tensor = tensor;
            this.framework = framework;
        }

        public Tensor tensor() {
            return tensor;
        }

        public String framework() {
            return framework;
        }

        public String typeName() {
            return switch (framework) {
                case "numpy", "keras" -> "numpy.ndarray";
                case "tf" -> "EagerTensor";
                case "jax" -> "Array";
                default -> "Tensor";
            };
        }

        @Override
        public String toString() {
            return tensor.toString();
        }
    }

    /**
     * Framework objects: modules ({@code F}, {@code nn}), loss objects, layers,
     * models, data loaders. Attribute access and calls are theirs to define.
     */
    non-sealed interface PyObject extends Value {

        /** The attribute, or empty when the object has none of that name. */
        default Optional<Value> attribute(String name, CallContext ctx) {
            return Optional.empty();
        }

        /** Calls the object; objects that are not callable keep the default. */
        default Value call(Arguments args, CallContext ctx) {
            throw new FrameworkException("TypeError", "'" + typeName() + "' object is not callable");
        }

        default boolean isCallable() {
            return false;
        }

        /** The object's repr-like description shown as a statement's value. */
        default String describe() {
            return "<" + typeName() + ">";
        }

        /** The values a {@code for} loop over this object visits, if it is iterable. */
        default java.util.Optional<Iterable<Value>> iterate(CallContext ctx) {
            return java.util.Optional.empty();
        }

        /** Names for completion after {@code obj.}. */
        default List<String> attributeNames() {
            return List.of();
        }
    }
}
