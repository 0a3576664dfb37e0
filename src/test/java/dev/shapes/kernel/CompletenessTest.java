package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** is_complete, as a console asks before running what was typed. */
class CompletenessTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            x: f32[3]                                   | complete
            ""                                          | complete
            loss = F.cross_entropy(logits,              | "    "
            x: f32[32,                                  | "    "
            y = x \\                                    | "    "
            "s = '''abc"                                | ""
            "s = 'abc"                                  | invalid
            x = )                                       | invalid
            "for row in x:"                             | "    "
            "for row in x:\\n    y = row"               | "    "
            "for row in x:\\n    y = row\\n\\n"         | complete
            "%%shapes torch"                            | ""
            "%%shapes torch\\nx: f32[3]\\n\\n"          | complete
            "# only a comment ("                        | complete
            """)
    void answers(String code, String expected) {
        String text = code.replace("\\n", "\n").replace("\\\\", "\\");
        assertEquals(expected, Completeness.of(text));
    }
}
