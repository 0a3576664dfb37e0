package dev.shapes.framework.torch;

/**
 * The PyTorch versions whose texts Shapes reproduces. 2.x is what the
 * recordings call PyTorch 2.13; 1.13 differs in a few messages and checks.
 */
public enum TorchVersion {
    V2("2.x"),
    V1_13("1.13");

    public final String label;

    TorchVersion(String label) {
        this.label = label;
    }

    public boolean isLegacy() {
        return this == V1_13;
    }

    /** Kernel "not implemented for" errors became NotImplementedError in 2.x. */
    public String notImplementedType() {
        return this == V1_13 ? "RuntimeError" : "NotImplementedError";
    }
}
