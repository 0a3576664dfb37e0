package dev.shapes.tensor;

import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One axis size: known ({@code 32}), symbolic ({@code B}, {@code B*T}) or
 * unknown ({@code None}). Symbolic sizes are kept as polynomials in their
 * symbols so that {@code B*T} from a reshape equals {@code T*B} elsewhere.
 */
public sealed interface Dim permits Dim.Known, Dim.Symbolic, Dim.Unknown {

    Unknown UNKNOWN = new Unknown();

    static Dim of(long size) {
        return new Known(size);
    }

    static Dim symbol(String name) {
        return new Symbolic(Poly.variable(name));
    }

    /** The size when it is a number. */
    default OptionalLong known() {
        return this instanceof Known k ? OptionalLong.of(k.size()) : OptionalLong.empty();
    }

    default boolean isKnown() {
        return this instanceof Known;
    }

    default boolean is(long size) {
        return this instanceof Known k && k.size() == size;
    }

    default Dim times(Dim other) {
        return combine(this, other, '*');
    }

    default Dim plus(Dim other) {
        return combine(this, other, '+');
    }

    default Dim minus(Dim other) {
        return combine(this, other, '-');
    }

    /**
     * {@code this / divisor} when it divides exactly: numbers that divide, or a
     * polynomial each of whose terms contains the divisor (B*T*C / C = B*T).
     * Empty when it does not divide or cannot be decided.
     */
    default java.util.Optional<Dim> exactDivide(Dim divisor) {
        if (this instanceof Unknown || divisor instanceof Unknown) {
            return java.util.Optional.empty();
        }
        if (this instanceof Known a && divisor instanceof Known b) {
            if (b.size() == 0 || a.size() % b.size() != 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Dim.of(a.size() / b.size()));
        }
        return poly(this).divide(poly(divisor)).map(Poly::toDim);
    }

    private static Dim combine(Dim a, Dim b, char op) {
        if (a instanceof Unknown || b instanceof Unknown) {
            return UNKNOWN;
        }
        Poly result = switch (op) {
            case '*' -> poly(a).times(poly(b));
            case '+' -> poly(a).plus(poly(b));
            default -> poly(a).plus(poly(b).scale(-1));
        };
        return result.toDim();
    }

    private static Poly poly(Dim d) {
        if (d instanceof Known k) {
            return Poly.constant(k.size());
        }
        if (d instanceof Symbolic s) {
            return s.poly();
        }
        throw new IllegalStateException("unknown dims have no polynomial");
    }

    record Known(long size) implements Dim {
        @Override
        public String toString() {
            return Long.toString(size);
        }
    }

    /** A size given by symbols; {@code poly} always has at least one symbol. */
    record Symbolic(Poly poly) implements Dim {
        /** The symbol's name when this is a single symbol such as {@code B}. */
        public java.util.Optional<String> singleSymbol() {
            return poly.singleVariable();
        }

        @Override
        public String toString() {
            return poly.toString();
        }
    }

    record Unknown() implements Dim {
        @Override
        public String toString() {
            return "None";
        }
    }

    /**
     * A polynomial with integer coefficients; each monomial is its symbols
     * sorted and joined by '*' ("" for the constant term).
     */
    record Poly(SortedMap<String, Long> terms) {

        static Poly constant(long c) {
            TreeMap<String, Long> t = new TreeMap<>();
            if (c != 0) {
                t.put("", c);
            }
            return new Poly(t);
        }

        static Poly variable(String name) {
            TreeMap<String, Long> t = new TreeMap<>();
            t.put(name, 1L);
            return new Poly(t);
        }

        Poly plus(Poly other) {
            TreeMap<String, Long> t = new TreeMap<>(terms);
            other.terms.forEach((m, c) -> t.merge(m, c, Long::sum));
            t.values().removeIf(c -> c == 0);
            return new Poly(t);
        }

        Poly scale(long k) {
            TreeMap<String, Long> t = new TreeMap<>();
            terms.forEach((m, c) -> t.put(m, c * k));
            t.values().removeIf(c -> c == 0);
            return new Poly(t);
        }

        Poly times(Poly other) {
            TreeMap<String, Long> t = new TreeMap<>();
            for (Map.Entry<String, Long> a : terms.entrySet()) {
                for (Map.Entry<String, Long> b : other.terms.entrySet()) {
                    t.merge(multiply(a.getKey(), b.getKey()), a.getValue() * b.getValue(), Long::sum);
                }
            }
            t.values().removeIf(c -> c == 0);
            return new Poly(t);
        }

        /** Exact division by a single-term polynomial (a monomial with a coefficient). */
        java.util.Optional<Poly> divide(Poly divisor) {
            if (divisor.terms.size() != 1) {
                return this.equals(divisor) ? java.util.Optional.of(constant(1)) : java.util.Optional.empty();
            }
            Map.Entry<String, Long> d = divisor.terms.entrySet().iterator().next();
            java.util.List<String> dVars = d.getKey().isEmpty() ? java.util.List.of()
                    : java.util.Arrays.asList(d.getKey().split("\\*"));
            TreeMap<String, Long> out = new TreeMap<>();
            for (Map.Entry<String, Long> term : terms.entrySet()) {
                if (term.getValue() % d.getValue() != 0) {
                    return java.util.Optional.empty();
                }
                java.util.List<String> vars = new java.util.ArrayList<>(term.getKey().isEmpty() ? java.util.List.of()
                        : java.util.Arrays.asList(term.getKey().split("\\*")));
                for (String v : dVars) {
                    if (!vars.remove(v)) {
                        return java.util.Optional.empty();
                    }
                }
                out.merge(String.join("*", vars), term.getValue() / d.getValue(), Long::sum);
            }
            out.values().removeIf(c -> c == 0);
            return java.util.Optional.of(new Poly(out));
        }

        private static String multiply(String a, String b) {
            if (a.isEmpty()) {
                return b;
            }
            if (b.isEmpty()) {
                return a;
            }
            String[] parts = (a + "*" + b).split("\\*");
            java.util.Arrays.sort(parts);
            return String.join("*", parts);
        }

        java.util.Optional<String> singleVariable() {
            if (terms.size() == 1) {
                Map.Entry<String, Long> only = terms.entrySet().iterator().next();
                if (only.getValue() == 1 && !only.getKey().isEmpty() && !only.getKey().contains("*")) {
                    return java.util.Optional.of(only.getKey());
                }
            }
            return java.util.Optional.empty();
        }

        /** Substitutes the given symbol values; unbound symbols stay. */
        Poly substitute(Map<String, Long> values) {
            Poly result = constant(0);
            for (Map.Entry<String, Long> term : terms.entrySet()) {
                Poly product = constant(term.getValue());
                if (!term.getKey().isEmpty()) {
                    for (String symbol : term.getKey().split("\\*")) {
                        Long v = values.get(symbol);
                        product = product.times(v == null ? variable(symbol) : constant(v));
                    }
                }
                result = result.plus(product);
            }
            return result;
        }

        Dim toDim() {
            if (terms.isEmpty()) {
                return Dim.of(0);
            }
            if (terms.size() == 1 && terms.containsKey("")) {
                return Dim.of(terms.get(""));
            }
            return new Symbolic(this);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            // higher-degree monomials first, constants last: "B*T + 1"
            java.util.List<Map.Entry<String, Long>> ordered = new java.util.ArrayList<>(terms.entrySet());
            ordered.sort((x, y) -> {
                int dx = x.getKey().isEmpty() ? 0 : x.getKey().split("\\*").length;
                int dy = y.getKey().isEmpty() ? 0 : y.getKey().split("\\*").length;
                return dx != dy ? Integer.compare(dy, dx) : x.getKey().compareTo(y.getKey());
            });
            for (Map.Entry<String, Long> term : ordered) {
                long c = term.getValue();
                String m = term.getKey();
                if (out.length() > 0) {
                    out.append(c < 0 ? " - " : " + ");
                    c = Math.abs(c);
                } else if (c < 0) {
                    out.append('-');
                    c = -c;
                }
                if (m.isEmpty()) {
                    out.append(c);
                } else {
                    if (c != 1) {
                        out.append(c).append('*');
                    }
                    out.append(m);
                }
            }
            return out.toString();
        }
    }
}
