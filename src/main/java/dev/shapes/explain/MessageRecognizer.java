package dev.shapes.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the framework message in pasted text: a bare message, a whole
 * traceback, a Jupyter cell's output with ANSI colours, TensorFlow's
 * {@code {{function_node ...}}} prefixes and {@code [Op:...]} suffixes, CUDA
 * assert lines. The most specific template wins; among equals, the one
 * printed last (the exception that ended the program).
 */
final class MessageRecognizer {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]|(?<![\\w\\[])\\[(?:[0-9;]{1,5})m");
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile(
            "^\\s*(?:[A-Za-z_][\\w]*\\.)*([A-Za-z_]\\w*(?:Error|Exception|Warning|Interrupt))\\s*:\\s*");
    private static final Map<String, String> DEFAULT_VERSION = Map.of("torch", "2.x", "keras", "3.x", "tf", "2.x",
            "numpy", "2.x", "jax", "0.10");

    private MessageRecognizer() {}

    static String normalize(String pasted) {
        String text = pasted.replace("\r\n", "\n").replace('\r', '\n');
        text = ANSI.matcher(text).replaceAll("");
        if (!text.contains("\n") && text.contains("\\n")) {
            text = text.replace("\\n", "\n");
        }
        return text;
    }

    static Optional<Recognition> recognize(String pasted) {
        String text = normalize(pasted);
        Recognition best = null;
        for (MessageTemplate template : MessageCatalog.all()) {
            // a template's variants go from the most specific text to the most general: the first that matches
            for (MessageTemplate.Variant variant : template.variants()) {
                Matcher m = variant.pattern().matcher(text);
                Recognition last = null;
                while (m.find()) {
                    last = recognition(template, variant, m, text);
                }
                if (last != null) {
                    if (better(last, best)) {
                        best = last;
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Specific beats weak; then the later message in the text; then the earlier template in the catalog. */
    private static boolean better(Recognition candidate, Recognition best) {
        if (best == null) {
            return true;
        }
        if (candidate.template().weak() != best.template().weak()) {
            return !candidate.template().weak();
        }
        return candidate.start() > best.start();
    }

    private static Recognition recognition(MessageTemplate template, MessageTemplate.Variant variant, Matcher m,
                                           String text) {
        Facts facts = Facts.of(m, variant.pattern()).with(Facts.CONTEXT, text.substring(0, m.start()));
        int lineStart = text.lastIndexOf('\n', m.start()) + 1;
        int lineEnd = text.indexOf('\n', m.end());
        String line = text.substring(lineStart, m.start());
        Matcher type = EXCEPTION_PREFIX.matcher(line);
        String exceptionType = "";
        int messageStart = lineStart;
        if (type.find()) {
            exceptionType = type.group(1);
            messageStart = lineStart + type.end();
        }
        int messageEnd = lineEnd < 0 ? text.length() : Math.max(lineEnd, m.end());
        String message = text.substring(messageStart, messageEnd).strip();
        String framework = framework(template, text);
        String printedType = exceptionType;
        String version = variant.version().orElseGet(() -> version(framework, template, text, printedType));
        return new Recognition(template, framework, version, template.kind().apply(facts), facts, exceptionType, message,
                m.start());
    }

    private static String framework(MessageTemplate template, String text) {
        if (template.frameworks().size() == 1) {
            return template.framework();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String candidate : template.frameworks()) {
            boolean hinted = switch (candidate) {
                case "keras" -> lower.contains("keras") || lower.contains("model.fit") || lower.contains("compile_loss")
                        || lower.contains("to_categorical");
                case "tf" -> (lower.contains("tensorflow") || lower.contains("tf.nn") || lower.contains("tf.")) 
                        && !lower.contains("keras");
                // JAX's tracebacks run through jax/_src/numpy and say jnp.: they are not NumPy's
                case "numpy" -> (lower.contains("numpy") || lower.contains("np.")) && !jax(lower);
                case "jax" -> jax(lower);
                default -> lower.contains(candidate);
            };
            if (hinted) {
                return candidate;
            }
        }
        return template.framework();
    }

    private static boolean jax(String lower) {
        return lower.contains("jax") || lower.contains("jnp") || lower.contains("optax");
    }

    private static String version(String framework, MessageTemplate template, String text, String exceptionType) {
        if (framework.equals("torch")) {
            if (template.id().equals("torch.kernel-dtype")) {
                return exceptionType.equals("RuntimeError") ? "1.x" : "2.x";
            }
            if (text.contains("Exception raised from") || text.contains("/TH/") || text.contains("THCUNN")) {
                return "1.x";
            }
        }
        if (framework.equals("keras")) {
            if (text.contains("tensorflow/python/keras") || text.contains("tf_keras") || text.contains("keras/engine/")
                    || text.contains("keras\\engine\\")) {
                return "2.x";
            }
        }
        return DEFAULT_VERSION.getOrDefault(framework, "");
    }

    static String defaultVersion(String framework) {
        return DEFAULT_VERSION.getOrDefault(framework, "");
    }

    /** A template that resembles a message no template recognises, with how much. */
    record Closest(MessageTemplate template, double similarity) {}

    /** The templates whose examples share the most words with the text, best first. */
    static List<Closest> closest(String pasted, int limit) {
        Set<String> words = words(normalize(pasted));
        Map<String, Closest> best = new LinkedHashMap<>();
        for (MessageTemplate template : MessageCatalog.all()) {
            for (String example : template.examples()) {
                Set<String> other = words(example);
                Set<String> common = new HashSet<>(words);
                common.retainAll(other);
                Set<String> union = new HashSet<>(words);
                union.addAll(other);
                double score = union.isEmpty() ? 0 : (double) common.size() / union.size();
                Closest previous = best.get(template.id());
                if (previous == null || previous.similarity() < score) {
                    best.put(template.id(), new Closest(template, score));
                }
            }
        }
        List<Closest> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingDouble(Closest::similarity).reversed());
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z_]+")) {
            if (w.length() >= 3) {
                out.add(w);
            }
        }
        return out;
    }
}
