package dev.shapes.render;

import dev.shapes.eval.StatementResult;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A section another part of Shapes adds under a statement in the HTML view,
 * after the error, warnings and notes: e.g. the diagnosis and verified fix of
 * issue 5. The renderer wraps what {@link #write} produces in
 * {@code <div class="shapes-section shapes-section-NAME" data-section="NAME">}
 * and leaves the section out when it writes nothing.
 *
 * <p>Sections write through {@link HtmlWriter}, so user text is encoded for
 * them; they cannot write raw markup.
 */
public interface StatementSection {

    /** A CSS-safe identifier: lower case letters, digits and '-', e.g. {@code diagnosis}. */
    String name();

    /** Writes this section's content for {@code statement}, or nothing when it has nothing to say. */
    void write(StatementResult statement, HtmlWriter out);

    Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    static StatementSection of(String name, BiConsumer<StatementResult, HtmlWriter> writer) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a section name is lower case letters, digits and '-': " + name);
        }
        Objects.requireNonNull(writer);
        return new StatementSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(StatementResult statement, HtmlWriter out) {
                writer.accept(statement, out);
            }
        };
    }
}
