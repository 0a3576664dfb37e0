package dev.shapes.framework.jax;

import static dev.shapes.framework.Programs.fails;
import static dev.shapes.framework.Programs.warns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.StatementResult;
import com.google.gson.JsonObject;
import dev.shapes.framework.Programs;
import dev.shapes.render.JsonRenderer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * JAX texts and behaviours the recording (cases-jax.jsonl) does not cover,
 * each taken from the JAX or optax source file named in the row.
 */
class JaxMessagesTest {

    private static final String DTYPES = "jax/_src/dtypes.py check_user_dtype_supported";
    private static final String LAX_NUMPY = "jax/_src/numpy/lax_numpy.py";
    private static final String ARRAY_METHODS = "jax/_src/numpy/array_methods.py _compute_newshape";
    private static final String LAX = "jax/_src/lax/lax.py";
    private static final String OPTAX = "optax/losses/_classification.py";

    @TestFactory
    Stream<DynamicTest> texts() {
        return Programs.tests(List.of(
                warns(DTYPES, "Explicitly requested dtype <class 'jax.numpy.int64'> requested in array is not "
                                + "available, and will be truncated to dtype int32. To enable more dtypes, set the "
                                + "jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell environment "
                                + "variable. See https://github.com/jax-ml/jax#current-gotchas for more.",
                        "use jax", "labels: i64[3] = [0, 1, 2]"),
                warns(DTYPES, "Explicitly requested dtype <class 'jax.numpy.float64'> requested in zeros is not "
                                + "available, and will be truncated to dtype float32. To enable more dtypes, set the "
                                + "jax_enable_x64 configuration option or the JAX_ENABLE_X64 shell environment "
                                + "variable. See https://github.com/jax-ml/jax#current-gotchas for more.",
                        "use jax", "z = jnp.zeros((2, 3), dtype=jnp.float64)"),
                fails(ARRAY_METHODS, "TypeError", "cannot reshape array of shape (4, 4) (size 16) into shape "
                        + "[5, 5] (size 25)", "use jax", "x: f32[4, 4]", "y = jnp.reshape(x, [5, 5])"),
                fails(ARRAY_METHODS, "TypeError", "can only specify one unknown axis size with a `-1` value, got "
                        + "(-1, -1)", "use jax", "x: f32[4, 4]", "y = x.reshape((-1, -1))"),
                fails(LAX + " canonicalize_axis (lax.squeeze)", "ValueError",
                        "axis 2 is out of bounds for array of dimension 2", "use jax", "x: i32[3, 1]",
                        "y = jnp.squeeze(x, axis=2)"),
                fails(LAX + " canonicalize_axis (lax.expand_dims)", "ValueError",
                        "axis 3 is out of bounds for array of dimension 3", "use jax", "x: i32[3, 1]",
                        "y = jnp.expand_dims(x, 3)"),
                fails(LAX + " expand_dims", "ValueError", "repeated axis in lax.expand_dims: (1, 1)", "use jax",
                        "x: i32[3]", "y = jnp.expand_dims(x, (1, 1))"),
                fails(LAX + " expand_dims", "ValueError", "repeated axis in lax.expand_dims: [2, 2]", "use jax",
                        "x: i32[3]", "y = jnp.expand_dims(x, (2, -1))"),
                fails(LAX_NUMPY + " take_along_axis", "TypeError",
                        "take_along_axis indices must be of integer type, got float32", "use jax",
                        "x: f32[3, 4]", "i: f32[3, 1]", "y = jnp.take_along_axis(x, i, axis=1)"),
                fails(LAX + " _broadcasting_shape_rule", "TypeError",
                        "sub got incompatible shapes for broadcasting: (3, 4), (3, 5).", "use jax", "a: f32[3, 4]",
                        "b: f32[3, 5]", "c = jnp.subtract(a, b)"),
                fails("jax/_src/numpy/array_methods.py _unimplemented_setitem", "TypeError",
                        "JAX arrays are immutable and do not support in-place item assignment. Instead of "
                                + "x[idx] = y, use x = x.at[idx].set(y) or another .at[] method: "
                                + "https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html",
                        "use jax", "x: f32[3] = [1.0, 2.0, 3.0]", "x[0] = 5.0"),
                fails(OPTAX + " check_subdtype", "TypeError", "Expected the input to have a dtype that is a "
                                + "subdtype of <class 'numpy.integer'>, got bool instead", "use jax",
                        "logits: f32[2, 3]", "labels: bool[2]",
                        "loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)")));
    }

    private static JsonObject json(String... lines) {
        StatementResult r = Programs.last(String.join("\n", lines));
        assertTrue(r.ok(), () -> JsonRenderer.statement(r).toString());
        return JsonRenderer.statement(r);
    }

    /** lax_numpy.py take_along_axis / indexing.py: gathers never raise for an index; "fill" reads NaN. */
    @Test
    void outOfRangeLabelsGiveNaNAndNegativeOnesWrap() {
        JsonObject r = json("use jax", "logits: f32[2, 3] = [[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]",
                "labels: i32[2] = [3, -1]", "loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)");
        assertTrue(Double.isNaN(r.getAsJsonArray("value").get(0).getAsDouble()), r.toString());
        assertEquals(0.40760595, r.getAsJsonArray("value").get(1).getAsDouble(), 1e-6);
    }

    /** indexing.py: an index array is normalised once, then clamped (the gather's "clip" mode). */
    @Test
    void fancyIndicesAreClamped() {
        JsonObject r = json("use jax", "x: f32[2, 3] = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]",
                "y = x[jnp.arange(2), jnp.array([7, -9])]");
        assertEquals("[3.0,4.0]", r.getAsJsonArray("value").toString());
    }

    /** nn/functions.py one_hot: the class axis goes where axis= says. */
    @Test
    void oneHotPlacesTheClassAxis() {
        JsonObject r = json("use jax", "y: i32[3] = [0, 2, 1]", "h = jax.nn.one_hot(y, 3, axis=0)");
        assertEquals("[[1.0,0.0,0.0],[0.0,0.0,1.0],[0.0,1.0,0.0]]", r.getAsJsonArray("value").toString());
    }

    /** JAX's promotion lattice: integers meet floats at the float, Python scalars are weak, int / int is float32. */
    @Test
    void promotionFollowsJaxsLattice() {
        assertEquals("\"f16\"", json("use jax", "a: i32[2] = [1, 2]", "b: f16[2] = [1.0, 2.0]", "c = a + b")
                .get("dtype").toString());
        assertEquals("\"i32\"", json("use jax", "a: i32[2] = [1, 2]", "c = a * 2").get("dtype").toString());
        assertEquals("\"f32\"", json("use jax", "a: i32[2] = [1, 2]", "c = a / a").get("dtype").toString());
        assertEquals("\"f32\"", json("use jax", "a: f16[2] = [1.0, 2.0]", "b: bf16[2] = [1.0, 2.0]", "c = a * b")
                .get("dtype").toString());
    }
}
