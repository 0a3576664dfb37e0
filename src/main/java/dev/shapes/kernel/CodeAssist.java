package dev.shapes.kernel;

import dev.shapes.eval.CallContext;
import dev.shapes.eval.Environment;
import dev.shapes.eval.Framework;
import dev.shapes.eval.Function;
import dev.shapes.eval.Module;
import dev.shapes.eval.Python;
import dev.shapes.eval.Session;
import dev.shapes.eval.Value;
import dev.shapes.lang.Span;
import dev.shapes.notebook.CellRunner;
import dev.shapes.notebook.LineMagic;
import dev.shapes.notebook.OpenBrackets;
import dev.shapes.tensor.DType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Tab completion and Shift-Tab inspection over a session: names in scope,
 * the current framework's modules, functions and their keyword arguments,
 * tensor attributes, dtypes, magics and keywords. Positions are Java string
 * indices; the kernel converts the protocol's code points at the edge.
 */
final class CodeAssist {

    static final List<String> KEYWORDS = List.of("use", "import", "from", "as", "for", "in", "and", "or", "not",
            "None", "True", "False");

    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%(\\w*)$");
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w*)$");
    private static final Pattern FRAMEWORK = Pattern.compile("^\\s*(?:%%shapes|%use|use)\\s+(\\w*)$");
    private static final Pattern DTYPE = Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*:\\s*(\\w*)$");
    private static final Pattern DOTTED_TAIL = Pattern.compile("([A-Za-z_][\\w.]*)?$");
    /** The first line of a contract: {@code cross_entropy(input, target, weight=None, ...)}. */
    private static final Pattern SIGNATURE_LINE = Pattern.compile("^\\s*[\\w.]+\\((.*)\\)\\s*$");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    /** Replacement texts for the range {@code start..end} of the code. */
    record Completion(List<String> matches, int start, int end) {}

    /** What Shift-Tab shows: plain text and HTML of the same content. */
    record Inspection(String text, String html) {}

    private final Session session;
    private final CellRunner runner;

    CodeAssist(CellRunner runner) {
        this.runner = runner;
        this.session = runner.session();
    }

    Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        String line = code.substring(code.lastIndexOf('\n', at - 1) + 1, at);
        Matcher m;
        if ((m = CELL_MAGIC.matcher(line)).matches()) {
            return matching(CellRunner.CELL_MAGICS, m.group(1), at);
        }
        if ((m = LINE_MAGIC.matcher(line)).matches()) {
            return matching(CellRunner.LINE_MAGICS, m.group(1), at);
        }
        if ((m = FRAMEWORK.matcher(line)).matches()) {
            return matching(session.frameworks().stream().map(Framework::id).toList(), m.group(1), at);
        }
        if ((m = DTYPE.matcher(line)).matches()) {
            List<String> dtypes = new ArrayList<>();
            for (DType t : DType.values()) {
                dtypes.add(t.shortName);
            }
            for (DType t : DType.values()) {
                dtypes.add(t.longName);
            }
            return matching(dtypes, m.group(1), at);
        }
        Matcher tail = DOTTED_TAIL.matcher(line);
        String dotted = tail.find() && tail.group(1) != null ? tail.group(1) : "";
        int dot = dotted.lastIndexOf('.');
        if (dot >= 0) {
            String prefix = dotted.substring(dot + 1);
            List<String> members = resolve(dotted.substring(0, dot)).map(this::attributeNames).orElse(List.of());
            return matching(members, prefix, at);
        }
        Set<String> candidates = new LinkedHashSet<>();
        calleeBefore(code, at).flatMap(this::resolve).ifPresent(callee -> parameters(callee)
                .forEach(p -> candidates.add(p + "=")));
        candidates.addAll(session.environment().variables().keySet());
        candidates.addAll(session.profile().globals().keySet());
        candidates.addAll(KEYWORDS);
        return matching(new ArrayList<>(candidates), dotted, at);
    }

    Optional<Inspection> inspect(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        Optional<String> name = nameAt(code, at).or(() -> calleeBefore(code, at));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Value> value = resolve(name.get());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = describe(name.get(), value.get());
        String html = "<pre>" + LINK.matcher(Encode.forHtml(text))
                .replaceAll(r -> "<a href=\"" + r.group() + "\" target=\"_blank\">" + r.group() + "</a>") + "</pre>";
        return Optional.of(new Inspection(text, html));
    }

    private String describe(String name, Value value) {
        if (value instanceof Function function) {
            return function.doc().isBlank()
                    ? function.qualifiedName() + "(...)\n(no contract is documented for this function)"
                    : function.doc();
        }
        if (value instanceof Module module) {
            return "module " + module.qualifiedName() + " (" + session.profile().label() + ")\nmembers: "
                    + String.join(", ", module.attributeNames());
        }
        if (value instanceof Value.TensorValue tensor) {
            for (LineMagic.Variable v : runner.variables("")) {
                if (v.name().equals(name)) {
                    return name + ": " + tensor.tensor().typeString() + "\ndeclared in " + v.cell() + ", line "
                            + v.declaredOnLine();
                }
            }
            return name + ": " + tensor.tensor().typeString();
        }
        if (value instanceof Value.PyObject object) {
            return name + ": " + object.describe();
        }
        return name + " = " + Python.repr(value);
    }

    /** The value a dotted name stands for in the session, if it can be found without evaluating calls. */
    Optional<Value> resolve(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        Optional<Value> current = session.environment().lookup(parts[0]).map(Environment.Variable::value)
                .or(() -> Optional.ofNullable(session.profile().globals().get(parts[0])));
        for (int i = 1; i < parts.length && current.isPresent(); i++) {
            if (!(current.get() instanceof Value.PyObject object)) {
                return Optional.empty();
            }
            String part = parts[i];
            try {
                current = object instanceof Module module ? module.member(part) : object.attribute(part, context());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return current;
    }

    private List<String> attributeNames(Value value) {
        if (value instanceof Value.PyObject object) {
            return object.attributeNames();
        }
        if (value instanceof Value.TensorValue) {
            return session.profile().tensorAttributeNames();
        }
        return List.of();
    }

    /** Keyword parameters from the first line of a function's contract. */
    static List<String> parameters(Value callee) {
        if (!(callee instanceof Function function) || function.doc().isBlank()) {
            return List.of();
        }
        Matcher m = SIGNATURE_LINE.matcher(function.doc().lines().findFirst().orElse(""));
        if (!m.matches()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String parameter : m.group(1).split(",")) {
            String p = parameter.strip();
            int eq = p.indexOf('=');
            String bare = (eq < 0 ? p : p.substring(0, eq)).strip();
            if (bare.matches("[A-Za-z_]\\w*")) {
                names.add(bare);
            }
        }
        return names;
    }

    /** The dotted name around the cursor, if the cursor touches one. */
    private static Optional<String> nameAt(String code, int at) {
        int start = at;
        while (start > 0 && isNameChar(code.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < code.length() && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_')) {
            end++;
        }
        String name = code.substring(start, end);
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        return name.isEmpty() || Character.isDigit(name.charAt(0)) || name.endsWith(".") ? Optional.empty()
                : Optional.of(name);
    }

    /** The dotted name of the call whose parentheses hold the cursor: {@code F.cross_entropy(logits, |}. */
    private static Optional<String> calleeBefore(String code, int at) {
        if (!OpenBrackets.scan(code.substring(0, at)).brackets().endsWith("(")) {
            return Optional.empty();
        }
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                int end = i;
                while (end > 0 && (code.charAt(end - 1) == ' ' || code.charAt(end - 1) == '\t')) {
                    end--;
                }
                int start = end;
                while (start > 0 && isNameChar(code.charAt(start - 1))) {
                    start--;
                }
                String callee = code.substring(start, end);
                return callee.isEmpty() || !Character.isJavaIdentifierStart(callee.charAt(0)) ? Optional.empty()
                        : Optional.of(callee);
            }
        }
        return Optional.empty();
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private static Completion matching(List<String> candidates, String prefix, int at) {
        List<String> matches = new ArrayList<>();
        for (String c : candidates) {
            if (c.startsWith(prefix) && !matches.contains(c)) {
                matches.add(c);
            }
        }
        return new Completion(matches, at - prefix.length(), at);
    }

    private CallContext context() {
        return new CallContext(session.profile(), session.bindings(), new Span(1, 0, 1, 0));
    }
}
