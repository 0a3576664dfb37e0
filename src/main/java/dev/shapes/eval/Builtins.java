package dev.shapes.eval;

import dev.shapes.tensor.Dim;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The Python builtins the notation supports: len, range, print, int, float, list, tuple, min, max, abs, round. */
final class Builtins {

    private Builtins() {}

    static Map<String, Value> all() {
        Map<String, Value> b = new LinkedHashMap<>();
        b.put("len", new Function("len", (args, ctx) -> len(one(args, "len"))));
        b.put("range", new Function("range", Builtins::range));
        b.put("print", new Function("print", (args, ctx) -> {
            StringBuilder out = new StringBuilder();
            for (Value v : args.positional()) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(v instanceof Value.StrValue s ? s.value() : Python.repr(v));
            }
            ctx.note("output", out.toString());
            return Value.NONE;
        }));
        b.put("int", new Function("int", (args, ctx) -> {
            Value v = one(args, "int");
            if (v instanceof Value.StrValue s) {
                try {
                    return new Value.IntValue(Long.parseLong(s.value().strip()));
                } catch (NumberFormatException e) {
                    throw new FrameworkException("ValueError",
                            "invalid literal for int() with base 10: " + Python.repr(v));
                }
            }
            return new Value.IntValue((long) number(v, "int"));
        }));
        b.put("float", new Function("float", (args, ctx) -> {
            Value v = one(args, "float");
            if (v instanceof Value.StrValue s) {
                String text = s.value().strip().toLowerCase(java.util.Locale.ROOT).replace("_", "");
                switch (text) {
                    case "inf", "+inf", "infinity", "+infinity" -> {
                        return new Value.FloatValue(Double.POSITIVE_INFINITY);
                    }
                    case "-inf", "-infinity" -> {
                        return new Value.FloatValue(Double.NEGATIVE_INFINITY);
                    }
                    case "nan", "+nan", "-nan" -> {
                        return new Value.FloatValue(Double.NaN);
                    }
                    default -> {
                        try {
                            return new Value.FloatValue(Double.parseDouble(text));
                        } catch (NumberFormatException e) {
                            throw new FrameworkException("ValueError",
                                    "could not convert string to float: " + Python.repr(v));
                        }
                    }
                }
            }
            return new Value.FloatValue(number(v, "float"));
        }));
        b.put("bool", new Function("bool", (args, ctx) -> new Value.BoolValue(
                !args.positional().isEmpty() && Python.truthy(one(args, "bool")))));
        b.put("abs", new Function("abs", (args, ctx) -> {
            Value v = one(args, "abs");
            return v instanceof Value.IntValue i ? new Value.IntValue(Math.abs(i.value()))
                    : new Value.FloatValue(Math.abs(number(v, "abs")));
        }));
        b.put("round", new Function("round", (args, ctx) -> new Value.IntValue(Math.round(number(one(args, "round"), "round")))));
        b.put("min", new Function("min", (args, ctx) -> extreme(args, false)));
        b.put("max", new Function("max", (args, ctx) -> extreme(args, true)));
        b.put("list", new Function("list", (args, ctx) -> new Value.ListValue(items(one(args, "list"), ctx))));
        b.put("tuple", new Function("tuple", (args, ctx) -> new Value.TupleValue(items(one(args, "tuple"), ctx))));
        return b;
    }

    private static Value one(Arguments args, String name) {
        if (args.positional().size() != 1 || !args.keywords().isEmpty()) {
            throw new FrameworkException("TypeError",
                    name + "() takes exactly one argument (" + args.size() + " given)");
        }
        return args.positional().get(0);
    }

    private static double number(Value v, String name) {
        if (Python.isNumber(v)) {
            return Python.toDouble(v);
        }
        if (v instanceof Value.TensorValue t && t.tensor().shape().numel().orElse(0) == 1 && t.tensor().hasValues()) {
            return t.tensor().data()[0];
        }
        throw new FrameworkException("TypeError", name + "() argument must be a string or a real number, not '"
                + v.typeName() + "'");
    }

    private static Value len(Value v) {
        List<Value> items = Python.sequenceItems(v);
        if (items != null) {
            return new Value.IntValue(items.size());
        }
        if (v instanceof Value.StrValue s) {
            return new Value.IntValue(s.value().length());
        }
        if (v instanceof Value.DictValue d) {
            return new Value.IntValue(d.entries().size());
        }
        if (v instanceof Value.TensorValue t) {
            if (t.tensor().rank() == 0) {
                throw new FrameworkException("TypeError", "len() of a 0-d tensor");
            }
            Dim first = t.tensor().shape().dim(0);
            if (first instanceof Dim.Known k) {
                return new Value.IntValue(k.size());
            }
            throw new NotationException("ValueError",
                    "len() of a tensor whose first axis is " + first + " is not a number Shapes knows", null);
        }
        throw new FrameworkException("TypeError", "object of type '" + v.typeName() + "' has no len()");
    }

    private static Value extreme(Arguments args, boolean max) {
        List<Value> items = args.positional();
        if (items.size() == 1 && (items.get(0) instanceof Value.ListValue || items.get(0) instanceof Value.TupleValue)) {
            items = items.get(0) instanceof Value.ListValue l ? l.items() : ((Value.TupleValue) items.get(0)).items();
        }
        if (items.isEmpty()) {
            throw new FrameworkException("ValueError", (max ? "max" : "min") + "() arg is an empty sequence");
        }
        Value best = items.get(0);
        for (Value v : items) {
            if (!Python.isNumber(v)) {
                throw Python.unsupported(max ? dev.shapes.lang.Expr.BinaryOp.GT : dev.shapes.lang.Expr.BinaryOp.LT, v, best);
            }
            double x = Python.toDouble(v);
            double y = Python.toDouble(best);
            if (max ? x > y : x < y) {
                best = v;
            }
        }
        return best;
    }

    static List<Value> items(Value v, CallContext ctx) {
        List<Value> items = Python.sequenceItems(v);
        if (items != null) {
            return items;
        }
        if (v instanceof Value.PyObject o && o.iterate(ctx).isPresent()) {
            List<Value> out = new ArrayList<>();
            o.iterate(ctx).get().forEach(out::add);
            return out;
        }
        throw new FrameworkException("TypeError", "'" + v.typeName() + "' object is not iterable");
    }

    private static Value range(Arguments args, CallContext ctx) {
        List<Long> bounds = new ArrayList<>();
        for (Value v : args.positional()) {
            if (!(v instanceof Value.IntValue i)) {
                throw new FrameworkException("TypeError",
                        "'" + v.typeName() + "' object cannot be interpreted as an integer");
            }
            bounds.add(i.value());
        }
        if (bounds.isEmpty() || bounds.size() > 3) {
            throw new FrameworkException("TypeError", "range expected at most 3 arguments, got " + bounds.size());
        }
        long start = bounds.size() == 1 ? 0 : bounds.get(0);
        long stop = bounds.size() == 1 ? bounds.get(0) : bounds.get(1);
        long step = bounds.size() == 3 ? bounds.get(2) : 1;
        if (step == 0) {
            throw new FrameworkException("ValueError", "range() arg 3 must not be zero");
        }
        return new RangeValue(start, stop, step);
    }

    /** Python's range object. */
    record RangeValue(long start, long stop, long step) implements Value.PyObject {
        @Override
        public String typeName() {
            return "range";
        }

        @Override
        public String describe() {
            return step == 1 ? "range(" + start + ", " + stop + ")" : "range(" + start + ", " + stop + ", " + step + ")";
        }

        @Override
        public Optional<Iterable<Value>> iterate(CallContext ctx) {
            return Optional.of(() -> new Iterator<>() {
                long next = start;

                public boolean hasNext() {
                    return step > 0 ? next < stop : next > stop;
                }

                public Value next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    long v = next;
                    next += step;
                    return new Value.IntValue(v);
                }
            });
        }
    }
}
