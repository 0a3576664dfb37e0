package dev.shapes.explain;

import dev.shapes.lang.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which activation last touched a value, read from the cell's syntax:
 * {@code probs = F.softmax(logits, dim=1)}, {@code x.sigmoid()},
 * {@code nn.Sequential(..., nn.Softmax(dim=1))}, Keras
 * {@code Dense(10, activation="softmax")}. Used to spot an activation
 * applied twice, or missing, before a loss.
 */
final class Provenance {

    enum Activation { SOFTMAX, LOG_SOFTMAX, SIGMOID, NONE, UNKNOWN }

    /**
     * The activation, the expression it was applied to (for a rewrite that
     * skips it), and the layer or keyword argument that applies it inside a
     * model (for a rewrite that removes it).
     */
    record Origin(Activation activation, Optional<Expr> input, Optional<Expr> layer, Optional<Expr.Call> model) {
        static final Origin UNKNOWN = new Origin(Activation.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Provenance() {}

    static Origin of(CellSyntax syntax, int before, Expr expr) {
        return of(syntax, before, expr, 0);
    }

    private static Origin of(CellSyntax syntax, int before, Expr expr, int depth) {
        if (depth > 10) {
            return Origin.UNKNOWN;
        }
        if (expr instanceof Expr.Name n) {
            return syntax.definition(n.id(), before).map(d -> of(syntax, before, d, depth + 1)).orElse(Origin.UNKNOWN);
        }
        if (!(expr instanceof Expr.Call call)) {
            return Origin.UNKNOWN;
        }
        String name = CellSyntax.terminalName(call.callee()).orElse("");
        Activation direct = activationOf(name);
        if (direct != Activation.NONE && direct != Activation.UNKNOWN) {
            Optional<Expr> input;
            if (call.callee() instanceof Expr.Attribute a && !isNamespace(a)) {
                input = Optional.of(a.target());
            } else {
                input = CellSyntax.positional(call).stream().findFirst().or(() -> CellSyntax.keyword(call, "input"))
                        .or(() -> CellSyntax.keyword(call, "x"));
            }
            return new Origin(direct, input, Optional.empty(), Optional.empty());
        }
        if (call.callee() instanceof Expr.Call constructor) {
            return module(syntax, before, constructor, call, depth);
        }
        if (call.callee() instanceof Expr.Name model) {
            Optional<Expr> definition = syntax.definition(model.id(), before);
            if (definition.isPresent() && definition.get() instanceof Expr.Call constructor) {
                return module(syntax, before, constructor, call, depth);
            }
        }
        if (call.callee() instanceof Expr.Attribute a && (a.name().equals("predict") || a.name().equals("forward"))
                && a.target() instanceof Expr.Name model) {
            Optional<Expr> definition = syntax.definition(model.id(), before);
            if (definition.isPresent() && definition.get() instanceof Expr.Call constructor) {
                return module(syntax, before, constructor, call, depth);
            }
        }
        return new Origin(Activation.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A module applied to {@code applied}: an activation module, or a model whose last layer decides. */
    private static Origin module(CellSyntax syntax, int before, Expr.Call constructor, Expr.Call applied, int depth) {
        String className = CellSyntax.terminalName(constructor.callee()).orElse("");
        Activation activation = activationOf(className);
        if (activation != Activation.NONE && activation != Activation.UNKNOWN) {
            return new Origin(activation, CellSyntax.positional(applied).stream().findFirst(), Optional.empty(),
                    Optional.empty());
        }
        if (className.equals("Sequential") || className.equals("Model")) {
            return lastLayer(constructor);
        }
        if (className.equals("Linear") || className.equals("Dense")) {
            return layerActivation(constructor, constructor);
        }
        return Origin.UNKNOWN;
    }

    /** The activation a Sequential model ends with. */
    static Origin lastLayer(Expr.Call sequential) {
        List<Expr> layers = new ArrayList<>(CellSyntax.positional(sequential));
        if (layers.size() == 1 && layers.get(0) instanceof Expr.ListExpr list) {
            layers = new ArrayList<>(list.items());
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (!(layers.get(i) instanceof Expr.Call layer)) {
                return Origin.UNKNOWN;
            }
            String name = CellSyntax.terminalName(layer.callee()).orElse("");
            if (name.equals("Dropout") || name.equals("Flatten") || name.equals("Identity")) {
                continue;
            }
            Activation activation = activationOf(name);
            if (name.equals("Activation") && !CellSyntax.positional(layer).isEmpty()
                    && CellSyntax.positional(layer).get(0) instanceof Expr.StringLiteral s) {
                activation = activationOf(s.value());
            }
            if (activation != Activation.NONE && activation != Activation.UNKNOWN) {
                return new Origin(activation, Optional.empty(), Optional.of(layer), Optional.of(sequential));
            }
            return layerActivation(layer, sequential);
        }
        return Origin.UNKNOWN;
    }

    /** A Dense or Linear layer: its {@code activation=} keyword (Keras), or none. */
    private static Origin layerActivation(Expr.Call layer, Expr.Call model) {
        String name = CellSyntax.terminalName(layer.callee()).orElse("");
        if (!name.equals("Dense") && !name.equals("Linear") && !name.startsWith("Conv")) {
            return Origin.UNKNOWN;
        }
        Optional<Expr> keyword = CellSyntax.keyword(layer, "activation");
        if (keyword.isPresent() && keyword.get() instanceof Expr.StringLiteral s) {
            Activation a = activationOf(s.value());
            return new Origin(a == Activation.UNKNOWN ? Activation.NONE : a, Optional.empty(), keyword, Optional.of(model));
        }
        if (keyword.isPresent() && !(keyword.get() instanceof Expr.NoneLiteral)) {
            return Origin.UNKNOWN;
        }
        return new Origin(Activation.NONE, Optional.empty(), Optional.empty(), Optional.of(model));
    }

    static Activation activationOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "softmax" -> Activation.SOFTMAX;
            case "log_softmax", "logsoftmax" -> Activation.LOG_SOFTMAX;
            case "sigmoid" -> Activation.SIGMOID;
            case "linear", "relu", "tanh", "gelu", "elu", "selu" -> Activation.NONE;
            default -> Activation.UNKNOWN;
        };
    }

    private static boolean isNamespace(Expr.Attribute a) {
        return CellSyntax.rootName(a).map(r -> List.of("torch", "F", "nn", "tf", "keras", "jax", "jnp", "np",
                "activations", "ops", "functional", "special").contains(r)).orElse(false);
    }
}
