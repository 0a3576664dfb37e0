package dev.shapes.framework.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shapes.eval.CellResult;
import dev.shapes.eval.Interpreter;
import dev.shapes.eval.Session;
import dev.shapes.eval.StatementResult;
import dev.shapes.framework.Frameworks;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whole programs of the kind people post when Keras or TensorFlow rejects
 * them: the buggy version must fail with the framework's error (on the
 * expected line, with the expected text) and the fixed version must run clean.
 */
class KerasProgramsTest {

    /** A program pair: the failing line and a fragment of its text; the fix replaces lines. */
    record Pair(String name, String buggy, int line, String fragment, String fixed) {}

    private static final List<Pair> PAIRS = List.of(
            new Pair("categorical_crossentropy with integer labels", """
                    use keras
                    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
                    x_train = x_train.reshape(60000, 784).astype("float32") / 255
                    model = Sequential([Input(shape=(784,)), Dense(512, activation="relu"), Dropout(0.2), Dense(10, activation="softmax")])
                    model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
                    model.fit(x_train, y_train, batch_size=128, epochs=2)
                    """, 6, "must have the same rank (ndim). Received: target.shape=(128,), output.shape=(128, 10)", """
                    use keras
                    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
                    x_train = x_train.reshape(60000, 784).astype("float32") / 255
                    y_train = keras.utils.to_categorical(y_train, 10)
                    model = Sequential([Input(shape=(784,)), Dense(512, activation="relu"), Dropout(0.2), Dense(10, activation="softmax")])
                    model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
                    model.fit(x_train, y_train, batch_size=128, epochs=2)
                    """),
            new Pair("images not flattened for a Dense input", """
                    use keras
                    from keras.models import Sequential
                    from keras.layers import Dense
                    X: f32[1000, 28, 28]
                    y: i64[1000]
                    model = Sequential()
                    model.add(Dense(64, activation="relu", input_dim=784))
                    model.add(Dense(10, activation="softmax"))
                    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
                    model.fit(X, y, epochs=3)
                    """, 10, "Expected shape (None, 784), but input has incompatible shape (32, 28, 28)", """
                    use keras
                    from keras.models import Sequential
                    from keras.layers import Dense, Flatten
                    X: f32[1000, 28, 28]
                    y: i64[1000]
                    model = Sequential()
                    model.add(Flatten(input_shape=(28, 28)))
                    model.add(Dense(64, activation="relu"))
                    model.add(Dense(10, activation="softmax"))
                    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
                    model.fit(X, y, epochs=3)
                    """),
            new Pair("two-unit softmax with binary_crossentropy", """
                    use keras
                    X: f32[500, 20]
                    y: i64[500]
                    model = keras.Sequential([layers.Input(shape=(20,)), layers.Dense(16, activation="relu"), layers.Dense(2, activation="softmax")])
                    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
                    model.fit(X, y, epochs=5, batch_size=16)
                    """, 6, "target.shape=(16,), output.shape=(16, 2)", """
                    use keras
                    X: f32[500, 20]
                    y: i64[500]
                    model = keras.Sequential([layers.Input(shape=(20,)), layers.Dense(16, activation="relu"), layers.Dense(1, activation="sigmoid")])
                    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
                    model.fit(X, y, epochs=5, batch_size=16)
                    """),
            new Pair("LSTM fed 2-D data", """
                    use keras
                    import numpy as np
                    X: f32[200, 10]
                    y: f32[200]
                    model = Sequential()
                    model.add(LSTM(50, input_shape=(10,)))
                    model.add(Dense(1))
                    """, 6, "expected ndim=3, found ndim=2. Full shape received: (None, 10)", """
                    use keras
                    import numpy as np
                    X: f32[200, 10]
                    y: f32[200]
                    X = np.reshape(X, (X.shape[0], X.shape[1], 1))
                    model = Sequential()
                    model.add(LSTM(50, input_shape=(10, 1)))
                    model.add(Dense(1))
                    model.compile(optimizer="adam", loss="mse")
                    model.fit(X, y, epochs=2, batch_size=32)
                    """),
            new Pair("one-hot labels with sparse_categorical_crossentropy", """
                    use keras
                    X: f32[64, 8]
                    labels: i64[64]
                    y = to_categorical(labels, num_classes=3)
                    model = Sequential([Input(shape=(8,)), Dense(3, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y, batch_size=16)
                    """, 7, "Argument `output` must have rank (ndim) `target.ndim - 1`. Received: target.shape=(16, 3)", """
                    use keras
                    X: f32[64, 8]
                    labels: i64[64]
                    y = to_categorical(labels, num_classes=3)
                    model = Sequential([Input(shape=(8,)), Dense(3, activation="softmax")])
                    model.compile(loss="categorical_crossentropy", optimizer="adam")
                    model.fit(X, y, batch_size=16)
                    """),
            new Pair("X and y of different lengths", """
                    use keras
                    X: f32[100, 4]
                    y: f32[90]
                    model = Sequential([Input(shape=(4,)), Dense(1)])
                    model.compile(loss="mse", optimizer="sgd")
                    model.fit(X, y)
                    """, 6, "Data cardinality is ambiguous", """
                    use keras
                    X: f32[100, 4]
                    y: f32[90]
                    model = Sequential([Input(shape=(4,)), Dense(1)])
                    model.compile(loss="mse", optimizer="sgd")
                    model.fit(X[:90], y)
                    """),
            new Pair("regression targets with more columns than outputs", """
                    use keras
                    X: f32[50, 8]
                    y: f32[50, 3]
                    model = Sequential([Input(shape=(8,)), Dense(16, activation="relu"), Dense(2)])
                    model.compile(loss="mse", optimizer="adam")
                    model.fit(X, y, batch_size=10)
                    """, 6, "Dimensions must be equal, but are 3 and 2", """
                    use keras
                    X: f32[50, 8]
                    y: f32[50, 3]
                    model = Sequential([Input(shape=(8,)), Dense(16, activation="relu"), Dense(3)])
                    model.compile(loss="mse", optimizer="adam")
                    model.fit(X, y, batch_size=10)
                    """),
            new Pair("too many poolings for small images", """
                    use keras
                    model = Sequential([Input(shape=(8, 8, 1)), Conv2D(16, 3, activation="relu"), MaxPooling2D(2), Conv2D(32, 3, activation="relu"), MaxPooling2D(2), Flatten(), Dense(10, activation="softmax")])
                    """, 2, "Computed output size would be zero or negative", """
                    use keras
                    model = Sequential([Input(shape=(8, 8, 1)), Conv2D(16, 3, activation="relu", padding="same"), MaxPooling2D(2), Conv2D(32, 3, activation="relu", padding="same"), MaxPooling2D(2), Flatten(), Dense(10, activation="softmax")])
                    model.summary()
                    """),
            new Pair("predict on a single sample without a batch axis", """
                    use keras
                    x_test: f32[100, 784]
                    model = Sequential([Input(shape=(784,)), Dense(10, activation="softmax")])
                    p = model.predict(x_test[0])
                    """, 4, "Expected shape (None, 784), but input has incompatible shape (32,)", """
                    use keras
                    x_test: f32[100, 784]
                    model = Sequential([Input(shape=(784,)), Dense(10, activation="softmax")])
                    p = model.predict(x_test[0:1])
                    c = np.argmax(p, axis=1)
                    """),
            new Pair("grayscale images into an RGB model", """
                    use keras
                    X: f32[100, 64, 64]
                    y: i64[100]
                    model = Sequential([Input(shape=(64, 64, 3)), Conv2D(8, 3), Flatten(), Dense(2, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y)
                    """, 6, "Expected shape (None, 64, 64, 3), but input has incompatible shape (32, 64, 64)", """
                    use keras
                    X: f32[100, 64, 64]
                    y: i64[100]
                    model = Sequential([Input(shape=(64, 64, 1)), Conv2D(8, 3), Flatten(), Dense(2, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y)
                    """),
            new Pair("sequence labels against a per-sequence output", """
                    use keras
                    X: i32[300, 50]
                    y: i64[300]
                    model = Sequential([Input(shape=(50,)), Embedding(1000, 32), LSTM(32, return_sequences=True), Dense(5, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y, batch_size=30)
                    """, 6, "target.shape=(30,), output.shape=(30, 50, 5)", """
                    use keras
                    X: i32[300, 50]
                    y: i64[300]
                    model = Sequential([Input(shape=(50,)), Embedding(1000, 32), LSTM(32), Dense(5, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y, batch_size=30)
                    """),
            new Pair("Keras 3 optimizer argument lr", """
                    use keras
                    from keras.optimizers import Adam
                    model = Sequential([Input(shape=(4,)), Dense(1)])
                    model.compile(loss="mse", optimizer=Adam(lr=0.001))
                    """, 4, "Argument(s) not recognized: {'lr': 0.001}", """
                    use keras
                    from keras.optimizers import Adam
                    model = Sequential([Input(shape=(4,)), Dense(1)])
                    model.compile(loss="mse", optimizer=Adam(learning_rate=0.001))
                    """),
            new Pair("functional model with mismatched inputs", """
                    use keras
                    from tensorflow.keras.layers import Input, Dense, concatenate
                    from tensorflow.keras.models import Model
                    a = Input(shape=(10,))
                    b = Input(shape=(5,))
                    h = concatenate([a, b])
                    out = Dense(1, activation="sigmoid")(h)
                    model = Model(inputs=[a, b], outputs=out)
                    model.compile(loss="binary_crossentropy", optimizer="adam")
                    xa: f32[64, 10]
                    xb: f32[64, 5]
                    y: f32[64, 1]
                    model.fit([xb, xa], y, epochs=1)
                    """, 13, "expected shape=(None, 10), found shape=(32, 5)", """
                    use keras
                    from tensorflow.keras.layers import Input, Dense, concatenate
                    from tensorflow.keras.models import Model
                    a = Input(shape=(10,))
                    b = Input(shape=(5,))
                    h = concatenate([a, b])
                    out = Dense(1, activation="sigmoid")(h)
                    model = Model(inputs=[a, b], outputs=out)
                    model.compile(loss="binary_crossentropy", optimizer="adam")
                    xa: f32[64, 10]
                    xb: f32[64, 5]
                    y: f32[64, 1]
                    model.fit([xa, xb], y, epochs=1)
                    """),
            new Pair("stateful LSTM with a partial last batch", """
                    use keras
                    X: f32[1000, 10, 1]
                    y: f32[1000]
                    model = Sequential([Input(shape=(10, 1), batch_size=32), LSTM(16, stateful=True), Dense(1)])
                    model.compile(loss="mse", optimizer="adam")
                    model.fit(X, y, batch_size=32, shuffle=False)
                    """, 6, "- Received batch size: 8", """
                    use keras
                    X: f32[1000, 10, 1]
                    y: f32[1000]
                    model = Sequential([Input(shape=(10, 1), batch_size=32), LSTM(16, stateful=True), Dense(1)])
                    model.compile(loss="mse", optimizer="adam")
                    model.fit(X[:992], y[:992], batch_size=32, shuffle=False)
                    """),
            new Pair("labels outside the output's classes", """
                    use keras
                    X: f32[6, 4]
                    y: i64[6] = [1, 2, 3, 4, 5, 6]
                    model = Sequential([Input(shape=(4,)), Dense(6, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y, batch_size=3)
                    """, 6, "Received a label value of 6 which is outside the valid range of [0, 6).", """
                    use keras
                    X: f32[6, 4]
                    y: i64[6] = [1, 2, 3, 4, 5, 6]
                    y = y - 1
                    model = Sequential([Input(shape=(4,)), Dense(6, activation="softmax")])
                    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
                    model.fit(X, y, batch_size=3)
                    """),
            new Pair("TF 1 feed of a flat label vector", """
                    use tf 1
                    x: f32[None, 784]
                    y_: f32[None, 10]
                    W = tf.Variable(tf.zeros([784, 10]))
                    b = tf.Variable(tf.zeros([10]))
                    y = tf.matmul(x, W) + b
                    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
                    train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
                    sess = tf.Session()
                    sess.run(tf.global_variables_initializer())
                    batch_xs: f32[100, 784]
                    batch_ys: i64[100]
                    sess.run(train_step, feed_dict={x: batch_xs, y_: batch_ys})
                    """, 13, "Cannot feed value of shape (100,) for Tensor 'Placeholder_1:0', which has shape '(?, 10)'", """
                    use tf 1
                    x: f32[None, 784]
                    y_: f32[None, 10]
                    W = tf.Variable(tf.zeros([784, 10]))
                    b = tf.Variable(tf.zeros([10]))
                    y = tf.matmul(x, W) + b
                    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
                    train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
                    sess = tf.Session()
                    sess.run(tf.global_variables_initializer())
                    batch_xs: f32[100, 784]
                    batch_ys: i64[100]
                    sess.run(train_step, feed_dict={x: batch_xs, y_: np.eye(10)[batch_ys]})
                    """),
            new Pair("TF sparse labels given as one-hot", """
                    use tf
                    logits: f32[32, 10]
                    onehot: f32[32, 10]
                    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=onehot, logits=logits))
                    """, 4, "`labels.shape.rank` must equal `logits.shape.rank - 1`", """
                    use tf
                    logits: f32[32, 10]
                    onehot: f32[32, 10]
                    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.argmax(onehot, axis=1), logits=logits))
                    """));

    @TestFactory
    Stream<DynamicTest> buggyFailsFixedPasses() {
        return PAIRS.stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            List<StatementResult> buggy = run(p.buggy());
            Optional<StatementResult> failure = buggy.stream().filter(s -> s.failure().isPresent()).findFirst();
            assertTrue(failure.isPresent(), () -> "the buggy program ran clean: " + describe(buggy));
            StatementResult.Failure f = failure.get().failure().get();
            assertTrue(!f.notation(), () -> "the failure is the notation's, not the framework's: " + f.message());
            assertTrue(failure.get().span().line() == p.line(), () -> "failed on line " + failure.get().span().line()
                    + " instead of " + p.line() + ": " + f.message());
            assertTrue(f.message().contains(p.fragment()), () -> "expected the message to contain\n  " + p.fragment()
                    + "\ngot\n  " + f.message());
            List<StatementResult> fixed = run(p.fixed());
            assertTrue(fixed.stream().allMatch(StatementResult::ok), () -> "the fix fails: " + describe(fixed));
        }));
    }

    private static List<StatementResult> run(String program) {
        CellResult cell = new Interpreter(new Session(Frameworks.all())).run(program);
        return cell.statements();
    }

    private static String describe(List<StatementResult> results) {
        StringBuilder out = new StringBuilder();
        for (StatementResult r : results) {
            out.append("\n  ").append(r.span().line()).append(": ").append(r.source()).append(" -> ")
                    .append(r.failure().map(f -> f.type() + ": " + f.message()).orElse("ok"));
        }
        return out.toString();
    }
}
