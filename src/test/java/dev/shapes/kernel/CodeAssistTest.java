package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.notebook.CellRunner;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Completion and inspection over a session, as Tab and Shift-Tab use them. */
class CodeAssistTest {

    private CellRunner runner;
    private CodeAssist assist;

    @BeforeEach
    void session() {
        runner = new CellRunner();
        runner.run("logits: f32[32, 10]\nlabels: i64[32]", "In [1]");
        assist = new CodeAssist(runner);
    }

    private CodeAssist.Completion complete(String code) {
        return assist.complete(code, code.length());
    }

    @Test
    void completesNamesInScopeAndFrameworkGlobals() {
        assertEquals(List.of("logits"), complete("y = lo").matches());
        assertTrue(complete("y = ").matches().containsAll(List.of("logits", "labels", "torch", "F", "nn")));
        CodeAssist.Completion c = complete("y = lab");
        assertEquals(4, c.start());
        assertEquals(7, c.end());
    }

    @Test
    void completesModuleMembers() {
        CodeAssist.Completion c = complete("loss = F.cross_en");
        assertEquals(List.of("cross_entropy"), c.matches());
        assertEquals("loss = F.".length(), c.start());
        assertTrue(complete("nn.").matches().contains("CrossEntropyLoss"));
    }

    @Test
    void completesTensorAttributes() {
        assertTrue(complete("logits.sq").matches().contains("squeeze"));
    }

    @Test
    void completesKeywordArgumentsOfTheCallUnderTheCursor() {
        assertEquals(List.of("reduction="), complete("loss = F.cross_entropy(logits, labels, red").matches());
        assertTrue(complete("F.cross_entropy(\n    logits, lab").matches().containsAll(List.of("labels", "label_smoothing=")));
    }

    @Test
    void completesDtypesInDeclarations() {
        assertEquals(List.of("f16", "f32", "f64", "float16", "float32", "float64"), complete("x: f").matches());
    }

    @Test
    void completesMagicsAndFrameworks() {
        assertEquals(List.of("who"), complete("%wh").matches());
        assertEquals(List.of("shapes"), complete("%%sh").matches());
        assertEquals(List.of("torch", "tf"), complete("%%shapes t").matches());
        assertEquals(List.of("numpy"), complete("use n").matches());
    }

    @Test
    void completesKeywords() {
        assertTrue(complete("x = No").matches().contains("None"));
    }

    @Test
    void inspectShowsTheContractOfTheFunction() {
        String code = "loss = F.cross_entropy(logits, ";
        CodeAssist.Inspection inside = assist.inspect(code, code.length()).orElseThrow();
        assertTrue(inside.text().startsWith("cross_entropy(input, target"), inside.text());
        assertTrue(inside.text().contains("https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy"));
        assertTrue(inside.html().contains("<a href=\"https://pytorch.org/"), inside.html());
        CodeAssist.Inspection onName = assist.inspect("F.cross_entropy", 5).orElseThrow();
        assertEquals(inside.text(), onName.text());
    }

    @Test
    void inspectShowsATensorsTypeAndWhereItWasDeclared() {
        CodeAssist.Inspection tensor = assist.inspect("labels", 3).orElseThrow();
        assertEquals("labels: i64[32]\ndeclared in In [1], line 2", tensor.text());
    }

    @Test
    void inspectFindsNothingForUnknownNames() {
        assertTrue(assist.inspect("nothing_here", 4).isEmpty());
        assertTrue(assist.inspect("", 0).isEmpty());
    }

    @Test
    void keywordParametersComeFromTheContractsFirstLine() {
        assertEquals(List.of("input", "target", "weight", "ignore_index", "reduction", "label_smoothing"),
                CodeAssist.parameters(assist.resolve("F.cross_entropy").orElseThrow()));
    }

    @Test
    void cursorPositionsCountCodePoints() {
        String code = "# 🙂\nlo";
        assertEquals(code.length(), CodePoints.toIndex(code, code.codePointCount(0, code.length())));
        assertEquals(code.codePointCount(0, code.length()), CodePoints.fromIndex(code, code.length()));
        assertEquals(0, CodePoints.toIndex(code, -3));
    }
}
