package dev.shapes.explain;

/** What a diagnosis is about: a framework error, a framework warning, or Shapes' own note on a silent bug. */
public enum Severity {
    ERROR("error"), WARNING("warning"), NOTE("note");

    public final String id;

    Severity(String id) {
        this.id = id;
    }
}
