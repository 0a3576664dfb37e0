package dev.shapes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pasted output the way users paste it into a question: whole tracebacks,
 * Jupyter's coloured output, CUDA assert lines before the exception, TF's
 * {@code {{function_node ...}}} prefixes, tf.keras {@code (None, 10)} shapes,
 * older PyTorch texts. explain must find the message, name its framework,
 * version and kind, and reproduce it wherever the framework's profile exists.
 */
class PastedTracebackTest {

    private static final String ESC = "\u001B";

    static Stream<Arguments> tracebacks() {
        return Stream.of(
                Arguments.of("torch 1.x training loop, extra label axis", """
                        Traceback (most recent call last):
                          File "train.py", line 58, in <module>
                            loss = criterion(outputs, labels)
                          File "/home/user/.local/lib/python3.8/site-packages/torch/nn/modules/module.py", line 1102, in _call_impl
                            return forward_call(*input, **kwargs)
                          File "/home/user/.local/lib/python3.8/site-packages/torch/nn/modules/loss.py", line 1150, in forward
                            return F.cross_entropy(input, target, weight=self.weight,
                          File "/home/user/.local/lib/python3.8/site-packages/torch/nn/functional.py", line 2846, in cross_entropy
                            return torch._C._nn.cross_entropy_loss(input, target, weight, _Reduction.get_enum(reduction), ignore_index, label_smoothing)
                        RuntimeError: 1D target tensor expected, multi-target not supported
                        """, "torch", "1.x", Kind.LABEL_RANK),
                Arguments.of("Jupyter output with ANSI colours", ESC + "[0;31m------------------------------------------"
                        + "---------------------------------" + ESC + "[0m\n" + ESC + "[0;31mValueError" + ESC + "[0m"
                        + "                                Traceback (most recent call last)\nCell " + ESC + "[0;32mIn[12], line 3"
                        + ESC + "[0m\n" + ESC + "[1;32m----> 3" + ESC + "[0m loss " + ESC + "[38;5;241m=" + ESC
                        + "[39m criterion(out, y)\n\n" + ESC + "[0;31mValueError" + ESC + "[0m: Expected input "
                        + "batch_size (64) to match target batch_size (32).\n", "torch", "2.x", Kind.BATCH_SIZE),
                Arguments.of("CUDA assert before the exception", """
                        /opt/conda/conda-bld/pytorch_1616554793803/work/aten/src/THCUNN/ClassNLLCriterion.cu:108: cunn_ClassNLLCriterion_updateOutput_kernel: block: [0,0,0], thread: [7,0,0] Assertion `t >= 0 && t < n_classes` failed.
                        /opt/conda/conda-bld/pytorch_1616554793803/work/aten/src/THCUNN/ClassNLLCriterion.cu:108: cunn_ClassNLLCriterion_updateOutput_kernel: block: [0,0,0], thread: [9,0,0] Assertion `t >= 0 && t < n_classes` failed.
                        Traceback (most recent call last):
                          File "main.py", line 91, in <module>
                            loss.backward()
                        RuntimeError: CUDA error: device-side assert triggered
                        """, "torch", "1.x", Kind.LABEL_RANGE),
                Arguments.of("bare CUDA error", "RuntimeError: CUDA error: device-side assert triggered\nCUDA kernel "
                        + "errors might be asynchronously reported at some other API call,so the stacktrace below might "
                        + "be incorrect.\nFor debugging consider passing CUDA_LAUNCH_BLOCKING=1.", "torch", "2.x",
                        Kind.LABEL_RANGE),
                Arguments.of("THNN-era dtype message", "RuntimeError: Expected object of scalar type Long but got scalar "
                        + "type Float for argument #2 'target' in call to _thnn_nll_loss_forward", "torch", "1.x",
                        Kind.DTYPE),
                Arguments.of("1.13 dtype message with the C++ tail", """
                        RuntimeError: expected scalar type Long but found Float
                        Exception raised from nll_loss_out_frame at ../aten/src/ATen/native/LossNLL.cpp:215 (most recent call first):
                        frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0x57 (0x7f...)
                        """, "torch", "1.x", Kind.DTYPE),
                Arguments.of("BCE with a vector target", "ValueError: Using a target size (torch.Size([16])) that is "
                        + "different to the input size (torch.Size([16, 1])) is deprecated. Please ensure they have "
                        + "the same size.", "torch", "2.x", Kind.LABEL_RANK),
                Arguments.of("BCEWithLogits binary vs two columns", "ValueError: Target size (torch.Size([64, 2])) must "
                        + "be the same as input size (torch.Size([64, 1]))", "torch", "2.x", Kind.CLASS_COUNT),
                Arguments.of("MSE warning then the broadcast error (Windows paths)", """
                        C:\\Users\\me\\anaconda3\\lib\\site-packages\\torch\\nn\\modules\\loss.py:528: UserWarning: Using a target size (torch.Size([64, 5])) that is different to the input size (torch.Size([64, 10])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.
                          return F.mse_loss(input, target, reduction=self.reduction)
                        Traceback (most recent call last):
                          File "C:\\Users\\me\\project\\train.py", line 40, in <module>
                            loss = criterion(pred, y)
                        RuntimeError: The size of tensor a (10) must match the size of tensor b (5) at non-singleton dimension 1
                        """, "torch", "2.x", Kind.BROADCAST),
                Arguments.of("sequence model, classes last", "RuntimeError: Expected target size [32, 10], got [32, 50]",
                        "torch", "2.x", Kind.CLASS_COUNT),
                Arguments.of("old functional.py target size", "ValueError: Expected target size (50, 88), got "
                        + "torch.Size([50, 288, 88])", "torch", "1.x", Kind.LABEL_ENCODING),
                Arguments.of("flatten size in a CNN", "RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x9216 "
                        + "and 4608x128)", "torch", "2.x", Kind.OTHER),
                Arguments.of("old addmm size mismatch", "RuntimeError: size mismatch, m1: [64 x 800], m2: [512 x 10] at "
                        + "/pytorch/aten/src/TH/generic/THTensorMath.cpp:41", "torch", "1.x", Kind.OTHER),
                Arguments.of("label out of range on CPU", "IndexError: Target 5 is out of bounds.", "torch", "2.x",
                        Kind.LABEL_RANGE),
                Arguments.of("one-hot long labels", "RuntimeError: Expected floating point type for target with class "
                        + "probabilities, got Long", "torch", "2.x", Kind.LABEL_ENCODING),
                Arguments.of("tf.keras 2 fit, integer labels into categorical_crossentropy", """
                        ValueError: in user code:

                            File "/usr/local/lib/python3.10/dist-packages/keras/engine/training.py", line 1284, in train_function  *
                                return step_function(self, iterator)
                            File "/usr/local/lib/python3.10/dist-packages/keras/losses.py", line 1990, in categorical_crossentropy
                                return backend.categorical_crossentropy(
                            File "/usr/local/lib/python3.10/dist-packages/keras/backend.py", line 5559, in categorical_crossentropy
                                target.shape.assert_is_compatible_with(output.shape)

                            ValueError: Shapes (None, 1) and (None, 10) are incompatible
                        """, "keras", "2.x", Kind.LABEL_ENCODING),
                Arguments.of("tf.keras 2 sparse loss with one-hot labels", """
                        InvalidArgumentError:  logits and labels must have the same first dimension, got logits shape [32,10] and labels shape [320]
                        	 [[node sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits (defined at /tmp/ipykernel_33/3041.py:5) ]] [Op:__inference_train_function_1034]
                        """, "keras", "2.x", Kind.LABEL_ENCODING),
                Arguments.of("TF eager with a function_node prefix", "tensorflow.python.framework.errors_impl."
                        + "InvalidArgumentError: {{function_node __wrapped__SparseSoftmaxCrossEntropyWithLogits_device_"
                        + "/job:localhost/replica:0/task:0/device:CPU:0}} Received a label value of 10 which is outside "
                        + "the valid range of [0, 10).  Label values: 3 10 2 [Op:SparseSoftmaxCrossEntropyWithLogits] "
                        + "name: ", "tf", "2.x", Kind.LABEL_RANGE),
                Arguments.of("Keras 3 graph execution error", """
                        InvalidArgumentError: Graph execution error:

                        Detected at node compile_loss/sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits defined at (most recent call last):
                          File "train.py", line 30, in <module>

                        Received a label value of 8 which is outside the valid range of [0, 4).  Label values: 8 8 8 8
                        	 [[{{node compile_loss/sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits}}]] [Op:__inference_one_step_on_iterator_1290]
                        """, "keras", "3.x", Kind.LABEL_RANGE),
                Arguments.of("Keras 3 categorical loss with a label column", "ValueError: Arguments `target` and `output` "
                        + "must have the same shape. Received: target.shape=(None, 1), output.shape=(None, 10)", "keras",
                        "3.x", Kind.LABEL_ENCODING),
                Arguments.of("Keras 3 sparse loss with one-hot labels", "ValueError: Argument `output` must have rank "
                        + "(ndim) `target.ndim - 1`. Received: target.shape=(None, 10), output.shape=(None, 10)", "keras",
                        "3.x", Kind.LABEL_ENCODING),
                Arguments.of("Keras 3 torch backend shapes", "ValueError: Arguments `target` and `output` must have the "
                        + "same shape. Received: target.shape=torch.Size([32, 5]), output.shape=torch.Size([32, 10])",
                        "keras", "3.x", Kind.CLASS_COUNT),
                Arguments.of("tf.keras 2 Dense input width", "ValueError: Input 0 of layer \"dense\" is incompatible with "
                        + "the layer: expected axis -1 of input shape to have value 784, but received input with shape "
                        + "(None, 28, 28)", "keras", "3.x", Kind.OTHER),
                Arguments.of("tf.keras 2 cardinality", """
                        ValueError: Data cardinality is ambiguous:
                          x sizes: 60000
                          y sizes: 10000
                        Make sure all arrays contain the same number of samples.
                        """, "keras", "2.x", Kind.BATCH_SIZE),
                Arguments.of("tf.nn sigmoid, old text", "ValueError: logits and labels must have the same shape ((None, 1) "
                        + "vs (None, 10))", "tf", "1.x", Kind.CLASS_COUNT),
                Arguments.of("fit with a wrong output width (graph)", "ValueError: Dimensions must be equal, but are 6 and 5 "
                        + "for '{{node compile_loss/mean_squared_error/sub}} = Sub[T=DT_FLOAT](data_1, "
                        + "sequential_1/dense_1_2/BiasAdd)' with input shapes: [4,6], [4,5].", "keras", "3.x",
                        Kind.CLASS_COUNT),
                Arguments.of("NumPy broadcast in a hand-written loss", """
                        Traceback (most recent call last):
                          File "loss.py", line 12, in <module>
                            diff = probs - y_onehot
                        ValueError: operands could not be broadcast together with shapes (32,10) (32,5)\s
                        """, "numpy", "2.x", Kind.BROADCAST),
                Arguments.of("NumPy fancy indexing with the wrong batch", "IndexError: shape mismatch: indexing arrays "
                        + "could not be broadcast together with shapes (64,) (32,) ", "numpy", "2.x", Kind.BATCH_SIZE),
                Arguments.of("NumPy 1.x boolean mask", "IndexError: boolean index did not match indexed array along "
                        + "dimension 0; dimension is 32 but corresponding boolean dimension is 16", "numpy", "1.x",
                        Kind.BATCH_SIZE),
                Arguments.of("optax integer labels with a label column, through take_along_axis", OPTAX_TRACEBACK,
                        "jax", "0.10", Kind.LABEL_RANK),
                Arguments.of("jnp broadcasting in a hand-written loss", """
                        Traceback (most recent call last):
                          File "/home/me/loss.py", line 9, in <module>
                            diff = probs - y_onehot
                          File "/home/me/.venv/lib/python3.11/site-packages/jax/_src/numpy/array_methods.py", line 1083, in op
                            return getattr(self.aval, f"_{name}")(self, *args)
                        TypeError: sub got incompatible shapes for broadcasting: (32, 10), (32, 5).
                        """, "jax", "0.10", Kind.BROADCAST),
                Arguments.of("optax's dtype check on float class ids", """
                          File "/home/me/.venv/lib/python3.11/site-packages/optax/losses/_classification.py", line 248, in softmax_cross_entropy_with_integer_labels
                            chex.assert_type([labels], int)
                          File "/home/me/.venv/lib/python3.11/site-packages/optax/_src/utils.py", line 78, in check_subdtype
                        TypeError: Expected the input to have a dtype that is a subdtype of <class 'numpy.integer'>, got float32 instead
                        """, "jax", "0.10", Kind.DTYPE),
                Arguments.of("jnp.sum over an axis past the last, through jax/_src/numpy", """
                          File "/home/me/.venv/lib/python3.11/site-packages/jax/_src/numpy/reductions.py", line 268, in sum
                        ValueError: axis 2 is out of bounds for array of dimension 2
                        """, "jax", "0.10", Kind.OTHER));
    }

    /** A real optax traceback: the message comes from jnp.take_along_axis, inside the integer-label loss. */
    private static final String OPTAX_TRACEBACK = """
            Traceback (most recent call last):
              File "/home/me/train.py", line 31, in <module>
                loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()
              File "/home/me/.venv/lib/python3.11/site-packages/optax/losses/_classification.py", line 253, in softmax_cross_entropy_with_integer_labels
                label_logits = jnp.take_along_axis(
              File "/home/me/.venv/lib/python3.11/site-packages/jax/_src/numpy/lax_numpy.py", line 11245, in take_along_axis
                raise ValueError("indices and arr must have the same number of dimensions; "
            ValueError: indices and arr must have the same number of dimensions; 3 vs. 2
            """;

    @Test
    void aPastedOptaxErrorIsExplainedWithFixesVerifiedUnderJax() {
        Explanation e = Explainer.explainMessage(OPTAX_TRACEBACK);
        assertEquals("jax.take-along-axis", e.templateId().orElseThrow());
        assertEquals("ValueError", e.exceptionType().orElseThrow());
        // the traceback says optax's integer-label loss raised it: the reproduction calls that loss
        String repro = e.repro().orElseThrow();
        assertTrue(repro.startsWith("use jax\n") && repro.contains("optax.softmax_cross_entropy_with_integer_labels"),
                repro);
        assertTrue(e.reproduced(), () -> repro + "\n" + e.evaluation().orElseThrow().statements());
        Diagnosis d = e.diagnosis().orElseThrow();
        assertEquals(Kind.LABEL_RANK, d.kind());
        assertTrue(d.summary().startsWith("`labels` [4, 1] has a trailing axis of size 1"), d.summary());
        assertEquals(List.of("labels.squeeze(-1)", "labels[:, 0]", "labels.reshape(-1)"),
                e.fixes().stream().map(Fix::code).toList());
        assertTrue(e.fixes().stream().allMatch(Fix::verified));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tracebacks")
    void recognisesPastedOutput(String what, String pasted, String framework, String version, Kind kind) {
        Explanation e = Explainer.explainMessage(pasted);
        assertTrue(e.recognized(), "not recognised");
        assertEquals(framework, e.framework().orElseThrow(), "framework");
        assertEquals(version, e.version().orElseThrow(), "version");
        assertEquals(kind, e.kind().orElseThrow(), "kind");
        assertTrue(e.repro().orElseThrow().startsWith("use " + framework), e.repro().get());
        if (MessageCatalogTest.profileAvailable(framework)) {
            assertTrue(e.reproduced(), () -> "not reproduced by\n" + e.repro().get() + "\n"
                    + e.evaluation().orElseThrow().statements());
        }
        if (framework.equals("torch") || framework.equals("jax")) {
            assertFalse(e.fixes().isEmpty(), () -> "no verified fix for\n" + e.repro().get());
        }
    }

    @Test
    void theExceptionTypeAndMessageLineAreKeptVerbatim() {
        Explanation e = Explainer.explainMessage("Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                + "ValueError: Expected input batch_size (8) to match target batch_size (4).\n");
        assertEquals("ValueError", e.exceptionType().orElseThrow());
        assertEquals("Expected input batch_size (8) to match target batch_size (4).", e.message().orElseThrow());
    }

    @Test
    void anUnknownMessageIsNotRecognisedButGetsTheClosestKnownKinds() {
        Explanation e = Explainer.explainMessage("RuntimeError: Given groups=1, weight of size [64, 3, 3, 3], expected "
                + "input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead");
        assertFalse(e.recognized());
        assertEquals(3, e.closest().size());
        assertTrue(e.repro().isEmpty());
    }

    @Test
    void theLastMessageOfAChainedTracebackWins() {
        Explanation e = Explainer.explainMessage("""
                RuntimeError: 0D or 1D target tensor expected, multi-target not supported

                During handling of the above exception, another exception occurred:

                ValueError: Expected input batch_size (32) to match target batch_size (16).
                """);
        assertEquals(Kind.BATCH_SIZE, e.kind().orElseThrow());
    }
}
