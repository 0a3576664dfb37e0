package dev.shapes.explain;

/**
 * A message recognised in pasted text: the catalog template it matches,
 * the framework and version that print it, the kind of mistake it means,
 * the facts it states, and the exception type and message line as printed.
 */
public record Recognition(MessageTemplate template, String framework, String version, Kind kind, Facts facts,
                          String exceptionType, String message, int start) {
}
