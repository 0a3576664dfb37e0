package dev.shapes.framework;

import dev.shapes.eval.Framework;
import dev.shapes.framework.jax.JaxFramework;
import dev.shapes.framework.keras.KerasFramework;
import dev.shapes.framework.numpy.NumpyFramework;
import dev.shapes.framework.tf.TfFramework;
import dev.shapes.framework.tf.TfGraph;
import dev.shapes.framework.tf.TfModule;
import dev.shapes.framework.tf.TfRuntime;
import dev.shapes.framework.tf.TfStyle;
import dev.shapes.framework.torch.TorchFramework;
import java.util.List;

/** Every framework Shapes models; the first is the default for a new session. */
public final class Frameworks {

    private Frameworks() {}

    public static List<Framework> all() {
        return List.of(
                new TorchFramework(),
                new NumpyFramework(),
                new KerasFramework(keras -> TfModule.build(new TfRuntime(new TfGraph(), TfStyle.EAGER), keras)),
                new TfFramework(KerasFramework::companionsForTensorFlow),
                new JaxFramework());
    }
}
