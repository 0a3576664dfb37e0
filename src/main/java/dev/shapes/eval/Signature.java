package dev.shapes.eval;

import dev.shapes.lang.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python function signature, bound the way Python binds calls, with
 * Python's TypeError texts for missing, surplus and unknown arguments.
 * Build with {@code Signature.of("cross_entropy", "input", "target", "weight", ...)}
 * then {@code .defaults(...)}; a "*" parameter starts keyword-only ones.
 */
public final class Signature {

    private final String name;
    private final List<String> params = new ArrayList<>();
    private final Map<String, Value> defaults = new LinkedHashMap<>();
    private int keywordOnlyFrom = Integer.MAX_VALUE;
    private boolean varargs;
    private boolean varkw;

    private Signature(String name) {
        this.name = name;
    }

    /** Parameters in order; "*" marks the start of keyword-only ones, "*args" takes surplus positionals. */
    public static Signature of(String name, String... params) {
        Signature s = new Signature(name);
        for (String p : params) {
            if (p.equals("*")) {
                s.keywordOnlyFrom = s.params.size();
            } else if (p.equals("*args")) {
                s.varargs = true;
                s.keywordOnlyFrom = s.params.size();
            } else if (p.equals("**kwargs")) {
                s.varkw = true;
            } else {
                s.params.add(p);
            }
        }
        return s;
    }

    /** Declares a parameter's default value; parameters without one are required. */
    public Signature def(String param, Value value) {
        if (!params.contains(param)) {
            throw new IllegalArgumentException(name + " has no parameter " + param);
        }
        defaults.put(param, value);
        return this;
    }

    public Signature def(String param, long value) {
        return def(param, new Value.IntValue(value));
    }

    public Signature def(String param, double value) {
        return def(param, new Value.FloatValue(value));
    }

    public Signature def(String param, String value) {
        return def(param, new Value.StrValue(value));
    }

    public Signature def(String param, boolean value) {
        return def(param, new Value.BoolValue(value));
    }

    /** Every parameter not given a default so far defaults to None. */
    public Signature noneDefaults(String... names) {
        for (String n : names) {
            def(n, Value.NONE);
        }
        return this;
    }

    public String name() {
        return name;
    }

    public List<String> parameters() {
        return List.copyOf(params);
    }

    public Map<String, Value> defaults() {
        return java.util.Collections.unmodifiableMap(defaults);
    }

    /** Binds a call, raising Python's TypeError when the arguments do not fit. */
    public Bound bind(Arguments args) {
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, Span> spans = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Value> extra = new ArrayList<>();
        int positionalCapacity = Math.min(keywordOnlyFrom, params.size());
        for (int i = 0; i < args.positional().size(); i++) {
            if (i < positionalCapacity) {
                String p = params.get(i);
                values.put(p, args.positional().get(i));
                spans.put(p, args.positionalSpans().get(i));
                sources.put(p, args.positionalSources().get(i));
            } else if (varargs) {
                extra.add(args.positional().get(i));
            } else {
                throw new FrameworkException("TypeError", tooMany(positionalCapacity, args.positional().size()));
            }
        }
        Map<String, Value> extraKeywords = new LinkedHashMap<>();
        for (Map.Entry<String, Value> kw : args.keywords().entrySet()) {
            String k = kw.getKey();
            if (!params.contains(k)) {
                if (varkw) {
                    extraKeywords.put(k, kw.getValue());
                    continue;
                }
                throw new FrameworkException("TypeError",
                        name + "() got an unexpected keyword argument '" + k + "'").at(args.keywordSpans().get(k));
            }
            if (values.containsKey(k)) {
                throw new FrameworkException("TypeError", name + "() got multiple values for argument '" + k + "'")
                        .at(args.keywordSpans().get(k));
            }
            values.put(k, kw.getValue());
            spans.put(k, args.keywordSpans().get(k));
            sources.put(k, args.keywordSources().getOrDefault(k, ""));
        }
        List<String> missing = new ArrayList<>();
        List<String> missingKeywordOnly = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            if (!values.containsKey(p)) {
                if (defaults.containsKey(p)) {
                    values.put(p, defaults.get(p));
                } else if (i >= keywordOnlyFrom) {
                    missingKeywordOnly.add(p);
                } else {
                    missing.add(p);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new FrameworkException("TypeError", missingText(missing, "positional")).at(args.callSpan());
        }
        if (!missingKeywordOnly.isEmpty()) {
            throw new FrameworkException("TypeError", missingText(missingKeywordOnly, "keyword-only"))
                    .at(args.callSpan());
        }
        return new Bound(name, values, spans, sources, List.copyOf(extra), extraKeywords, args.callSpan());
    }

    private String tooMany(int capacity, int given) {
        int required = 0;
        for (int i = 0; i < capacity; i++) {
            if (!defaults.containsKey(params.get(i))) {
                required++;
            }
        }
        String takes = required == capacity ? Integer.toString(capacity) : "from " + required + " to " + capacity;
        String noun = capacity == 1 && required == capacity ? "argument" : "arguments";
        return name + "() takes " + takes + " positional " + noun + " but " + given + (given == 1 ? " was" : " were")
                + " given";
    }

    private String missingText(List<String> missing, String kind) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < missing.size(); i++) {
            if (i > 0) {
                names.append(i == missing.size() - 1 ? (missing.size() > 2 ? ", and " : " and ") : ", ");
            }
            names.append('\'').append(missing.get(i)).append('\'');
        }
        return name + "() missing " + missing.size() + " required " + kind + " argument"
                + (missing.size() == 1 ? "" : "s") + ": " + names;
    }
}
