package dev.shapes.explain;

import dev.shapes.lang.CellHeader;
import dev.shapes.lang.CellParser;
import dev.shapes.lang.Expr;
import dev.shapes.lang.Span;
import dev.shapes.lang.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cell's syntax tree as the explanation layer reads it: statements in
 * order, where names were defined, which framework a statement runs under,
 * and a walk over every expression.
 */
final class CellSyntax {

    private final CellSource source;
    private final List<Stmt> statements;
    private final Optional<String> headerFramework;

    private CellSyntax(String text) {
        this.source = new CellSource(text);
        Optional<CellHeader> header = CellHeader.of(text);
        if (header.isPresent() && header.get().magic().equals("shapes")) {
            this.statements = CellParser.parse(header.get().body());
            this.headerFramework = header.get().arguments().stream().findFirst();
        } else {
            this.statements = CellParser.parse(text);
            this.headerFramework = Optional.empty();
        }
    }

    static CellSyntax of(String text) {
        return new CellSyntax(text);
    }

    CellSource source() {
        return source;
    }

    String text() {
        return source.text();
    }

    List<Stmt> statements() {
        return statements;
    }

    /** The top-level statement with this span (a statement result's span). */
    Optional<Integer> indexOf(Span span) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).span().equals(span)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The framework id the statement at {@code index} runs under, from the last {@code use} before it. */
    Optional<String> frameworkAt(int index) {
        Optional<String> found = headerFramework.map(CellSyntax::frameworkId);
        for (int i = 0; i < Math.min(index, statements.size()); i++) {
            if (statements.get(i) instanceof Stmt.Use use) {
                found = Optional.of(frameworkId(use.framework()));
            }
        }
        return found;
    }

    static String frameworkId(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "pytorch" -> "torch";
            case "np" -> "numpy";
            case "tensorflow" -> "tf";
            default -> n;
        };
    }

    /** The value last assigned to {@code name} by a top-level statement before {@code before}. */
    Optional<Expr> definition(String name, int before) {
        Optional<Expr> found = Optional.empty();
        for (int i = 0; i < Math.min(before, statements.size()); i++) {
            Stmt s = statements.get(i);
            if (s instanceof Stmt.Assign a && a.targets().stream().anyMatch(t -> t instanceof Expr.Name n
                    && n.id().equals(name))) {
                found = Optional.of(a.value());
            } else if (s instanceof Stmt.Declare d && d.name().equals(name)) {
                found = Optional.empty();
            }
        }
        return found;
    }

    /** The declaration of {@code name} in force before {@code before}, if the name was last declared (not assigned). */
    Optional<Stmt.Declare> declaration(String name, int before) {
        Optional<Stmt.Declare> found = Optional.empty();
        for (int i = 0; i < Math.min(before, statements.size()); i++) {
            Stmt s = statements.get(i);
            if (s instanceof Stmt.Declare d && d.name().equals(name)) {
                found = Optional.of(d);
            } else if (s instanceof Stmt.Assign a && a.targets().stream().anyMatch(t -> t instanceof Expr.Name n
                    && n.id().equals(name))) {
                found = Optional.empty();
            }
        }
        return found;
    }

    /** Every expression of a statement (its loop body included), outermost first. */
    static void walk(Stmt stmt, Consumer<Expr> visitor) {
        if (stmt instanceof Stmt.Assign a) {
            a.targets().forEach(t -> walk(t, visitor));
            walk(a.value(), visitor);
        } else if (stmt instanceof Stmt.AugAssign a) {
            walk(a.target(), visitor);
            walk(a.value(), visitor);
        } else if (stmt instanceof Stmt.ExprStmt e) {
            walk(e.expr(), visitor);
        } else if (stmt instanceof Stmt.Declare d) {
            d.value().ifPresent(v -> walk(v, visitor));
        } else if (stmt instanceof Stmt.For f) {
            walk(f.iterable(), visitor);
            f.body().forEach(b -> walk(b, visitor));
        }
    }

    static void walk(Expr expr, Consumer<Expr> visitor) {
        visitor.accept(expr);
        for (Expr child : children(expr)) {
            walk(child, visitor);
        }
    }

    static List<Expr> children(Expr expr) {
        List<Expr> out = new ArrayList<>();
        if (expr instanceof Expr.Attribute a) {
            out.add(a.target());
        } else if (expr instanceof Expr.Call c) {
            out.add(c.callee());
            c.arguments().forEach(arg -> out.add(arg.value()));
        } else if (expr instanceof Expr.Subscript s) {
            out.add(s.target());
            out.addAll(s.indices());
        } else if (expr instanceof Expr.Slice s) {
            s.lower().ifPresent(out::add);
            s.upper().ifPresent(out::add);
            s.step().ifPresent(out::add);
        } else if (expr instanceof Expr.Unary u) {
            out.add(u.operand());
        } else if (expr instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (expr instanceof Expr.Not n) {
            out.add(n.operand());
        } else if (expr instanceof Expr.Logical l) {
            out.add(l.left());
            out.add(l.right());
        } else if (expr instanceof Expr.ListExpr l) {
            out.addAll(l.items());
        } else if (expr instanceof Expr.TupleExpr t) {
            out.addAll(t.items());
        } else if (expr instanceof Expr.DictExpr d) {
            out.addAll(d.keys());
            out.addAll(d.values());
        }
        return out;
    }

    /** The last component of a callee: {@code cross_entropy} for {@code F.cross_entropy}, {@code fc} for {@code fc}. */
    static Optional<String> terminalName(Expr callee) {
        if (callee instanceof Expr.Attribute a) {
            return Optional.of(a.name());
        }
        if (callee instanceof Expr.Name n) {
            return Optional.of(n.id());
        }
        return Optional.empty();
    }

    /** The first name of an attribute chain: {@code F} for {@code F.cross_entropy}, {@code x} for {@code x.view}. */
    static Optional<String> rootName(Expr expr) {
        Expr e = expr;
        while (e instanceof Expr.Attribute a) {
            e = a.target();
        }
        return e instanceof Expr.Name n ? Optional.of(n.id()) : Optional.empty();
    }

    /** Whether text is a single name, attribute chain, call or subscript, so {@code .method()} can follow it as is. */
    static boolean isPrimary(Expr e) {
        return e instanceof Expr.Name || e instanceof Expr.Attribute || e instanceof Expr.Call
                || e instanceof Expr.Subscript || e instanceof Expr.ListExpr || e instanceof Expr.TupleExpr;
    }

    static Optional<Expr> keyword(Expr.Call call, String name) {
        return call.arguments().stream().filter(a -> a.keyword().map(name::equals).orElse(false))
                .map(Expr.Argument::value).findFirst();
    }

    static List<Expr> positional(Expr.Call call) {
        return call.arguments().stream().filter(a -> a.keyword().isEmpty()).map(Expr.Argument::value).toList();
    }
}
