package dev.shapes.framework.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.framework.Frameworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras counts automatic names and TF names graph nodes per process; Shapes
 * counts them per session, and a forked session (used to verify fixes) counts
 * on a copy, so evaluating in a fork never shifts the names the session gives next.
 */
class ForkTest {

    private static Value last(Session session, String cell) {
        CellResult result = new Interpreter(session).run(cell);
        List<StatementResult> statements = result.statements();
        return statements.get(statements.size() - 1).value().orElseThrow();
    }

    @Test
    void layerNamesInAForkDoNotShiftTheSession() {
        Session session = new Session(Frameworks.all());
        last(session, "use keras\nd = Dense(3)");
        Session fork = session.fork();
        assertEquals(new Value.StrValue("dense_1"), last(fork, "e = Dense(3)\nn = e.name"));
        assertEquals(new Value.StrValue("dense_2"), last(fork, "e2 = layers.Dense(3)\nn = e2.name"));
        assertEquals(new Value.StrValue("dense_1"), last(session, "f = Dense(3)\nn = f.name"));
    }

    @Test
    void functionalModelsBuiltInAForkSeeTheSessionsTensors() {
        Session session = new Session(Frameworks.all());
        last(session, "use keras\nx = Input(shape=(4,))\nd = Dense(3)");
        Session fork = session.fork();
        Value out = last(fork, "h = d(x)\nm = keras.Model(x, h)\nz: f32[2, 4]\np = m(z)");
        assertEquals("f32[2, 3]", ((Value.TensorValue) out).tensor().typeString());
    }

    @Test
    void placeholderNamesInAForkDoNotShiftTheSession() {
        Session session = new Session(Frameworks.all());
        last(session, "use tf 1\nx: f32[None, 3]");
        Session fork = session.fork();
        assertEquals(new Value.StrValue("Placeholder_1:0"), last(fork, "y: f32[None, 3]\nn = y.name"));
        assertEquals(new Value.StrValue("Placeholder_1:0"), last(session, "z: f32[None, 3]\nn = z.name"));
    }
}
