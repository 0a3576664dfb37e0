package dev.shapes.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One message a framework prints, as data: the patterns that recognise it
 * (its current text and the older variants, each tagged with the versions
 * that print it), the kind of mistake it usually means (refined by the facts
 * it states), an example text, and how to build a Shapes cell that
 * reproduces it. {@code weak} templates (e.g. a bare "device-side assert
 * triggered") are used only when nothing more specific matches;
 * {@code reproducedBy} names the templates whose message reproduces this one
 * where Shapes cannot print it verbatim (a CUDA-only text, say).
 */
public record MessageTemplate(String id, List<String> frameworks, List<Variant> variants, Function<Facts, Kind> kind,
                              List<String> examples, boolean weak, List<String> reproducedBy, ReproFactory repro) {

    /** A pattern and the version label of the frameworks that print it (empty: any version). */
    public record Variant(Pattern pattern, Optional<String> version) {}

    /** Builds the reproducing cell from the message's facts, for the framework and version recognised. */
    @FunctionalInterface
    public interface ReproFactory {
        Repro build(Facts facts, String framework, String version);
    }

    public String framework() {
        return frameworks.get(0);
    }

    static Builder of(String id, String framework, Kind kind) {
        return new Builder(id, framework, kind);
    }

    static final class Builder {
        private final String id;
        private final List<String> frameworks = new ArrayList<>();
        private final List<Variant> variants = new ArrayList<>();
        private final List<String> examples = new ArrayList<>();
        private Function<Facts, Kind> kind;
        private boolean weak;
        private final List<String> reproducedBy = new ArrayList<>();
        private ReproFactory repro;

        Builder(String id, String framework, Kind kind) {
            this.id = id;
            this.frameworks.add(framework);
            this.kind = f -> kind;
        }

        /** Another framework that prints the same text (e.g. Keras on top of TensorFlow's kernels). */
        Builder alsoIn(String framework) {
            frameworks.add(framework);
            return this;
        }

        Builder pattern(String regex) {
            variants.add(new Variant(Pattern.compile(regex), Optional.empty()));
            return this;
        }

        Builder pattern(String regex, String version) {
            variants.add(new Variant(Pattern.compile(regex), Optional.of(version)));
            return this;
        }

        Builder example(String text) {
            examples.add(text);
            return this;
        }

        Builder kind(Function<Facts, Kind> refine) {
            this.kind = refine;
            return this;
        }

        /** The message of that template stands for this one in a reproduction (e.g. the CPU text of a CUDA error). */
        Builder reproducedBy(String templateId) {
            reproducedBy.add(templateId);
            return this;
        }

        Builder weak() {
            this.weak = true;
            return this;
        }

        MessageTemplate repro(ReproFactory factory) {
            this.repro = factory;
            if (examples.isEmpty()) {
                throw new IllegalStateException(id + " needs an example message");
            }
            return new MessageTemplate(id, List.copyOf(frameworks), List.copyOf(variants), kind, List.copyOf(examples),
                    weak, List.copyOf(reproducedBy), factory);
        }
    }
}
