package dev.shapes.eval;

import dev.shapes.lang.CellHeader;
import dev.shapes.lang.CellParser;
import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import dev.shapes.lang.SyntaxProblem;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Interrupted;
import dev.shapes.tensor.NumericBudget;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates cells over the tensor model: each statement in order, asking the
 * active framework profile what each operation does, producing one result per
 * statement. Nothing a cell contains can make it throw.
 */
public final class Interpreter {

    /** Loops stop after this many iterations (with a note) so a check always ends. */
    public static final int MAX_LOOP_ITERATIONS = 10_000;

    private static final Map<String, Value> BUILTINS = Builtins.all();
    private static final Pattern DEFINED_NAME = Pattern.compile("^\\s*([A-Za-z_]\\w*)\\s*(?::|=(?!=))");

    private final Session session;

    public Interpreter(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    /**
     * Runs one cell. A leading {@code %%shapes framework} line selects the
     * framework for this cell only; {@code use} statements change the session's.
     */
    public CellResult run(String cellText) {
        Optional<CellHeader> header = CellHeader.of(cellText);
        if (header.isPresent() && header.get().magic().equals("shapes")) {
            List<String> args = header.get().arguments();
            Optional<Profile> cellProfile = Optional.empty();
            List<StatementResult> headerProblems = new ArrayList<>();
            if (!args.isEmpty()) {
                try {
                    cellProfile = Optional.of(session.resolve(args.get(0), args.subList(1, args.size())
                            .stream().filter(a -> Character.isDigit(a.charAt(0)) || a.equals("graph")
                                    || a.equals("eager")).toList()));
                } catch (NotationException e) {
                    Span at = new Span(1, 0, 1, cellText.indexOf('\n') < 0 ? cellText.length() : cellText.indexOf('\n'));
                    headerProblems.add(failed(at, "%%shapes " + String.join(" ", args), session.profile().label(),
                            e.type(), e.getMessage(), at, true));
                }
            }
            return run(header.get().body(), cellProfile, headerProblems);
        }
        return run(cellText, Optional.empty(), List.of());
    }

    /** Runs a cell body with an optional framework for this cell only. */
    public CellResult run(String body, Optional<Profile> cellProfile) {
        return run(body, cellProfile, List.of());
    }

    private CellResult run(String body, Optional<Profile> cellProfile, List<StatementResult> leading) {
        int cell = session.nextCellIndex();
        Profile saved = session.profile();
        cellProfile.ifPresent(session::use);
        List<StatementResult> results = new ArrayList<>(leading);
        try {
            List<Stmt> statements = CellParser.parse(body);
            boolean interrupted = false;
            for (Stmt statement : statements) {
                if (interrupted) {
                    results.add(new StatementResult(statement.span(), statement.source(), session.profile().label(),
                            new StatementResult.Skipped("", statement.span().line(), "the cell was interrupted"),
                            List.of(), List.of()));
                    continue;
                }
                StatementResult result = execute(statement, cell);
                results.add(result);
                if (result.failure().map(f -> f.type().equals("KeyboardInterrupt")).orElse(false)) {
                    interrupted = true;
                }
            }
        } finally {
            if (cellProfile.isPresent() && session.profile() == cellProfile.get()) {
                session.use(saved);
            }
        }
        return new CellResult(cell, results);
    }

    // ------------------------------------------------------------ statements

    private StatementResult execute(Stmt statement, int cell) {
        Profile profile = session.profile();
        String label = profile.label();
        if (statement instanceof Stmt.Invalid invalid) {
            SyntaxProblem p = invalid.problem();
            Matcher m = DEFINED_NAME.matcher(invalid.source());
            if (m.find()) {
                session.environment().markFailed(m.group(1), cell, invalid.span().line());
            }
            return failed(invalid.span(), invalid.source(), label, p.kind(), p.message(), p.span(), true);
        }
        Optional<Environment.Poison> poisoned = dependencies(statement).stream()
                .map(name -> session.environment().poison(name))
                .flatMap(Optional::stream).findFirst();
        if (poisoned.isPresent()) {
            Environment.Poison p = poisoned.get();
            definedNames(statement).forEach(n -> session.environment().markFailed(n, cell, statement.span().line()));
            return new StatementResult(statement.span(), statement.source(), label,
                    new StatementResult.Skipped(p.name(), p.line(), "'" + p.name() + "' failed on line " + p.line()
                            + (p.cell() != cell ? " of an earlier cell" : "")),
                    List.of(), List.of());
        }
        CallContext ctx = new CallContext(profile, session.bindings(), statement.span());
        try {
            Value value = statementValue(statement, cell, ctx);
            return new StatementResult(statement.span(), statement.source(), session.profile().label(),
                    new StatementResult.Ok(value), ctx.warnings(), ctx.notes());
        } catch (FrameworkException e) {
            poisonDefinitions(statement, cell);
            Span at = e.blame().orElse(statement.span());
            return new StatementResult(statement.span(), statement.source(), label,
                    new StatementResult.Failed(new StatementResult.Failure(e.type(), e.getMessage(), at, false,
                            e.operands())), ctx.warnings(), ctx.notes());
        } catch (NotationException e) {
            poisonDefinitions(statement, cell);
            Span at = e.span() != null ? e.span() : statement.span();
            return new StatementResult(statement.span(), statement.source(), label,
                    new StatementResult.Failed(new StatementResult.Failure(e.type(), e.getMessage(), at, true,
                            List.of())), ctx.warnings(), ctx.notes());
        } catch (NumericBudget.Exceeded e) {
            poisonDefinitions(statement, cell);
            return failed(statement.span(), statement.source(), label, "ResourceError", e.getMessage(),
                    statement.span(), true);
        } catch (Interrupted e) {
            poisonDefinitions(statement, cell);
            return failed(statement.span(), statement.source(), label, "KeyboardInterrupt",
                    "the evaluation was interrupted", statement.span(), true);
        } catch (StackOverflowError e) {
            poisonDefinitions(statement, cell);
            return failed(statement.span(), statement.source(), label, "RecursionError",
                    "the statement is nested too deeply to evaluate", statement.span(), true);
        } catch (OutOfMemoryError e) {
            poisonDefinitions(statement, cell);
            return failed(statement.span(), statement.source(), label, "ResourceError",
                    "the statement needed more memory than the interpreter has", statement.span(), true);
        } catch (RuntimeException e) {
            poisonDefinitions(statement, cell);
            return failed(statement.span(), statement.source(), label, "InternalError",
                    "Shapes could not evaluate this statement (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it",
                    statement.span(), true);
        }
    }

    private static StatementResult failed(Span span, String source, String label, String type, String message,
                                          Span at, boolean notation) {
        return new StatementResult(span, source, label,
                new StatementResult.Failed(new StatementResult.Failure(type, message, at, notation, List.of())),
                List.of(), List.of());
    }

    private void poisonDefinitions(Stmt statement, int cell) {
        for (String name : definedNames(statement)) {
            session.environment().markFailed(name, cell, statement.span().line());
        }
    }

    private Value statementValue(Stmt statement, int cell, CallContext ctx) {
        Interrupted.check(); // between statements and loop iterations, so an interrupt lands within one operation
        if (statement instanceof Stmt.Use use) {
            Profile selected;
            try {
                selected = session.resolve(use.framework(), use.options());
            } catch (NotationException e) {
                throw e.orAt(use.span());
            }
            session.use(selected);
            return Value.NONE;
        }
        if (statement instanceof Stmt.Import imp) {
            importModules(imp, cell);
            return Value.NONE;
        }
        if (statement instanceof Stmt.Declare declare) {
            Value tensor = declare(declare, ctx);
            session.environment().define(declare.name(), tensor, cell, declare.span());
            return tensor;
        }
        if (statement instanceof Stmt.Assign assign) {
            Value value = eval(assign.value(), ctx);
            for (Expr target : assign.targets()) {
                assign(target, value, cell, ctx);
            }
            return value;
        }
        if (statement instanceof Stmt.AugAssign aug) {
            Value current = eval(aug.target(), ctx);
            Value operand = eval(aug.value(), ctx);
            Value result;
            try {
                result = isTensor(current) || isTensor(operand)
                        ? ctx.profile().binaryInPlace(aug.op(), current, operand, ctx)
                        : Python.binary(aug.op(), current, operand);
            } catch (FrameworkException e) {
                throw e.at(aug.span());
            }
            assign(aug.target(), result, cell, ctx);
            return result;
        }
        if (statement instanceof Stmt.ExprStmt expr) {
            return eval(expr.expr(), ctx);
        }
        if (statement instanceof Stmt.For loop) {
            return runLoop(loop, cell, ctx);
        }
        throw new IllegalStateException("invalid statements are handled before evaluation");
    }

    private void importModules(Stmt.Import imp, int cell) {
        Profile profile = session.profile();
        for (Stmt.ImportName name : imp.names()) {
            String dotted = imp.fromModule().map(m -> m + "." + name.dotted()).orElse(name.dotted());
            String bound = name.boundName(imp.fromModule().isPresent());
            String lookup = imp.fromModule().isPresent() || name.alias().isPresent() ? dotted : name.dotted().split("\\.")[0];
            Optional<Value> module = profile.module(lookup);
            if (module.isEmpty() && imp.fromModule().isPresent()) {
                // from module import member: the member of a module Shapes knows
                Optional<Value> parent = profile.module(imp.fromModule().get());
                if (parent.isPresent() && parent.get() instanceof Value.PyObject p) {
                    module = p.attribute(name.dotted(), new CallContext(profile, session.bindings(), imp.span()));
                }
            }
            if (module.isEmpty()) {
                throw new NotationException("ModuleNotFoundError", "Shapes does not model the module '" + lookup
                        + "' under " + profile.label() + " (use the framework's usual names: "
                        + String.join(", ", profile.globals().keySet().stream().limit(8).toList()) + ")", imp.span());
            }
            session.environment().define(bound, module.get(), cell, imp.span());
        }
    }

    private Value declare(Stmt.Declare declare, CallContext ctx) {
        DType dtype = DType.parse(declare.dtype()).orElseThrow(() -> new NotationException("TypeError",
                "unknown dtype '" + declare.dtype() + "'; use one of f16, bf16, f32, f64, i8, i16, i32, i64, u8, bool"
                        + " (or float32, int64, long, ...)", declare.dtypeSpan()));
        List<Dim> dims = new ArrayList<>();
        for (Expr dimExpr : declare.dims().orElse(List.of())) {
            dims.add(dim(dimExpr));
        }
        Shape declared = session.bindings().resolve(new Shape(dims));
        if (declare.value().isEmpty()) {
            return ctx.profile().declare(declare.name(), Tensor.shapeOnly(dtype, declared), ctx);
        }
        Expr literalExpr = declare.value().get();
        Value literal = eval(literalExpr, ctx);
        Python.Nested nested = Python.nested(literal).orElseThrow(() -> new NotationException("ValueError",
                "the value of a declaration must be a number, True/False, or nested lists of them of equal lengths",
                literalExpr.span()));
        Shape actual = nested.shape();
        if (declare.dims().isEmpty() && actual.rank() > 0) {
            declared = actual;
        }
        if (declared.rank() != actual.rank()) {
            throw new NotationException("ValueError", "declared " + dtype.shortName + declared
                    + " but the value has shape " + actual + " (" + actual.rank() + " axes, not "
                    + declared.rank() + ")", literalExpr.span());
        }
        for (int i = 0; i < declared.rank(); i++) {
            if (!session.bindings().compatible(declared.dim(i), actual.dim(i), "declaration", declare.name())) {
                throw new NotationException("ValueError", "declared " + dtype.shortName + declared
                        + " but the value has shape " + actual + " (axis " + i + " has "
                        + actual.dim(i) + " entries, not " + session.bindings().resolve(declared.dim(i)) + ")",
                        literalExpr.span());
            }
        }
        return ctx.profile().declare(declare.name(), Tensor.of(dtype, actual, nested.values().clone()), ctx);
    }

    /** A declared axis size: an integer, a name (bound to an int, or a symbol), None, or +,-,* of them. */
    private Dim dim(Expr expr) {
        if (expr instanceof Expr.IntLiteral i) {
            if (i.value() < 0) {
                throw new NotationException("ValueError", "an axis size cannot be negative", expr.span());
            }
            return Dim.of(i.value());
        }
        if (expr instanceof Expr.NoneLiteral) {
            return Dim.UNKNOWN;
        }
        if (expr instanceof Expr.Name name) {
            Optional<Environment.Variable> bound = session.environment().lookup(name.id());
            if (bound.isEmpty()) {
                return Dim.symbol(name.id());
            }
            if (bound.get().value() instanceof Value.IntValue i) {
                return Dim.of(i.value());
            }
            throw new NotationException("TypeError", "'" + name.id() + "' is a " + bound.get().value().typeName()
                    + ", not an integer, so it cannot be an axis size", expr.span());
        }
        if (expr instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MUL) {
            return dim(b.left()).times(dim(b.right()));
        }
        if (expr instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD) {
            return dim(b.left()).plus(dim(b.right()));
        }
        if (expr instanceof Expr.Binary b && b.op() == Expr.BinaryOp.SUB) {
            return dim(b.left()).minus(dim(b.right()));
        }
        throw new NotationException("SyntaxError",
                "an axis size must be an integer, a name, None, or a product or sum of them", expr.span());
    }

    private void assign(Expr target, Value value, int cell, CallContext ctx) {
        if (target instanceof Expr.Name name) {
            session.environment().define(name.id(), value, cell, target.span());
        } else if (target instanceof Expr.TupleExpr tuple) {
            unpack(tuple.items(), value, cell, ctx, target.span());
        } else if (target instanceof Expr.ListExpr list) {
            unpack(list.items(), value, cell, ctx, target.span());
        } else if (target instanceof Expr.Subscript sub) {
            Value base = eval(sub.target(), ctx);
            List<Value> index = indices(sub.indices(), ctx);
            Value updated;
            if (base instanceof Value.TensorValue) {
                try {
                    updated = ctx.profile().assignSubscript(base, index, value, ctx);
                } catch (FrameworkException e) {
                    throw e.at(target.span());
                }
            } else if (base instanceof Value.DictValue dict && index.size() == 1) {
                dict.entries().put(index.get(0), value);
                updated = dict;
            } else {
                throw new NotationException("UnsupportedError",
                        "assigning into a " + base.typeName() + " by subscript is not modelled", target.span());
            }
            if (sub.target() instanceof Expr.Name baseName) {
                session.environment().define(baseName.id(), updated, cell, target.span());
            }
        } else {
            throw new NotationException("UnsupportedError",
                    "assigning to this kind of target is not modelled", target.span());
        }
    }

    private void unpack(List<Expr> targets, Value value, int cell, CallContext ctx, Span span) {
        List<Value> items;
        if (value instanceof Value.TensorValue t && t.tensor().rank() > 0) {
            Dim first = t.tensor().shape().dim(0);
            if (!(first instanceof Dim.Known k)) {
                throw new NotationException("ValueError",
                        "cannot unpack a tensor whose first axis is " + first, span);
            }
            items = new ArrayList<>();
            for (long i = 0; i < k.size() && i <= targets.size(); i++) {
                items.add(ctx.profile().subscript(value, List.of(new Value.IntValue(i)), ctx));
            }
        } else {
            items = Builtins.items(value, ctx);
        }
        if (items.size() > targets.size()) {
            throw new FrameworkException("ValueError", "too many values to unpack (expected " + targets.size() + ")")
                    .at(span);
        }
        if (items.size() < targets.size()) {
            throw new FrameworkException("ValueError", "not enough values to unpack (expected " + targets.size()
                    + ", got " + items.size() + ")").at(span);
        }
        for (int i = 0; i < targets.size(); i++) {
            assign(targets.get(i), items.get(i), cell, ctx);
        }
    }

    /** Runs a loop body for each item; the first failing iteration fails the loop and says which it was. */
    private Value runLoop(Stmt.For loop, int cell, CallContext ctx) {
        Value iterable = eval(loop.iterable(), ctx);
        Iterable<Value> items;
        if (iterable instanceof Value.PyObject o && o.iterate(ctx).isPresent()) {
            items = o.iterate(ctx).get();
        } else if (iterable instanceof Value.TensorValue t) {
            items = tensorRows(t, ctx);
        } else {
            items = Builtins.items(iterable, ctx);
        }
        int count = 0;
        Value last = Value.NONE;
        Iterator<Value> it = items.iterator();
        while (it.hasNext()) {
            if (count == MAX_LOOP_ITERATIONS) {
                ctx.note("loop-limit", "checked the first " + MAX_LOOP_ITERATIONS + " iterations only");
                break;
            }
            Value item = it.next();
            count++;
            assign(loop.target(), item, cell, ctx);
            for (Stmt body : loop.body()) {
                Optional<Environment.Poison> poisoned = dependencies(body).stream()
                        .map(name -> session.environment().poison(name)).flatMap(Optional::stream).findFirst();
                if (poisoned.isPresent()) {
                    throw new NotationException("NameError", "'" + poisoned.get().name() + "' failed on line "
                            + poisoned.get().line() + ", so the loop cannot run", body.span());
                }
                if (body instanceof Stmt.Invalid invalid) {
                    throw new NotationException(invalid.problem().kind(), invalid.problem().message(),
                            invalid.problem().span());
                }
                try {
                    last = statementValue(body, cell, ctx);
                } catch (FrameworkException e) {
                    String where = describeLoopItem(item);
                    ctx.note("loop-iteration", (where.isEmpty() ? "failed in iteration " + count : "failed at " + where)
                            + ", on line " + body.span().line() + ": " + body.source());
                    throw e.at(body.span());
                }
            }
        }
        return last;
    }

    private static String describeLoopItem(Value item) {
        if (item instanceof Value.PyObject o && o.describe().startsWith("batch ")) {
            return o.describe();
        }
        return "";
    }

    private Iterable<Value> tensorRows(Value.TensorValue t, CallContext ctx) {
        Dim first = t.tensor().rank() == 0 ? Dim.of(0) : t.tensor().shape().dim(0);
        if (t.tensor().rank() == 0) {
            throw new FrameworkException("TypeError", "iteration over a 0-d tensor");
        }
        long n = first.known().orElseThrow(() -> new NotationException("ValueError",
                "cannot loop over a tensor whose first axis is " + first, null));
        List<Value> rows = new ArrayList<>();
        for (long i = 0; i < Math.min(n, MAX_LOOP_ITERATIONS + 1L); i++) {
            rows.add(ctx.profile().subscript(t, List.of(new Value.IntValue(i)), ctx));
        }
        return rows;
    }

    // ------------------------------------------------------------ expressions

    public Value eval(Expr expr, CallContext ctx) {
        if (expr instanceof Expr.Name name) {
            return lookup(name);
        }
        if (expr instanceof Expr.IntLiteral i) {
            return new Value.IntValue(i.value());
        }
        if (expr instanceof Expr.FloatLiteral f) {
            return new Value.FloatValue(f.value());
        }
        if (expr instanceof Expr.StringLiteral s) {
            return new Value.StrValue(s.value());
        }
        if (expr instanceof Expr.NoneLiteral) {
            return Value.NONE;
        }
        if (expr instanceof Expr.BoolLiteral b) {
            return new Value.BoolValue(b.value());
        }
        if (expr instanceof Expr.EllipsisLiteral) {
            return new Value.EllipsisValue();
        }
        if (expr instanceof Expr.ListExpr list) {
            return new Value.ListValue(evalAll(list.items(), ctx));
        }
        if (expr instanceof Expr.TupleExpr tuple) {
            return new Value.TupleValue(evalAll(tuple.items(), ctx));
        }
        if (expr instanceof Expr.DictExpr dict) {
            Map<Value, Value> entries = new LinkedHashMap<>();
            for (int i = 0; i < dict.keys().size(); i++) {
                entries.put(eval(dict.keys().get(i), ctx), eval(dict.values().get(i), ctx));
            }
            return new Value.DictValue(entries);
        }
        if (expr instanceof Expr.Attribute attribute) {
            return attribute(attribute, ctx);
        }
        if (expr instanceof Expr.Call call) {
            return call(call, ctx);
        }
        if (expr instanceof Expr.Subscript sub) {
            return subscript(sub, ctx);
        }
        if (expr instanceof Expr.Unary unary) {
            Value operand = eval(unary.operand(), ctx);
            try {
                return isTensor(operand) ? ctx.profile().unary(unary.op(), operand, ctx)
                        : Python.unary(unary.op(), operand);
            } catch (FrameworkException e) {
                throw e.at(unary.span());
            }
        }
        if (expr instanceof Expr.Binary binary) {
            Value left = eval(binary.left(), ctx);
            Value right = eval(binary.right(), ctx);
            try {
                return isTensor(left) || isTensor(right) ? ctx.profile().binary(binary.op(), left, right, ctx)
                        : Python.binary(binary.op(), left, right);
            } catch (FrameworkException e) {
                throw e.at(binary.span());
            }
        }
        if (expr instanceof Expr.Not not) {
            return new Value.BoolValue(!truthy(eval(not.operand(), ctx), not.span()));
        }
        if (expr instanceof Expr.Logical logical) {
            Value left = eval(logical.left(), ctx);
            boolean l = truthy(left, logical.span());
            if (logical.isAnd() ? !l : l) {
                return left;
            }
            return eval(logical.right(), ctx);
        }
        throw new NotationException("SyntaxError", "a slice (a:b) is only allowed inside [ ]", expr.span());
    }

    private static boolean truthy(Value v, Span span) {
        try {
            return Python.truthy(v);
        } catch (FrameworkException e) {
            throw e.at(span);
        } catch (NotationException e) {
            throw e.orAt(span);
        }
    }

    private static boolean isTensor(Value v) {
        return v instanceof Value.TensorValue;
    }

    private List<Value> evalAll(List<Expr> exprs, CallContext ctx) {
        List<Value> values = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            values.add(eval(e, ctx));
        }
        return values;
    }

    private Value lookup(Expr.Name name) {
        Optional<Environment.Variable> variable = session.environment().lookup(name.id());
        if (variable.isPresent()) {
            return withBoundSizes(variable.get().value());
        }
        Value global = session.profile().globals().get(name.id());
        if (global != null) {
            return global;
        }
        Value builtin = BUILTINS.get(name.id());
        if (builtin != null) {
            return builtin;
        }
        Set<String> known = new LinkedHashSet<>(session.environment().variables().keySet());
        known.addAll(session.profile().globals().keySet());
        known.addAll(BUILTINS.keySet());
        String message = "name '" + name.id() + "' is not defined";
        Optional<String> close = Suggestions.closest(name.id(), known);
        if (close.isPresent()) {
            message += ". Did you mean: '" + close.get() + "'?";
        } else if (name.id().matches("[A-Z]\\w*") && name.id().length() <= 2) {
            message += " (to use it as an axis size, declare a tensor with it: x: f32[" + name.id() + ", ...])";
        }
        throw new NotationException("NameError", message, name.span());
    }

    /** A tensor whose symbolic sizes have since been bound is seen with those numbers, as the framework would see it. */
    private Value withBoundSizes(Value value) {
        if (value instanceof Value.TensorValue t && !t.tensor().shape().isFullyKnown()) {
            Shape resolved = session.bindings().resolve(t.tensor().shape());
            if (!resolved.equals(t.tensor().shape())) {
                return new Value.TensorValue(t.tensor().withEqualShape(resolved), t.framework());
            }
        }
        return value;
    }

    private Value attribute(Expr.Attribute attribute, CallContext ctx) {
        Value target = eval(attribute.target(), ctx);
        String name = attribute.name();
        Optional<Value> found;
        try {
            if (target instanceof Value.PyObject object) {
                found = object.attribute(name, ctx);
            } else if (target instanceof Value.TensorValue tensor) {
                found = ctx.profile().attribute(tensor, name, ctx);
            } else {
                found = Optional.empty();
            }
        } catch (FrameworkException e) {
            throw e.at(attribute.span());
        }
        if (found.isPresent()) {
            return found.get();
        }
        // the names to suggest from are only listed for a miss: listing them costs more than the lookup
        List<String> candidates = target instanceof Value.PyObject object ? object.attributeNames()
                : target instanceof Value.TensorValue ? ctx.profile().tensorAttributeNames() : List.of();
        String owner = target instanceof Module m ? "module '" + m.qualifiedName() + "'" : "'" + target.typeName() + "' object";
        Optional<String> close = Suggestions.closest(name, candidates);
        if (target instanceof Value.PyObject || target instanceof Value.TensorValue) {
            throw new NotationException("AttributeError", owner + " has no attribute '" + name + "' that Shapes models"
                    + close.map(c -> ". Did you mean: '" + c + "'?").orElse(""), attribute.span());
        }
        throw new FrameworkException("AttributeError", owner + " has no attribute '" + name + "'").at(attribute.span());
    }

    private Value call(Expr.Call call, CallContext ctx) {
        Value callee = eval(call.callee(), ctx);
        List<Value> positional = new ArrayList<>();
        List<Span> positionalSpans = new ArrayList<>();
        List<String> positionalSources = new ArrayList<>();
        Map<String, Value> keywords = new LinkedHashMap<>();
        Map<String, Span> keywordSpans = new LinkedHashMap<>();
        Map<String, String> keywordSources = new LinkedHashMap<>();
        for (Expr.Argument argument : call.arguments()) {
            Value v = eval(argument.value(), ctx);
            String source = sourceOf(argument.value());
            if (argument.keyword().isPresent()) {
                String k = argument.keyword().get();
                if (keywords.containsKey(k)) {
                    throw new NotationException("SyntaxError", "keyword argument repeated: " + k, argument.span());
                }
                keywords.put(k, v);
                keywordSpans.put(k, argument.value().span());
                keywordSources.put(k, source);
            } else {
                positional.add(v);
                positionalSpans.add(argument.value().span());
                positionalSources.add(source);
            }
        }
        Arguments args = new Arguments(positional, keywords, positionalSpans, keywordSpans, positionalSources,
                keywordSources, call.span());
        if (!(callee instanceof Value.PyObject object)) {
            throw new FrameworkException("TypeError", "'" + callee.typeName() + "' object is not callable")
                    .at(call.callee().span());
        }
        try {
            return object.call(args, ctx);
        } catch (FrameworkException e) {
            throw e.at(call.span());
        } catch (NotationException e) {
            throw e.orAt(call.span());
        }
    }

    private Value subscript(Expr.Subscript sub, CallContext ctx) {
        Value target = eval(sub.target(), ctx);
        List<Value> index = indices(sub.indices(), ctx);
        try {
            if (target instanceof Value.TensorValue t) {
                return ctx.profile().subscript(t, index, ctx);
            }
            if (target instanceof Value.ListValue l) {
                return sequenceIndex(l.items(), index, "list", false);
            }
            if (target instanceof Value.TupleValue t) {
                return sequenceIndex(t.items(), index, "tuple", true);
            }
            if (target instanceof Value.DictValue d) {
                Value v = index.size() == 1 ? d.entries().get(index.get(0)) : null;
                if (v == null) {
                    throw new FrameworkException("KeyError", Python.repr(index.get(0)));
                }
                return v;
            }
            throw new FrameworkException("TypeError", "'" + target.typeName() + "' object is not subscriptable");
        } catch (FrameworkException e) {
            throw e.at(sub.span());
        } catch (NotationException e) {
            throw e.orAt(sub.span());
        }
    }

    private List<Value> indices(List<Expr> exprs, CallContext ctx) {
        List<Value> index = new ArrayList<>();
        for (Expr e : exprs) {
            if (e instanceof Expr.Slice slice) {
                index.add(new Value.SliceValue(slice.lower().map(x -> eval(x, ctx)),
                        slice.upper().map(x -> eval(x, ctx)), slice.step().map(x -> eval(x, ctx))));
            } else {
                index.add(eval(e, ctx));
            }
        }
        if (index.size() == 1 && index.get(0) instanceof Value.TupleValue tuple) {
            return tuple.items();
        }
        return index;
    }

    private static Value sequenceIndex(List<Value> items, List<Value> index, String kind, boolean tuple) {
        if (index.size() != 1) {
            throw new FrameworkException("TypeError", kind + " indices must be integers or slices, not tuple");
        }
        Value i = index.get(0);
        if (i instanceof Value.IntValue n) {
            long k = n.value() < 0 ? n.value() + items.size() : n.value();
            if (k < 0 || k >= items.size()) {
                throw new FrameworkException("IndexError", kind + " index out of range");
            }
            return items.get((int) k);
        }
        if (i instanceof Value.SliceValue s) {
            long n = items.size();
            long step = s.step().map(v -> (long) Python.toDouble(v)).orElse(1L);
            dev.shapes.tensor.Indexing.Index.Range range = new dev.shapes.tensor.Indexing.Index.Range(
                    s.start().filter(Python::isNumber).map(v -> java.util.OptionalLong.of((long) Python.toDouble(v)))
                            .orElse(java.util.OptionalLong.empty()),
                    s.stop().filter(Python::isNumber).map(v -> java.util.OptionalLong.of((long) Python.toDouble(v)))
                            .orElse(java.util.OptionalLong.empty()), step);
            long[] b = dev.shapes.tensor.Indexing.sliceBounds(n, range);
            List<Value> out = new ArrayList<>();
            for (long j = 0; j < b[2]; j++) {
                out.add(items.get((int) (b[0] + j * b[1])));
            }
            return tuple ? new Value.TupleValue(out) : new Value.ListValue(out);
        }
        throw new FrameworkException("TypeError", kind + " indices must be integers or slices, not " + i.typeName());
    }

    private static String sourceOf(Expr e) {
        if (e instanceof Expr.Name n) {
            return n.id();
        }
        if (e instanceof Expr.Attribute a) {
            return sourceOf(a.target()) + "." + a.name();
        }
        return "";
    }

    // ------------------------------------------------------------ dependencies

    /** Names a statement reads, to skip it when one of them failed earlier. */
    static Set<String> dependencies(Stmt statement) {
        Set<String> names = new LinkedHashSet<>();
        if (statement instanceof Stmt.Declare d) {
            d.dims().ifPresent(dims -> dims.forEach(e -> collectNames(e, names)));
            d.value().ifPresent(e -> collectNames(e, names));
        } else if (statement instanceof Stmt.Assign a) {
            collectNames(a.value(), names);
            a.targets().forEach(t -> collectTargetReads(t, names));
        } else if (statement instanceof Stmt.AugAssign a) {
            collectNames(a.target(), names);
            collectNames(a.value(), names);
        } else if (statement instanceof Stmt.ExprStmt e) {
            collectNames(e.expr(), names);
        } else if (statement instanceof Stmt.For f) {
            collectNames(f.iterable(), names);
        }
        return names;
    }

    private static void collectTargetReads(Expr target, Set<String> names) {
        if (target instanceof Expr.Subscript s) {
            collectNames(s.target(), names);
            s.indices().forEach(i -> collectNames(i, names));
        } else if (target instanceof Expr.TupleExpr t) {
            t.items().forEach(i -> collectTargetReads(i, names));
        } else if (target instanceof Expr.ListExpr l) {
            l.items().forEach(i -> collectTargetReads(i, names));
        }
    }

    /** Names a statement defines, to mark them failed when it fails. */
    static Set<String> definedNames(Stmt statement) {
        Set<String> names = new LinkedHashSet<>();
        if (statement instanceof Stmt.Declare d) {
            names.add(d.name());
        } else if (statement instanceof Stmt.Assign a) {
            a.targets().forEach(t -> collectTargetNames(t, names));
        } else if (statement instanceof Stmt.AugAssign a) {
            collectTargetNames(a.target(), names);
        } else if (statement instanceof Stmt.For f) {
            collectTargetNames(f.target(), names);
            f.body().forEach(b -> names.addAll(definedNames(b)));
        } else if (statement instanceof Stmt.Import i) {
            i.names().forEach(n -> names.add(n.boundName(i.fromModule().isPresent())));
        }
        return names;
    }

    private static void collectTargetNames(Expr target, Set<String> names) {
        if (target instanceof Expr.Name n) {
            names.add(n.id());
        } else if (target instanceof Expr.TupleExpr t) {
            t.items().forEach(i -> collectTargetNames(i, names));
        } else if (target instanceof Expr.ListExpr l) {
            l.items().forEach(i -> collectTargetNames(i, names));
        } else if (target instanceof Expr.Subscript s) {
            collectTargetNames(s.target(), names);
        }
    }

    private static void collectNames(Expr expr, Set<String> names) {
        if (expr instanceof Expr.Name n) {
            names.add(n.id());
        } else if (expr instanceof Expr.Attribute a) {
            collectNames(a.target(), names);
        } else if (expr instanceof Expr.Call c) {
            collectNames(c.callee(), names);
            c.arguments().forEach(arg -> collectNames(arg.value(), names));
        } else if (expr instanceof Expr.Subscript s) {
            collectNames(s.target(), names);
            s.indices().forEach(i -> collectNames(i, names));
        } else if (expr instanceof Expr.Slice s) {
            s.lower().ifPresent(e -> collectNames(e, names));
            s.upper().ifPresent(e -> collectNames(e, names));
            s.step().ifPresent(e -> collectNames(e, names));
        } else if (expr instanceof Expr.Unary u) {
            collectNames(u.operand(), names);
        } else if (expr instanceof Expr.Binary b) {
            collectNames(b.left(), names);
            collectNames(b.right(), names);
        } else if (expr instanceof Expr.Not n) {
            collectNames(n.operand(), names);
        } else if (expr instanceof Expr.Logical l) {
            collectNames(l.left(), names);
            collectNames(l.right(), names);
        } else if (expr instanceof Expr.ListExpr l) {
            l.items().forEach(i -> collectNames(i, names));
        } else if (expr instanceof Expr.TupleExpr t) {
            t.items().forEach(i -> collectNames(i, names));
        } else if (expr instanceof Expr.DictExpr d) {
            d.keys().forEach(k -> collectNames(k, names));
            d.values().forEach(v -> collectNames(v, names));
        }
    }
}
