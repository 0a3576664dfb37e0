package dev.shapes.framework.numpy;

/**
 * The NumPy versions whose behaviour Shapes reproduces. 2.x (recorded with
 * 2.4.6) follows NEP 50: Python scalars are weak and NumPy scalars strong.
 * 1.24 uses value-based casting for scalars and words a few messages differently.
 */
public enum NumpyVersion {
    V2("2.x"),
    V1_24("1.24");

    public final String label;

    NumpyVersion(String label) {
        this.label = label;
    }

    public boolean isLegacy() {
        return this == V1_24;
    }
}
