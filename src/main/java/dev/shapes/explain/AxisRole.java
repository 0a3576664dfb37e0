package dev.shapes.explain;

/** What an axis of a prediction or a label tensor stands for, in the words a diagnosis uses. */
public enum AxisRole {
    BATCH("batch"),
    CLASSES("classes"),
    SEQUENCE("sequence"),
    SPATIAL("spatial"),
    EXTRA("extra singleton"),
    FEATURES("features"),
    OUTPUTS("outputs");

    public final String label;

    AxisRole(String label) {
        this.label = label;
    }
}
