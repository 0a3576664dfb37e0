package dev.shapes.framework.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.StatementResult;
import dev.shapes.eval.Value;
import dev.shapes.framework.Programs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Output shapes of the layers the recordings do not cover, each from the
 * layer's {@code compute_output_shape} in keras-team/keras (the file named
 * in the row); symbolic inputs keep Keras's {@code None} batch axis.
 */
class KerasShapesTest {

    record Row(String source, String dsl, String type) {}

    private static final List<Row> ROWS = List.of(
            new Row("keras/src/layers/pooling/base_pooling.py", "x = Input(shape=(28, 28, 32))\n"
                    + "h = MaxPooling2D()(x)", "f32[None, 14, 14, 32]"),
            new Row("keras/src/layers/pooling/base_pooling.py (padding=\"same\")", "x = Input(shape=(7, 7, 3))\n"
                    + "h = layers.AveragePooling2D(2, padding=\"same\")(x)", "f32[None, 4, 4, 3]"),
            new Row("keras/src/layers/pooling/base_global_pooling.py", "x = Input(shape=(10, 10, 8))\n"
                    + "h = layers.GlobalAveragePooling2D()(x)", "f32[None, 8]"),
            new Row("keras/src/layers/pooling/base_global_pooling.py (keepdims)", "x = Input(shape=(50, 16))\n"
                    + "h = layers.GlobalMaxPooling1D(keepdims=True)(x)", "f32[None, 1, 16]"),
            new Row("keras/src/layers/convolutional/base_conv.py (Conv1D, causal)", "x = Input(shape=(100, 1))\n"
                    + "h = layers.Conv1D(64, 3, padding=\"causal\")(x)", "f32[None, 100, 64]"),
            new Row("keras/src/layers/convolutional/base_conv.py (dilation)", "x = Input(shape=(32, 32, 3))\n"
                    + "h = Conv2D(8, 3, dilation_rate=2)(x)", "f32[None, 28, 28, 8]"),
            new Row("keras/src/layers/convolutional/base_conv_transpose.py", "x = Input(shape=(7, 7, 64))\n"
                    + "h = layers.Conv2DTranspose(8, 4, strides=2)(x)", "f32[None, 16, 16, 8]"),
            new Row("keras/src/layers/core/embedding.py", "x = Input(shape=(20,), dtype=\"int32\")\n"
                    + "h = Embedding(1000, 64)(x)", "f32[None, 20, 64]"),
            new Row("keras/src/layers/rnn/rnn.py (return_sequences)", "x = Input(shape=(20, 8))\n"
                    + "h = LSTM(32, return_sequences=True)(x)", "f32[None, 20, 32]"),
            new Row("keras/src/layers/rnn/rnn.py", "x = Input(shape=(20, 8))\nh = layers.GRU(16)(x)",
                    "f32[None, 16]"),
            new Row("keras/src/layers/rnn/bidirectional.py (merge_mode=\"concat\")", "x = Input(shape=(20, 8))\n"
                    + "h = layers.Bidirectional(LSTM(16))(x)", "f32[None, 32]"),
            new Row("keras/src/layers/rnn/time_distributed.py", "x = Input(shape=(5, 12))\n"
                    + "h = layers.TimeDistributed(Dense(3))(x)", "f32[None, 5, 3]"),
            new Row("keras/src/layers/reshaping/repeat_vector.py", "x = Input(shape=(12,))\n"
                    + "h = layers.RepeatVector(4)(x)", "f32[None, 4, 12]"),
            new Row("keras/src/layers/reshaping/permute.py", "x = Input(shape=(5, 12))\n"
                    + "h = layers.Permute((2, 1))(x)", "f32[None, 12, 5]"),
            new Row("keras/src/layers/reshaping/up_sampling2d.py", "x = Input(shape=(7, 7, 3))\n"
                    + "h = layers.UpSampling2D(2)(x)", "f32[None, 14, 14, 3]"),
            new Row("keras/src/layers/reshaping/zero_padding2d.py", "x = Input(shape=(28, 28, 1))\n"
                    + "h = layers.ZeroPadding2D(2)(x)", "f32[None, 32, 32, 1]"),
            new Row("keras/src/layers/merging/concatenate.py", "a = Input(shape=(3,))\nb = Input(shape=(5,))\n"
                    + "h = layers.Concatenate()([a, b])", "f32[None, 8]"),
            new Row("keras/src/layers/reshaping/reshape.py (-1 inferred)", "x = Input(shape=(784,))\n"
                    + "h = Reshape((28, -1))(x)", "f32[None, 28, 28]"),
            new Row("keras/src/layers/reshaping/flatten.py (unknown axis)", "x = Input(shape=(None, 4))\n"
                    + "h = Flatten()(x)", "f32[None, None]"));

    @TestFactory
    Stream<DynamicTest> outputShapes() {
        return ROWS.stream().map(r -> DynamicTest.dynamicTest(r.source() + ": " + r.type(), () -> {
            StatementResult result = Programs.last("use keras\n" + r.dsl());
            assertTrue(result.ok(), () -> "failed: " + result.failure().map(f -> f.message()).orElse(""));
            Value v = result.value().orElseThrow();
            assertTrue(v instanceof Value.TensorValue, () -> "not a tensor: " + v);
            assertEquals(r.type(), ((Value.TensorValue) v).tensor().typeString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> parameterCounts() {
        return Stream.of(
                DynamicTest.dynamicTest("Dense: in*units + units", () -> countIs(
                        "m = Sequential([Input(shape=(784,)), Dense(64)])", 50240)),
                DynamicTest.dynamicTest("Conv2D: kh*kw*cin*filters + filters", () -> countIs(
                        "m = Sequential([Input(shape=(28, 28, 1)), Conv2D(32, 3)])", 320)),
                DynamicTest.dynamicTest("LSTM: 4*(units*(in+units) + units)", () -> countIs(
                        "m = Sequential([Input(shape=(10, 8)), LSTM(16)])", 1600)),
                DynamicTest.dynamicTest("GRU (reset_after): 3*(units*(in+units) + 2*units)", () -> countIs(
                        "m = Sequential([Input(shape=(10, 8)), layers.GRU(16)])", 1248)),
                DynamicTest.dynamicTest("Embedding: input_dim*output_dim", () -> countIs(
                        "m = Sequential([Input(shape=(10,)), Embedding(1000, 8)])", 8000)),
                DynamicTest.dynamicTest("BatchNormalization: 4 per channel", () -> countIs(
                        "m = Sequential([Input(shape=(10,)), layers.BatchNormalization()])", 40)));
    }

    private static void countIs(String model, long expected) {
        StatementResult result = Programs.last("use keras\n" + model + "\nn = m.count_params()");
        assertEquals(new Value.IntValue(expected), result.value().orElseThrow(),
                () -> result.failure().map(f -> f.message()).orElse(""));
    }
}
