package dev.shapes.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Builds HTML (and inline SVG) in which every piece of text and every
 * attribute value goes through the OWASP encoder. Tag and attribute names are
 * the caller's constants and are checked: no scripts, no event handlers, no
 * URLs, no inline styles. This is the only way the renderer, and the sections
 * others plug into it ({@link StatementSection}), write markup.
 */
public final class HtmlWriter {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]*(:[a-zA-Z][a-zA-Z0-9-]*)?");
    private static final Set<String> FORBIDDEN_TAGS = Set.of("script", "style", "iframe", "frame", "frameset",
            "object", "embed", "applet", "link", "meta", "base", "form", "input", "button", "textarea", "select",
            "foreignobject", "use", "image", "img", "a", "animate", "set", "animatetransform", "animatemotion",
            "handler", "template", "math", "noscript", "video", "audio", "source", "track");
    private static final Set<String> FORBIDDEN_ATTRIBUTES = Set.of("style", "href", "src", "srcdoc",
            "action", "formaction", "background", "lowsrc", "dynsrc", "poster", "data", "codebase", "srcset",
            "attributename", "values", "from", "to", "by", "begin");
    private static final Set<String> VOID_TAGS = Set.of("br", "hr", "wbr", "col");
    /**
     * Names that passed the checks: the callers' constants, a few dozen, so each is checked once
     * rather than on every element (the checks took most of a cell's render time).
     */
    private static final Set<String> ALLOWED_TAGS = ConcurrentHashMap.newKeySet();
    private static final Set<String> ALLOWED_ATTRIBUTES = ConcurrentHashMap.newKeySet();

    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /**
     * Opens {@code tag} with attributes given as name, value pairs; values are
     * encoded, a null value leaves the attribute out.
     */
    public HtmlWriter open(String tag, String... attributes) {
        startTag(tag, attributes);
        out.append('>');
        open.push(tag);
        return this;
    }

    /** An element with text content: {@code <tag attrs>text</tag>}. */
    public HtmlWriter element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close();
    }

    /** A void element ({@code <br>}) or an SVG element without content ({@code <rect .../>}). */
    public HtmlWriter empty(String tag, String... attributes) {
        startTag(tag, attributes);
        out.append(VOID_TAGS.contains(tag) ? ">" : "/>");
        return this;
    }

    /** Text content, encoded. */
    public HtmlWriter text(String text) {
        out.append(Encode.forHtmlContent(text));
        return this;
    }

    /** Closes the innermost open element. */
    public HtmlWriter close() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no open element to close");
        }
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** Closes every element opened since {@code depth()} returned {@code depth}. */
    public HtmlWriter closeTo(int depth) {
        while (open.size() > depth) {
            close();
        }
        return this;
    }

    /** How many elements are open. */
    public int depth() {
        return open.size();
    }

    /** Characters written so far (to tell whether a section wrote anything). */
    public int length() {
        return out.length();
    }

    /** Markup written by the renderer itself from constants (the style sheet); never user text. */
    HtmlWriter trusted(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends what another writer produced; it must have closed everything it opened. */
    HtmlWriter append(HtmlWriter other) {
        if (other.depth() != 0) {
            throw new IllegalStateException("the section left <" + other.open.peek() + "> open");
        }
        out.append(other.out);
        return this;
    }

    /** The markup; every element must be closed. */
    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("<" + open.peek() + "> is still open");
        }
        return out.toString();
    }

    private void startTag(String tag, String... attributes) {
        if (!ALLOWED_TAGS.contains(tag)) {
            checkName(tag);
            if (FORBIDDEN_TAGS.contains(localName(tag))) {
                throw new IllegalArgumentException("the renderer does not write <" + tag + ">");
            }
            ALLOWED_TAGS.add(tag);
        }
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            String name = attributes[i];
            String value = attributes[i + 1];
            if (!ALLOWED_ATTRIBUTES.contains(name)) {
                checkName(name);
                String local = localName(name);
                if (local.startsWith("on") || FORBIDDEN_ATTRIBUTES.contains(local)
                        || name.toLowerCase(Locale.ROOT).startsWith("xmlns:")) {
                    throw new IllegalArgumentException("the renderer does not write the attribute " + name);
                }
                ALLOWED_ATTRIBUTES.add(name);
            }
            if (value != null) {
                out.append(' ').append(name).append("=\"").append(Encode.forHtmlAttribute(value)).append('"');
            }
        }
    }

    /** The name without its namespace prefix, lower case: {@code svg:foreignObject} is {@code foreignobject}. */
    private static String localName(String name) {
        return name.substring(name.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + name);
        }
    }
}
