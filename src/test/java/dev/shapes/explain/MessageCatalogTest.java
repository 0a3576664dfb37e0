package dev.shapes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.NotationException;
import dev.shapes.eval.Session;
import dev.shapes.framework.Frameworks;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The message catalog is consistent: every example text is recognised as its
 * own template, and the cell built from it reproduces a message of the same
 * template wherever the framework's profile exists (PyTorch today).
 */
class MessageCatalogTest {

    @TestFactory
    Stream<DynamicTest> everyExampleIsRecognisedAsItsTemplate() {
        return MessageCatalog.all().stream().flatMap(t -> t.examples().stream().map(example ->
                DynamicTest.dynamicTest(t.id() + ": " + example.lines().findFirst().orElse(""), () -> {
                    Optional<Recognition> r = MessageRecognizer.recognize(example);
                    assertTrue(r.isPresent(), () -> "not recognised: " + example);
                    assertEquals(t.id(), r.get().template().id(), example);
                })));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsReproducedWhereItsProfileExists() {
        return MessageCatalog.all().stream().flatMap(t -> t.examples().stream().map(example ->
                DynamicTest.dynamicTest(t.id() + ": " + example.lines().findFirst().orElse(""), () -> {
                    Explanation e = Explainer.explainMessage(example);
                    assertTrue(e.recognized());
                    assertTrue(e.repro().isPresent() && e.evaluation().isPresent());
                    if (profileAvailable(e.framework().orElseThrow())) {
                        assertTrue(e.reproduced() || t.weak() || t.id().equals("torch.target-out-of-bounds")
                                        && example.contains("Assertion"),
                                () -> "the repro does not reproduce\n" + example + "\n" + e.repro().get() + "\n"
                                        + e.evaluation().get().statements());
                    }
                })));
    }

    @Test
    void templateIdsAreUnique() {
        List<String> ids = MessageCatalog.all().stream().map(MessageTemplate::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
    }

    @Test
    void everyTemplateHasAnExample() {
        for (MessageTemplate t : MessageCatalog.all()) {
            assertFalse(t.examples().isEmpty(), t.id());
        }
    }

    static boolean profileAvailable(String framework) {
        try {
            new Session(Frameworks.all()).resolve(framework, List.of());
            return true;
        } catch (NotationException e) {
            return false;
        }
    }
}
