package dev.shapes.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every framework message Shapes can recognise: PyTorch's, then Keras /
 * TensorFlow's, then NumPy / JAX's. A framework's messages are data in its
 * own file; more specific templates come before general ones.
 */
public final class MessageCatalog {

    private static final List<MessageTemplate> ALL = build();

    private MessageCatalog() {}

    private static List<MessageTemplate> build() {
        List<MessageTemplate> all = new ArrayList<>();
        all.addAll(TorchMessages.all());
        all.addAll(KerasMessages.all());
        all.addAll(NumpyMessages.all());
        return List.copyOf(all);
    }

    public static List<MessageTemplate> all() {
        return ALL;
    }

    public static Optional<MessageTemplate> byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
