package dev.shapes.robustness;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import dev.shapes.render.HtmlRenderer;
import dev.shapes.render.JsonRenderer;
import dev.shapes.render.TextRenderer;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No input may crash the interpreter or the renderers, or hang them, and every
 * failure carries a position inside the cell. Programs are generated from the
 * notation's grammar, then mutated (token swaps, truncation, random bytes, deep
 * nesting, huge numbers, unicode). CI runs jqwik's default tries (see
 * junit-platform.properties); docs/robustness.md has the million-case command.
 */
class FuzzTest {

    /** A hang guard (termination), not a speed target: a cell of this size is checked in milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(20);

    /** Profiles hold no session state, so one set serves every generated cell. */
    private static final List<dev.shapes.eval.Framework> FRAMEWORKS = Frameworks.all();

    @Property
    void generatedProgramsNeverCrashAndFailuresArePositioned(@ForAll("programs") String program) {
        check(program);
    }

    @Property
    void mutatedProgramsNeverCrashAndFailuresArePositioned(@ForAll("mutated") String program) {
        check(program);
    }

    static void check(String program) {
        CellResult cell = assertTimeoutPreemptively(HANG, () -> {
            Interpreter interpreter = new Interpreter(new Session(FRAMEWORKS));
            CellResult result = interpreter.run(program);
            TextRenderer.render(result);
            JsonRenderer.render(List.of(result), false);
            HtmlRenderer.render(result);
            return result;
        }, () -> "hung on:\n" + program);
        int lines = program.split("\n", -1).length;
        for (StatementResult s : cell.statements()) {
            s.failure().ifPresent(f -> {
                assertTrue(f.span().line() >= 1 && f.span().line() <= lines + 1,
                        () -> "line " + f.span().line() + " outside the cell for " + f + " in\n" + program);
                assertTrue(f.span().column() >= 0, () -> "negative column for " + f + " in\n" + program);
                assertTrue(!f.type().equals("InternalError"), () -> "internal error " + f.message() + " in\n" + program);
            });
        }
    }

    // ------------------------------------------------------------ generators from the grammar

    private static final List<String> NAMES = List.of("logits", "labels", "x", "y", "w", "B", "C", "N");
    private static final List<String> DTYPES = List.of("f32", "f64", "i64", "i32", "bool", "u8", "f16", "long", "float");
    private static final List<String> FUNCTIONS = List.of("F.cross_entropy", "F.nll_loss", "F.mse_loss", "F.l1_loss",
            "F.binary_cross_entropy", "F.binary_cross_entropy_with_logits", "F.kl_div", "F.one_hot", "F.softmax",
            "F.log_softmax", "torch.cat", "torch.stack", "torch.zeros", "torch.arange", "torch.tensor", "torch.eye",
            "nn.CrossEntropyLoss()", "nn.Linear(3, 4)", "torch.matmul", "len", "range", "print", "max");
    private static final List<String> METHODS = List.of("view", "reshape", "squeeze", "unsqueeze", "sum", "mean",
            "argmax", "permute", "transpose", "float", "long", "size", "shape", "T", "flatten", "softmax", "expand");

    @Provide
    Arbitrary<String> programs() {
        return statement().list().ofMinSize(1).ofMaxSize(8).map(lines -> String.join("\n", lines) + "\n");
    }

    private Arbitrary<String> statement() {
        return Arbitraries.oneOf(declaration(), assignment(), expression(3), Arbitraries.of("use torch",
                "use torch 1.13", "use numpy", "use keras", "use jax", "import torch", "# a comment", ""));
    }

    private Arbitrary<String> declaration() {
        Arbitrary<String> dim = Arbitraries.oneOf(Arbitraries.integers().between(0, 6).map(String::valueOf),
                Arbitraries.of("B", "C", "None", "B*T", "N+1", "1000000", "50257"));
        Arbitrary<String> dims = dim.list().ofMaxSize(4).map(d -> String.join(", ", d));
        Arbitrary<String> literal = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(" = 3", " = [1, 2]",
                " = [[0.5, -1.0], [2.0, 3.0]]", " = [True, False]", " = [[1], [2]]", " = 1e40"));
        return Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(DTYPES), dims, literal)
                .as((n, t, d, l) -> n + ": " + t + "[" + d + "]" + l);
    }

    private Arbitrary<String> assignment() {
        return Combinators.combine(Arbitraries.of(NAMES), expression(3)).as((n, e) -> n + " = " + e);
    }

    private Arbitrary<String> expression(int depth) {
        Arbitrary<String> atom = Arbitraries.oneOf(Arbitraries.of(NAMES),
                Arbitraries.integers().between(-3, 12).map(String::valueOf),
                Arbitraries.of("0.5", "None", "True", "'mean'", "\"sum\"", "...", "[0, 1]", "(2, 3)", "{'a': 1}"));
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> sub = expression(depth - 1);
        Arbitrary<String> call = Combinators.combine(Arbitraries.of(FUNCTIONS), sub.list().ofMaxSize(3),
                Arbitraries.of("", "reduction='none'", "dim=1", "num_classes=3", "keepdim=True", "weight=w"))
                .as((f, args, kw) -> f + "(" + String.join(", ", args) + (kw.isEmpty() || args.isEmpty() ? kw
                        : ", " + kw) + ")");
        Arbitrary<String> method = Combinators.combine(sub, Arbitraries.of(METHODS),
                Arbitraries.integers().between(-2, 3).list().ofMaxSize(3))
                .as((t, m, args) -> t + "." + m + (m.equals("shape") || m.equals("T") ? ""
                        : "(" + String.join(", ", args.stream().map(String::valueOf).toList()) + ")"));
        Arbitrary<String> binary = Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "@", "**", "//", "==", "<"),
                sub).as((a, op, b) -> a + " " + op + " " + b);
        Arbitrary<String> index = Combinators.combine(sub, Arbitraries.of("0", "-1", ":", "1:3", "..., 0", "None",
                "labels", "x > 0", "::-1", "0, 1, 2")).as((t, i) -> t + "[" + i + "]");
        return Arbitraries.oneOf(atom, call, method, binary, index, sub.map(s -> "(" + s + ")"), sub.map(s -> "-" + s));
    }

    // ------------------------------------------------------------ mutations of valid cells

    private static final List<String> SEEDS = List.of(
            "use torch\nlogits: f32[32, 10]\nlabels: i64[32, 1]\nloss = F.cross_entropy(logits, labels)\n",
            "x: f32[B, T, C]\ny = x.view(-1, C)\nz = y.sum(dim=1, keepdim=True)\n",
            "p: f32[8, 1] = [[0.1], [0.2], [0.3], [0.4], [0.5], [0.6], [0.7], [0.8]]\nt: f32[8]\nl = F.mse_loss(p, t)\n",
            "X: f32[100, 4]\ny: i64[100]\nfor xb, yb in DataLoader(TensorDataset(X, y), batch_size=32):\n    out = xb.sum(1)\n",
            "a: f32[2, 3] = [[1, 2, 3], [4, 5, 6]]\nb = a[:, None] * a[None]\nc = torch.cat([a, a], dim=0)\n");

    private static final String ALPHABET = "()[]{}:,.=+-*/@%<>!~#'\"\\\n\t ;0123456789abcxyzBCN_é€…\u0000\u200b\ud83d\ude00";

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> truncate = seed.flatMap(s -> Arbitraries.integers().between(0, s.length())
                .map(n -> s.substring(0, n)));
        Arbitrary<String> insert = Combinators.combine(seed, Arbitraries.integers().between(0, 1000),
                Arbitraries.strings().withChars(ALPHABET).ofMinLength(1).ofMaxLength(4))
                .as((s, at, text) -> s.substring(0, at % (s.length() + 1)) + text + s.substring(at % (s.length() + 1)));
        Arbitrary<String> delete = Combinators.combine(seed, Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(1, 6)).as((s, at, n) -> {
                    int start = at % s.length();
                    return s.substring(0, start) + s.substring(Math.min(s.length(), start + n));
                });
        Arbitrary<String> swap = Combinators.combine(seed, Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as((s, i, j) -> {
                    String[] tokens = s.split(" ");
                    int a = i % tokens.length;
                    int b = j % tokens.length;
                    String t = tokens[a];
                    tokens[a] = tokens[b];
                    tokens[b] = t;
                    return String.join(" ", tokens);
                });
        Arbitrary<String> randomBytes = Arbitraries.strings().all().ofMaxLength(40)
                .map(s -> "x: f32[2]\n" + s + "\ny = x * 2\n");
        Arbitrary<String> deep = Arbitraries.integers().between(1, 2000)
                .map(n -> "x = " + "(".repeat(n) + "1" + ")".repeat(n) + "\ny = " + "[".repeat(n) + "]".repeat(n)
                        + "\nz = " + "-".repeat(n) + "1\n");
        Arbitrary<String> chain = Arbitraries.integers().between(1, 3000)
                .map(n -> "x: f32[2]\ny = x" + " + x".repeat(n) + "\nz = x" + ".float()".repeat(n / 3 + 1) + "\n");
        Arbitrary<String> huge = Arbitraries.of("x: f32[99999999999999999999]", "x: f32[9223372036854775807, 2]",
                "y = torch.zeros(4611686018427387904, 4)", "z = 10 ** 400", "w: f32[2] = [1e308, -1e308]",
                "v = torch.arange(0, 1e12)", "a: f32[1000000000, 1000000000]\nb = a @ a\nc = a.view(-1)\n",
                "n = 2 ** 62 * 4\nq: f32[n]");
        return Arbitraries.oneOf(truncate, insert, delete, swap, randomBytes, deep, chain, huge);
    }
}
