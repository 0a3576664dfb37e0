package dev.shapes.explain;

/**
 * One row of a diagnosis' expected-versus-found table: an axis of the
 * offending operand, its role, the size the call expects there and the size
 * it got ({@code "—"} when the axis should not exist or is missing).
 */
public record AxisComparison(int axis, AxisRole role, String expected, String found) {

    public static final String ABSENT = "—";

    public boolean matches() {
        return expected.equals(found);
    }
}
