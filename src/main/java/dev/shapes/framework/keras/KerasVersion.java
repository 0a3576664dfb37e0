package dev.shapes.framework.keras;

/** Which Keras's texts a profile reproduces: Keras 3 (recorded, 3.15 on TensorFlow) or tf.keras 2.x (from source). */
public enum KerasVersion {
    V3("3", "Keras 3"),
    V2("2", "tf.keras 2.x");

    public final String label;
    public final String displayName;

    KerasVersion(String label, String displayName) {
        this.label = label;
        this.displayName = displayName;
    }

    public boolean isLegacy() {
        return this == V2;
    }
}
