package dev.shapes.explain;

/**
 * A Shapes cell that reproduces a recognised message: {@code use} line
 * ({@code framework} plus an optional version or mode) and the statements.
 */
record Repro(String framework, String option, String body) {

    static Repro of(String framework, String body) {
        return new Repro(framework, "", body);
    }

    String cell() {
        return "use " + framework + (option.isEmpty() ? "" : " " + option) + "\n" + body.strip() + "\n";
    }
}
