package dev.shapes.eval;

/**
 * A callable with a qualified name, e.g. {@code torch.nn.functional.cross_entropy}.
 * Its behaviour is a small function over the call's arguments.
 */
public final class Function implements Value.PyObject {

    /** The behaviour: arguments to result, raising FrameworkException as the framework would. */
    @FunctionalInterface
    public interface Body {
        Value call(Arguments args, CallContext ctx);
    }

    private final String qualifiedName;
    private final Body body;
    private final String doc;

    public Function(String qualifiedName, Body body) {
        this(qualifiedName, body, "");
    }

    public Function(String qualifiedName, Body body, String doc) {
        this.qualifiedName = qualifiedName;
        this.body = body;
        this.doc = doc;
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    public String shortName() {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? qualifiedName : qualifiedName.substring(dot + 1);
    }

    /** The contract text shown on inspection (accepted shapes, dtypes, keywords, link). */
    public String doc() {
        return doc;
    }

    @Override
    public Value call(Arguments args, CallContext ctx) {
        return body.call(args, ctx);
    }

    @Override
    public boolean isCallable() {
        return true;
    }

    @Override
    public String typeName() {
        return "function";
    }

    @Override
    public String describe() {
        return "<function " + qualifiedName + ">";
    }
}
