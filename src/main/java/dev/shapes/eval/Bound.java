package dev.shapes.eval;

import dev.shapes.lang.Span;
import dev.shapes.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call's arguments bound to parameter names, with typed accessors that
 * raise the TypeError a framework would for a wrong kind of value.
 */
public record Bound(String function, Map<String, Value> values, Map<String, Span> spans,
                    Map<String, String> sources, List<Value> extraPositional, Map<String, Value> extraKeywords,
                    Span callSpan) {

    public Value get(String param) {
        Value v = values.get(param);
        if (v == null) {
            throw new IllegalArgumentException(function + " has no parameter " + param);
        }
        return v;
    }

    public boolean isNone(String param) {
        return get(param) instanceof Value.NoneValue;
    }

    /** Where the argument was written, or the call when it was not (a default). */
    public Span span(String param) {
        Span s = spans.get(param);
        return s != null ? s : callSpan;
    }

    /** The argument's source text (e.g. "labels"), or the parameter name when it was not written. */
    public String source(String param) {
        String s = sources.get(param);
        return s == null || s.isEmpty() ? param : s;
    }

    public boolean given(String param) {
        return spans.containsKey(param);
    }

    public Optional<Value.TensorValue> tensorOrNone(String param) {
        Value v = get(param);
        if (v instanceof Value.NoneValue) {
            return Optional.empty();
        }
        if (v instanceof Value.TensorValue t) {
            return Optional.of(t);
        }
        return Optional.empty();
    }

    public Tensor tensor(String param, String typeErrorMessage) {
        Value v = get(param);
        if (v instanceof Value.TensorValue t) {
            return t.tensor();
        }
        throw new FrameworkException("TypeError", typeErrorMessage.replace("{type}", v.typeName())).at(span(param));
    }

    public long integer(String param) {
        Value v = get(param);
        java.util.OptionalLong index = Python.index(v);
        if (index.isPresent()) {
            return index.getAsLong();
        }
        throw new FrameworkException("TypeError",
                function + "(): argument '" + param + "' must be int, not " + v.typeName()).at(span(param));
    }

    public double number(String param) {
        Value v = get(param);
        if (Python.isNumber(v)) {
            return Python.toDouble(v);
        }
        if (v instanceof Value.TensorValue t && t.tensor().rank() == 0 && t.tensor().hasValues()) {
            return t.tensor().item();
        }
        throw new FrameworkException("TypeError",
                function + "(): argument '" + param + "' must be float, not " + v.typeName()).at(span(param));
    }

    public boolean bool(String param) {
        Value v = get(param);
        if (v instanceof Value.BoolValue b) {
            return b.value();
        }
        if (v instanceof Value.IntValue i) {
            return i.value() != 0;
        }
        return !(v instanceof Value.NoneValue);
    }

    public Optional<String> string(String param) {
        Value v = get(param);
        return v instanceof Value.StrValue s ? Optional.of(s.value()) : Optional.empty();
    }
}
