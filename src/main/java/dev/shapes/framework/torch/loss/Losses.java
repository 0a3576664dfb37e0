package dev.shapes.framework.torch.loss;

import dev.shapes.eval.Bound;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Tensor;
import java.util.Optional;

/** What every PyTorch loss shares: argument checks of the C++ bindings and message pieces. */
public final class Losses {

    private Losses() {}

    /** A tensor argument of a C++ binding, with its TypeError for anything else. */
    public static Tensor tensor(Bound b, String param, String binding, int position) {
        Value v = b.get(param);
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        throw new FrameworkException("TypeError", binding + "(): argument '" + param + "' (position " + position
                + ") must be Tensor, not " + v.typeName()).at(b.span(param));
    }

    public static Optional<Tensor> optionalTensor(Bound b, String param, String binding, int position) {
        if (b.isNone(param)) {
            return Optional.empty();
        }
        return Optional.of(tensor(b, param, binding, position));
    }

    /** A Python-level {@code .size()} call on something that is not a tensor. */
    public static Tensor pythonTensor(Bound b, String param) {
        Value v = b.get(param);
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        throw new FrameworkException("AttributeError", "'" + v.typeName() + "' object has no attribute 'size'")
                .at(b.span(param));
    }

    /** Double precision values of a tensor, or null when it has none. */
    public static double[] values(Tensor t) {
        return t.hasValues() ? t.data() : null;
    }
}
