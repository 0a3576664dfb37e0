package dev.shapes.framework;

import dev.shapes.eval.Framework;
import dev.shapes.framework.numpy.NumpyFramework;
import dev.shapes.framework.torch.TorchFramework;
import java.util.List;

/** Every framework Shapes models; the first is the default for a new session. */
public final class Frameworks {

    private Frameworks() {}

    public static List<Framework> all() {
        return List.of(
                new TorchFramework(),
                new NumpyFramework(),
                new Unavailable("keras", "Keras", List.of()),
                new Unavailable("tf", "TensorFlow", List.of("tensorflow")),
                new Unavailable("jax", "JAX", List.of()));
    }
}
