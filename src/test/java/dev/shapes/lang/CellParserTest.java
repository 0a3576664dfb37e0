package dev.shapes.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sources and spans of statements are cut from the cell's text where the tokens are. */
class CellParserTest {

    @Test
    void charactersOutsideTheBmpDoNotShiftLaterStatements() {
        // the lexer counts code points, Java strings count UTF-16 units: 😀 is one and two
        List<Stmt> statements = CellParser.parse("e = \"😀\"; f = 1\ng = \"😀😀\" + h\nk = 2\n");
        assertEquals(List.of("e = \"😀\"", "f = 1", "g = \"😀😀\" + h", "k = 2"),
                statements.stream().map(Stmt::source).toList());
        assertEquals(new Span(1, 9, 1, 14), statements.get(1).span());
        assertEquals(new Span(2, 0, 2, 12), statements.get(2).span(), "columns count code points");
    }
}
