package dev.shapes.tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each size symbol stands for, learned as checks compare it with a
 * number ("B = 32 from logits"). Distinct unbound symbols are taken to be
 * different sizes: naming them differently says they may differ.
 */
public final class Bindings {

    /** A symbol's value and the operand that fixed it. */
    public record Binding(String symbol, long value, String source) {}

    public enum Verdict { EQUAL, DIFFERENT, UNDECIDED }

    private final Map<String, Binding> bound = new LinkedHashMap<>();

    public Map<String, Binding> all() {
        return Collections.unmodifiableMap(bound);
    }

    public Optional<Binding> get(String symbol) {
        return Optional.ofNullable(bound.get(symbol));
    }

    public void clear() {
        bound.clear();
    }

    /** The dim with every bound symbol replaced by its value. */
    public Dim resolve(Dim dim) {
        if (!(dim instanceof Dim.Symbolic s) || bound.isEmpty()) {
            return dim;
        }
        Map<String, Long> values = new LinkedHashMap<>();
        bound.forEach((k, v) -> values.put(k, v.value()));
        return s.poly().substitute(values).toDim();
    }

    public Shape resolve(Shape shape) {
        if (bound.isEmpty()) {
            return shape;
        }
        return new Shape(shape.dims().stream().map(this::resolve).toList());
    }

    /**
     * Compares two sizes the way a framework's equality check would, binding a
     * lone symbol to the number it meets. {@code source} names where the number
     * came from, for the explanation.
     */
    public Verdict unify(Dim a, Dim b, String sourceOfA, String sourceOfB) {
        Dim x = resolve(a);
        Dim y = resolve(b);
        if (x instanceof Dim.Unknown || y instanceof Dim.Unknown) {
            return Verdict.UNDECIDED;
        }
        if (x.equals(y)) {
            return Verdict.EQUAL;
        }
        if (x instanceof Dim.Known && y instanceof Dim.Known) {
            return Verdict.DIFFERENT;
        }
        if (x instanceof Dim.Symbolic s && y instanceof Dim.Known k && s.singleSymbol().isPresent()) {
            bound.put(s.singleSymbol().get(), new Binding(s.singleSymbol().get(), k.size(), sourceOfB));
            return Verdict.EQUAL;
        }
        if (y instanceof Dim.Symbolic s && x instanceof Dim.Known k && s.singleSymbol().isPresent()) {
            bound.put(s.singleSymbol().get(), new Binding(s.singleSymbol().get(), k.size(), sourceOfA));
            return Verdict.EQUAL;
        }
        if (x instanceof Dim.Symbolic sx && y instanceof Dim.Symbolic sy
                && sx.singleSymbol().isPresent() && sy.singleSymbol().isPresent()) {
            return Verdict.DIFFERENT;
        }
        return Verdict.UNDECIDED;
    }

    /** Equality without learning anything; unknown or undecidable counts as equal. */
    public boolean sameOrUndecided(Dim a, Dim b) {
        return unifyQuietly(a, b) != Verdict.DIFFERENT;
    }

    /** Equality check that may still bind symbols; undecided counts as equal. */
    public boolean compatible(Dim a, Dim b, String sourceOfA, String sourceOfB) {
        return unify(a, b, sourceOfA, sourceOfB) != Verdict.DIFFERENT;
    }

    private Verdict unifyQuietly(Dim a, Dim b) {
        Dim x = resolve(a);
        Dim y = resolve(b);
        if (x instanceof Dim.Unknown || y instanceof Dim.Unknown) {
            return Verdict.UNDECIDED;
        }
        if (x.equals(y)) {
            return Verdict.EQUAL;
        }
        if (x instanceof Dim.Known && y instanceof Dim.Known) {
            return Verdict.DIFFERENT;
        }
        if (x instanceof Dim.Symbolic sx && y instanceof Dim.Symbolic sy
                && sx.singleSymbol().isPresent() && sy.singleSymbol().isPresent()) {
            return Verdict.DIFFERENT;
        }
        return Verdict.UNDECIDED;
    }

    /** A copy, so a speculative evaluation (a fix being verified) cannot change these. */
    public Bindings copy() {
        Bindings c = new Bindings();
        c.bound.putAll(bound);
        return c;
    }
}
