package dev.shapes.eval;

import dev.shapes.lang.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one call as written: positional and keyword values, with
 * each argument's span and source text so a failure can point at it.
 */
public record Arguments(List<Value> positional, Map<String, Value> keywords,
                        List<Span> positionalSpans, Map<String, Span> keywordSpans,
                        List<String> positionalSources, Map<String, String> keywordSources, Span callSpan) {

    public Arguments {
        positional = List.copyOf(positional);
        keywords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
        positionalSpans = java.util.Collections.unmodifiableList(new ArrayList<>(positionalSpans));
        keywordSpans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywordSpans));
        positionalSources = List.copyOf(positionalSources);
        keywordSources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywordSources));
    }

    /** Arguments made in code (e.g. a loss object forwarding to its function), with no source positions. */
    public static Arguments of(List<Value> positional, Map<String, Value> keywords) {
        List<Span> spans = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < positional.size(); i++) {
            spans.add(null);
            sources.add("");
        }
        return new Arguments(positional, keywords, spans, Map.of(), sources, Map.of(), null);
    }

    public static Arguments of(Value... positional) {
        return of(List.of(positional), Map.of());
    }

    public int size() {
        return positional.size() + keywords.size();
    }

    /** These arguments with extra keywords merged in (explicit ones win), keeping positions. */
    public Arguments withDefaults(Map<String, Value> extra) {
        Map<String, Value> merged = new LinkedHashMap<>(extra);
        merged.putAll(keywords);
        return new Arguments(positional, merged, positionalSpans, keywordSpans, positionalSources, keywordSources,
                callSpan);
    }

    /** These arguments with the positional ones replaced, keeping their spans and sources. */
    public Arguments withPositional(List<Value> values) {
        return new Arguments(values, keywords, positionalSpans, keywordSpans, positionalSources, keywordSources,
                callSpan);
    }
}
