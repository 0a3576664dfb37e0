package dev.shapes.lang;

import dev.shapes.lang.antlr.ShapesLexer;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/** The bracket tokens, known by type, so that counting brackets needs no token text. */
final class Brackets {

    private static final boolean[] OPENING = types(Set.of("'('", "'['", "'{'"));
    private static final boolean[] CLOSING = types(Set.of("')'", "']'", "'}'"));

    private Brackets() {}

    static boolean opens(Token t) {
        int type = t.getType();
        return type >= 0 && type < OPENING.length && OPENING[type];
    }

    static boolean closes(Token t) {
        int type = t.getType();
        return type >= 0 && type < CLOSING.length && CLOSING[type];
    }

    private static boolean[] types(Set<String> literals) {
        int max = ShapesLexer.VOCABULARY.getMaxTokenType();
        boolean[] types = new boolean[max + 1];
        for (int type = 0; type <= max; type++) {
            String literal = ShapesLexer.VOCABULARY.getLiteralName(type);
            types[type] = literal != null && literals.contains(literal);
        }
        return types;
    }
}
