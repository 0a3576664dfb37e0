package dev.shapes.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3, tf.keras 2.x and TensorFlow messages (framework-messages.md §2-4).
 * Reproductions use {@code use keras} (Keras 3 on TensorFlow),
 * {@code use keras 2} (tf.keras 2.x texts) and {@code use tf}, spelled like
 * the recorded cases in the oracle so they run once those profiles exist.
 */
final class KerasMessages {

    /** A Python shape as Keras and TF print it: {@code (32, 10)}, {@code (None, 10)}, {@code (32,)}, {@code torch.Size([32, 10])}. */
    static final String PY_SHAPE = "(?:torch\\.Size\\(\\[[\\d, ]*\\]\\)|\\((?:(?:None|\\d+)(?:, ?(?:None|\\d+))*,?)?\\))";
    /** A TF kernel shape: {@code [32,10]}, {@code [?,10]}. */
    static final String KERNEL_SHAPE = "\\[[\\d,?\\- ]*\\]";

    private KerasMessages() {}

    static List<MessageTemplate> all() {
        List<MessageTemplate> t = new ArrayList<>();
        t.add(MessageTemplate.of("keras.same-shape", "keras", Kind.OTHER)
                .pattern("Arguments `target` and `output` must have the same shape\\. Received: target\\.shape=(?<target>"
                        + PY_SHAPE + "), output\\.shape=(?<output>" + PY_SHAPE + ")", "3.x")
                .kind(f -> PairKind.of(f.shape("output", List.of()), f.shape("target", List.of()), Kind.OTHER))
                .example("ValueError: Arguments `target` and `output` must have the same shape. Received: "
                        + "target.shape=(None, 1), output.shape=(None, 10)")
                .repro((f, fw, v) -> {
                    List<String> output = f.shape("output", List.of("32", "10"));
                    List<String> target = f.shape("target", List.of("32", "1"));
                    boolean indices = target.size() == output.size() && last(target).equals("1") && !last(output).equals("1");
                    String loss = last(output).equals("1") ? "keras.losses.BinaryCrossentropy()"
                            : "keras.losses.CategoricalCrossentropy()";
                    return Repro.of("keras", Facts.declare("probs", "f32", output) + "\n"
                            + Facts.declare("labels", indices ? "i64" : "f32", target) + "\nloss = " + loss
                            + "(labels, probs)");
                }));
        t.add(MessageTemplate.of("keras.same-rank", "keras", Kind.OTHER)
                .pattern("Arguments `target` and `output` must have the same rank \\(ndim\\)\\. Received: target\\.shape="
                        + "(?<target>" + PY_SHAPE + "), output\\.shape=(?<output>" + PY_SHAPE + ")", "3.x")
                .kind(f -> PairKind.of(f.shape("output", List.of()), f.shape("target", List.of()), Kind.LABEL_RANK))
                .example("ValueError: Arguments `target` and `output` must have the same rank (ndim). Received: "
                        + "target.shape=(32,), output.shape=(32, 10)")
                .repro((f, fw, v) -> {
                    List<String> output = f.shape("output", List.of("32", "10"));
                    List<String> target = f.shape("target", List.of("32"));
                    if (last(output).equals("1") || last(target).equals("1") || output.size() < target.size()) {
                        return Repro.of("keras", Facts.declare("logits", "f32", output) + "\n"
                                + Facts.declare("labels", "f32", target)
                                + "\nloss = keras.losses.binary_crossentropy(labels, logits, from_logits=True)");
                    }
                    return Repro.of("keras", Facts.declare("logits", "f32", output) + "\n"
                            + Facts.declare("labels", "i64", target)
                            + "\nloss = keras.losses.categorical_crossentropy(labels, logits, from_logits=True)");
                }));
        t.add(MessageTemplate.of("keras.sparse-rank", "keras", Kind.LABEL_ENCODING)
                .pattern("Argument `output` must have rank \\(ndim\\) `target\\.ndim - 1`\\. Received: target\\.shape="
                        + "(?<target>" + PY_SHAPE + "), output\\.shape=(?<output>" + PY_SHAPE + ")", "3.x")
                .kind(f -> f.shape("output", List.of()).size() < f.shape("target", List.of()).size() - 1
                        || f.shape("output", List.of()).size() == 1 ? Kind.OTHER : Kind.LABEL_ENCODING)
                .example("ValueError: Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                        + "target.shape=(32, 10), output.shape=(32, 10)")
                .repro((f, fw, v) -> {
                    List<String> output = f.shape("output", List.of("32", "10"));
                    List<String> target = f.shape("target", List.of("32", "10"));
                    if (output.size() < target.size()) {
                        // the arguments were given in PyTorch's (prediction, label) order
                        return Repro.of("keras", Facts.declare("logits", "f32", target) + "\n"
                                + Facts.declare("labels", "i64", output)
                                + "\nloss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(logits, labels)");
                    }
                    return Repro.of("keras", Facts.declare("probs", "f32", output) + "\n"
                            + Facts.declare("labels", "f32", target)
                            + "\nloss = keras.losses.sparse_categorical_crossentropy(labels, probs)");
                }));
        t.add(MessageTemplate.of("keras.sparse-leading-shape", "keras", Kind.BATCH_SIZE)
                .pattern("Arguments `target` and `output` must have the same shape up until the last dimension: "
                        + "target\\.shape=(?<target>" + PY_SHAPE + "), output\\.shape=(?<output>" + PY_SHAPE + ")", "3.x")
                .kind(f -> {
                    List<String> target = f.shape("target", List.of());
                    List<String> output = f.shape("output", List.of());
                    return PairKind.same(target, output) ? Kind.LABEL_ENCODING
                            : PairKind.of(output, target, Kind.BATCH_SIZE);
                })
                .example("ValueError: Arguments `target` and `output` must have the same shape up until the last "
                        + "dimension: target.shape=(16,), output.shape=(32, 10)")
                .repro((f, fw, v) -> Repro.of("keras", Facts.declare("logits", "f32", f.shape("output", List.of("32", "10")))
                        + "\n" + Facts.declare("labels", "i64", f.shape("target", List.of("16")))
                        + "\nloss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)")));
        t.add(MessageTemplate.of("keras2.incompatible-shapes", "keras", Kind.OTHER)
                .alsoIn("tf")
                .pattern("Shapes (?<target>" + PY_SHAPE + ") and (?<output>" + PY_SHAPE + ") are incompatible", "2.x")
                .kind(f -> PairKind.of(f.shape("output", List.of()), f.shape("target", List.of()), Kind.OTHER))
                .example("ValueError: Shapes (None, 1) and (None, 10) are incompatible")
                .repro((f, fw, v) -> {
                    List<String> output = f.shape("output", List.of("None", "10"));
                    List<String> target = f.shape("target", List.of("None", "1"));
                    boolean indices = last(target).equals("1") && !last(output).equals("1");
                    return new Repro("keras", "2", Facts.declare("probs", "f32", output) + "\n"
                            + Facts.declare("labels", indices ? "i64" : "f32", target)
                            + "\nloss = keras.losses.categorical_crossentropy(labels, probs)");
                }));
        t.add(MessageTemplate.of("tf.label-range", "keras", Kind.LABEL_RANGE)
                .alsoIn("tf")
                .pattern("Received a label value of (?<label>-?\\d+) which is outside the valid range of \\[0, "
                        + "(?<classes>\\d+)\\)")
                .example("InvalidArgumentError: Received a label value of 10 which is outside the valid range of [0, 10).  "
                        + "Label values: 3 10 2 7")
                .repro((f, fw, v) -> {
                    long classes = f.number("classes", 10);
                    long label = f.number("label", classes);
                    String probs = classes <= 16 ? Facts.declare("probs", "f32", List.of("2", String.valueOf(classes)))
                            + " = " + uniformRows(2, classes) : "probs: f32[2, " + classes + "]";
                    if (fw.equals("tf")) {
                        return Repro.of("tf", probs.replace("probs", "logits") + "\nlabels: i64[2] = [0, " + label + "]\n"
                                + "loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)");
                    }
                    return new Repro("keras", v.equals("2.x") ? "2" : "", probs + "\nlabels: i64[2] = [0, " + label + "]\n"
                            + "loss = keras.losses.sparse_categorical_crossentropy(labels, probs)");
                }));
        t.add(MessageTemplate.of("tf.first-dimension", "keras", Kind.BATCH_SIZE)
                .alsoIn("tf")
                .pattern("logits and labels must have the same first dimension, got logits shape (?<logits>"
                        + KERNEL_SHAPE + ") and labels shape (?<labels>" + KERNEL_SHAPE + ")", "2.x")
                .kind(f -> {
                    List<String> logits = f.shape("logits", List.of());
                    List<String> labels = f.shape("labels", List.of());
                    return isFlattenedOneHot(logits, labels) ? Kind.LABEL_ENCODING : Kind.BATCH_SIZE;
                })
                .example("InvalidArgumentError: logits and labels must have the same first dimension, got logits shape "
                        + "[32,10] and labels shape [320]")
                .example("InvalidArgumentError: logits and labels must have the same first dimension, got logits shape "
                        + "[1568,5] and labels shape [32]")
                .repro((f, fw, v) -> {
                    List<String> logits = f.shape("logits", List.of("32", "10"));
                    List<String> labels = f.shape("labels", List.of("320"));
                    if (isFlattenedOneHot(logits, labels)) {
                        return new Repro("keras", "2", Facts.declare("probs", "f32", logits) + "\n"
                                + Facts.declare("labels", "f32", logits)
                                + "\nloss = keras.losses.sparse_categorical_crossentropy(labels, probs)");
                    }
                    // a model whose output keeps spatial axes: tf.keras 2 flattens them into the batch
                    long rows = Long.parseLong(Facts.known(logits) ? logits.get(0) : "1568");
                    long batch = Facts.known(labels) && !labels.isEmpty() ? Long.parseLong(labels.get(0)) : 32;
                    long spatial = batch > 0 && rows % batch == 0 ? rows / batch : 1;
                    long side = Math.round(Math.sqrt(spatial));
                    String space = side * side == spatial ? side + ", " + side : spatial + ", 1";
                    return new Repro("keras", "2", "output: f32[" + batch + ", " + space + ", " + last(logits) + "]\n"
                            + "labels: i64[" + batch + "]\n"
                            + "loss = keras.losses.sparse_categorical_crossentropy(labels, output)");
                }));
        t.add(MessageTemplate.of("tf.sparse-rank", "tf", Kind.LABEL_RANK)
                .pattern("`labels\\.shape\\.rank` must equal `logits\\.shape\\.rank - 1`\\. Received: labels\\.shape="
                        + "(?<labels>" + PY_SHAPE + ") of rank \\d+ and logits\\.shape=(?<logits>" + PY_SHAPE + ")")
                .pattern("Rank mismatch: Rank of labels \\(received (?<labelsRank>\\d+)\\) should equal rank of logits "
                        + "minus 1 \\(received (?<logitsRank>\\d+)\\)", "1.x")
                .kind(f -> {
                    List<String> labels = f.shape("labels", List.of("32", "1"));
                    List<String> logits = f.shape("logits", List.of("32", "10"));
                    return labels.size() == logits.size() && !last(labels).equals("1") ? Kind.LABEL_ENCODING
                            : Kind.LABEL_RANK;
                })
                .example("ValueError: `labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                        + "labels.shape=(32, 1) of rank 2 and logits.shape=(32, 10) of rank 2")
                .example("ValueError: Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 "
                        + "(received 2).")
                .repro((f, fw, v) -> {
                    List<String> labels = f.shape("labels", List.of("32", "1"));
                    List<String> logits = f.shape("logits", List.of("32", "10"));
                    boolean oneHot = labels.size() == logits.size() && !last(labels).equals("1");
                    return Repro.of("tf", Facts.declare("logits", "f32", logits) + "\n"
                            + Facts.declare("labels", oneHot ? "f32" : "i64", labels)
                            + "\nloss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)");
                }));
        t.add(MessageTemplate.of("tf.sparse-shape", "tf", Kind.BATCH_SIZE)
                .pattern("`labels\\.shape` must equal `logits\\.shape` except for the last dimension\\. Received: "
                        + "labels\\.shape=(?<labels>" + PY_SHAPE + ") and logits\\.shape=(?<logits>" + PY_SHAPE + ")")
                .pattern("Shape mismatch: The shape of labels \\(received (?<labels>" + PY_SHAPE + ")\\) should equal "
                        + "the shape of logits except for the last dimension \\(received (?<logits>" + PY_SHAPE + ")\\)",
                        "1.x")
                .example("ValueError: `labels.shape` must equal `logits.shape` except for the last dimension. Received: "
                        + "labels.shape=(16,) and logits.shape=(32, 10)")
                .example("ValueError: Shape mismatch: The shape of labels (received (16,)) should equal the shape of "
                        + "logits except for the last dimension (received (32, 10)).")
                .repro((f, fw, v) -> Repro.of("tf", Facts.declare("logits", "f32", f.shape("logits", List.of("32", "10")))
                        + "\n" + Facts.declare("labels", "i64", f.shape("labels", List.of("16")))
                        + "\nloss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)")));
        t.add(MessageTemplate.of("tf.broadcastable", "tf", Kind.CLASS_COUNT)
                .alsoIn("keras")
                .pattern("logits and labels must be broadcastable: logits_size=(?<logits>" + KERNEL_SHAPE
                        + ") labels_size=(?<labels>" + KERNEL_SHAPE + ")")
                .pattern("logits and labels must be same size: logits_size=(?<logits>" + KERNEL_SHAPE
                        + ") labels_size=(?<labels>" + KERNEL_SHAPE + ")", "1.x")
                .kind(f -> {
                    List<String> logits = f.shape("logits", List.of("32", "10"));
                    List<String> labels = f.shape("labels", List.of("32", "5"));
                    if (labels.size() == 2 && labels.get(0).equals("1") && labels.get(1).equals(logits.get(0))) {
                        return Kind.LABEL_ENCODING;
                    }
                    return PairKind.of(logits, labels, Kind.CLASS_COUNT);
                })
                .example("InvalidArgumentError: logits and labels must be broadcastable: logits_size=[32,10] "
                        + "labels_size=[32,5]")
                .repro((f, fw, v) -> {
                    List<String> logits = f.shape("logits", List.of("32", "10"));
                    List<String> labels = f.shape("labels", List.of("32", "5"));
                    String labelDecl = labels.size() == 2 && labels.get(0).equals("1")
                            && labels.get(1).equals(logits.get(0)) && !logits.get(0).equals("1")
                            ? "labels: i64[" + labels.get(1) + "]" : Facts.declare("labels", "f32", labels);
                    return Repro.of("tf", Facts.declare("logits", "f32", logits) + "\n" + labelDecl
                            + "\nloss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)");
                }));
        t.add(MessageTemplate.of("tf.sigmoid-shape", "tf", Kind.OTHER)
                .alsoIn("keras")
                .pattern("`logits` and `labels` must have the same shape, received \\((?<logits>" + PY_SHAPE + ") vs "
                        + "(?<labels>" + PY_SHAPE + ")\\)")
                .pattern("logits and labels must have the same shape \\((?<logits>" + PY_SHAPE + ") vs (?<labels>"
                        + PY_SHAPE + ")\\)", "1.x")
                .kind(f -> PairKind.of(f.shape("logits", List.of()), f.shape("labels", List.of()), Kind.OTHER))
                .example("ValueError: `logits` and `labels` must have the same shape, received ((32, 1) vs (32,)).")
                .example("ValueError: logits and labels must have the same shape ((None, 1) vs (None, 10))")
                .repro((f, fw, v) -> Repro.of("tf", Facts.declare("logits", "f32", f.shape("logits", List.of("32", "1")))
                        + "\n" + Facts.declare("labels", "f32", f.shape("labels", List.of("32")))
                        + "\nloss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)")));
        t.add(MessageTemplate.of("tf.labels-dtype", "tf", Kind.DTYPE)
                .alsoIn("keras")
                .pattern("Value for attr 'Tlabels' of (?<dtype>\\w+) is not in the list of allowed values")
                .example("InvalidArgumentError: Value for attr 'Tlabels' of float is not in the list of allowed values: "
                        + "int32, int64")
                .repro((f, fw, v) -> Repro.of("tf", "logits: f32[6, 4]\nlabels: " + f.dtype("dtype", "f32")
                        + "[6] = [0.0, 1.0, 3.0, 2.0, 1.0, 0.0]\n"
                        + "loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)")));
        t.add(MessageTemplate.of("tf.op-dtype", "tf", Kind.DTYPE)
                .alsoIn("keras")
                .pattern("cannot compute (?<op>\\w+) as input #(?<index>\\d+)\\(zero-based\\) was expected to be a "
                        + "(?<expected>\\w+) tensor but is a (?<found>\\w+) tensor")
                .example("InvalidArgumentError: cannot compute Mul as input #1(zero-based) was expected to be a float "
                        + "tensor but is a int32 tensor [Op:Mul]")
                .repro((f, fw, v) -> Repro.of("tf", "logits: " + f.dtype("expected", "f32") + "[4, 1]\nlabels: "
                        + f.dtype("found", "i32") + "[4, 1] = [[1], [0], [1], [1]]\n"
                        + "loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)")));
        t.add(MessageTemplate.of("tf.incompatible-shapes", "keras", Kind.BROADCAST)
                .alsoIn("tf")
                .pattern("Incompatible shapes: (?<a>" + KERNEL_SHAPE + ") vs\\. (?<b>" + KERNEL_SHAPE + ")")
                .kind(f -> {
                    List<String> a = f.shape("a", List.of());
                    List<String> b = f.shape("b", List.of());
                    return !a.isEmpty() && !b.isEmpty() && a.size() == b.size() && !PairKind.agree(a.get(0), b.get(0))
                            ? Kind.BATCH_SIZE : Kind.BROADCAST;
                })
                .example("InvalidArgumentError: Incompatible shapes: [32,10] vs. [32,5] [Op:Sub]")
                .repro((f, fw, v) -> {
                    List<String> a = f.shape("a", List.of("32", "10"));
                    List<String> b = f.shape("b", List.of("32", "5"));
                    if (fw.equals("tf")) {
                        return Repro.of("tf", Facts.declare("a", "f32", a) + "\n" + Facts.declare("b", "f32", b)
                                + "\nc = a - b");
                    }
                    return Repro.of("keras", Facts.declare("y_true", "f32", a) + "\n" + Facts.declare("y_pred", "f32", b)
                            + "\nloss = keras.losses.MeanSquaredError()(y_true, y_pred)");
                }));
        t.add(MessageTemplate.of("tf.dimensions-equal", "keras", Kind.BROADCAST)
                .alsoIn("tf")
                .pattern("Dimensions must be equal, but are (?<a>\\d+) and (?<b>\\d+) for '(?:\\{\\{node )?(?<node>[^'}]+)"
                        + "[^\\n]*?with input shapes: (?<sa>" + KERNEL_SHAPE + "), (?<sb>" + KERNEL_SHAPE + ")")
                .pattern("Dimensions must be equal, but are (?<a>\\d+) and (?<b>\\d+)")
                .kind(f -> f.text("node").map(n -> n.matches("(?i).*matmul.*")).orElse(false) ? Kind.OTHER
                        : f.text("node").map(n -> n.matches("(?i).*(loss|entropy|squared|absolute|huber).*"))
                        .orElse(false) ? Kind.CLASS_COUNT : Kind.BROADCAST)
                .example("ValueError: Dimensions must be equal, but are 10 and 3 for 'loss/dense_1_loss/sub' (op: 'Sub') "
                        + "with input shapes: [?,10], [?,3].")
                .example("ValueError: Dimensions must be equal, but are 6 and 5 for '{{node compile_loss/mean_squared_error/sub}} "
                        + "= Sub[T=DT_FLOAT](data_1, sequential_1/dense_1_2/BiasAdd)' with input shapes: [4,6], [4,5].")
                .repro((f, fw, v) -> {
                    long target = f.number("a", 6);
                    long output = f.number("b", 5);
                    if (f.text("node").map(n -> n.matches("(?i).*matmul.*")).orElse(false)) {
                        return Repro.of("tf", "x: f32[32, " + target + "]\nw: f32[" + output + ", 10]\n"
                                + "y = tf.matmul(x, w)");
                    }
                    return Repro.of("keras", "X: f32[8, 16]\ny: f32[8, " + target + "]\n"
                            + "model = Sequential([Input(shape=(16,)), layers.Dense(16, activation=\"relu\"), layers.Dense("
                            + output + ")])\nmodel.compile(loss=MeanSquaredError(), optimizer=\"sgd\")\n"
                            + "model.fit(X, y, batch_size=4, epochs=1, verbose=0)");
                }));
        t.add(MessageTemplate.of("keras.cardinality", "keras", Kind.BATCH_SIZE)
                .pattern("Data cardinality is ambiguous[\\s\\S]{0,200}?'x' sizes: (?<x>\\d+)[\\s\\S]{0,40}?'y' sizes: "
                        + "(?<y>\\d+)", "3.x")
                .pattern("Data cardinality is ambiguous:?\\s+x sizes: (?<x>\\d+)\\s+y sizes: (?<y>\\d+)", "2.x")
                .pattern("Data cardinality is ambiguous")
                .example("ValueError: Data cardinality is ambiguous. Make sure all arrays contain the same number of "
                        + "samples.'x' sizes: 8\n'y' sizes: 16\n")
                .example("ValueError: Data cardinality is ambiguous:\n  x sizes: 60000\n  y sizes: 10000\n"
                        + "Make sure all arrays contain the same number of samples.")
                .repro((f, fw, v) -> new Repro("keras", v.equals("2.x") ? "2" : "", "X: f32[" + f.number("x", 8)
                        + ", 4]\ny: i64[" + f.number("y", 16) + "]\n"
                        + "model = Sequential([keras.layers.Input(shape=(4,)), keras.layers.Dense(16, activation=\"relu\"), "
                        + "keras.layers.Dense(3, activation=\"softmax\")])\n"
                        + "model.compile(loss=losses.SparseCategoricalCrossentropy(), optimizer=\"sgd\")\n"
                        + "model.fit(X, y, batch_size=4, epochs=1, verbose=0)")));
        t.add(MessageTemplate.of("keras.input-axis", "keras", Kind.OTHER)
                .pattern("Input (?<index>\\d+)(?<named> with name '[^']*')? of layer [\"']?(?<layer>\\w+)[\"']? is incompatible "
                        + "with the layer: expected axis -1 of input shape to have value (?<expected>\\d+),? but received "
                        + "input with shape (?<shape>" + PY_SHAPE + "|\\[[\\d, ]*\\])")
                .example("ValueError: Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input "
                        + "shape to have value 784, but received input with shape (None, 28, 28)")
                .repro((f, fw, v) -> {
                    long expected = f.number("expected", 784);
                    // a layer built on one width, then called on another
                    return new Repro("keras", f.text("named").isPresent() ? "" : "2", "first: f32[1, " + expected + "]\n"
                            + Facts.declare("x", "f32", f.shape("shape", List.of("None", "28", "28")))
                            + "\ndense = keras.layers.Dense(6)\nh0 = dense(first)\nh = dense(x)");
                }));
        t.add(MessageTemplate.of("keras.invalid-input-shape", "keras", Kind.OTHER)
                .pattern("Invalid input shape for input .{0,200}?Expected shape (?<expected>" + PY_SHAPE + "), but input "
                        + "has incompatible shape (?<shape>" + PY_SHAPE + ")", "3.x")
                .example("ValueError: Invalid input shape for input <KerasTensor shape=(None, 28, 28), dtype=float32, "
                        + "sparse=False, ragged=False, name=keras_tensor> with name 'input_layer' and path ''. Expected "
                        + "shape (None, 784), but input has incompatible shape (None, 28, 28)")
                .repro((f, fw, v) -> {
                    List<String> expected = f.shape("expected", List.of("None", "784"));
                    List<String> perSample = expected.size() > 1 ? expected.subList(1, expected.size()) : expected;
                    return Repro.of("keras", Facts.declare("x", "f32", f.shape("shape", List.of("None", "28", "28")))
                            + "\nmodel = Sequential([Input(shape=(" + String.join(", ", perSample)
                            + (perSample.size() == 1 ? "," : "") + ")), layers.Dense(10)])\nh = model(x)");
                }));
        t.add(MessageTemplate.of("keras.from-logits-activation", "keras", Kind.OTHER)
                .pattern("`(?<loss>\\w+)` received `from_logits=True`, but the `output` argument was produced by a "
                        + "(?<activation>\\w+) activation")
                .weak()
                .example("UserWarning: \"`sparse_categorical_crossentropy` received `from_logits=True`, but the `output` "
                        + "argument was produced by a Softmax activation and thus does not represent logits. Was this "
                        + "intended?")
                .repro((f, fw, v) -> {
                    boolean sigmoid = f.text("activation").orElse("").equalsIgnoreCase("sigmoid");
                    return Repro.of("keras", "X: f32[8, 4]\n" + (sigmoid ? "y: f32[8, 1]" : "y: i64[8]") + "\n"
                            + "model = Sequential([Input(shape=(4,)), layers.Dense(" + (sigmoid ? "1" : "3")
                            + ", activation=\"" + (sigmoid ? "sigmoid" : "softmax") + "\")])\nloss = keras.losses."
                            + (sigmoid ? "binary_crossentropy" : "sparse_categorical_crossentropy")
                            + "(y, model(X), from_logits=True)");
                }));
        t.add(MessageTemplate.of("keras.single-class", "keras", Kind.OTHER)
                .pattern("In loss (?<loss>\\w+), expected y_pred\\.shape to be \\(batch_size, num_classes\\) with num_classes "
                        + "> 1\\. Received: y_pred\\.shape=(?<output>" + PY_SHAPE + ")")
                .weak()
                .example("SyntaxWarning: In loss categorical_crossentropy, expected y_pred.shape to be (batch_size, "
                        + "num_classes) with num_classes > 1. Received: y_pred.shape=(32, 1). Consider using "
                        + "'binary_crossentropy' if you only have 2 classes.")
                .repro((f, fw, v) -> Repro.of("keras", Facts.declare("probs", "f32", f.shape("output", List.of("32", "1")))
                        + "\n" + Facts.declare("labels", "f32", f.shape("output", List.of("32", "1")))
                        + "\nloss = keras.losses.categorical_crossentropy(labels, probs)")));
        t.add(MessageTemplate.of("keras.input-rank", "keras", Kind.OTHER)
                .pattern("Input \\d+ with name '[^']*' of layer [^\\n]{0,80}?expected (?<which>min_ndim|ndim)=(?<want>\\d+), "
                        + "found ndim=(?<found>\\d+)\\. Full shape received: (?<shape>" + PY_SHAPE + "|\\[[\\d, ]*\\])", "3.x")
                .pattern("Input \\d+ of layer [^\\n]{0,80}?expected (?<which>min_ndim|ndim)=(?<want>\\d+), found "
                        + "ndim=(?<found>\\d+)\\. Full shape received: (?<shape>" + PY_SHAPE + "|\\[[\\d, ]*\\])", "2.x")
                .pattern("expected (?<which>min_ndim|ndim)=(?<want>\\d+), found ndim=(?<found>\\d+)\\. Full shape received: "
                        + "(?<shape>" + PY_SHAPE + "|\\[[\\d, ]*\\])")
                .example("ValueError: Input 0 of layer \"conv2d\" is incompatible with the layer: expected min_ndim=4, "
                        + "found ndim=3. Full shape received: (None, 28, 28)")
                .example("ValueError: Input 0 of layer \"lstm\" is incompatible with the layer: expected ndim=3, found "
                        + "ndim=2. Full shape received: (None, 10)")
                .repro((f, fw, v) -> {
                    long want = f.number("want", 4);
                    boolean exact = f.text("which").orElse("").equals("ndim");
                    String layer = exact ? (want == 3 ? "keras.layers.LSTM(8)" : "keras.layers.MaxPooling2D(2)")
                            : want >= 4 ? "keras.layers.Conv2D(16, 3)" : want == 3 ? "keras.layers.Conv1D(8, 3)"
                            : "keras.layers.Dense(14)";
                    return new Repro("keras", v.equals("2.x") ? "2" : "", Facts.declare("x", "f32", f.shape("shape",
                            List.of("None", "28", "28"))) + "\nh = " + layer + "(x)");
                }));
        t.add(MessageTemplate.of("keras.conv-output-size", "keras", Kind.OTHER)
                .pattern("Computed output size would be zero or negative\\. Received `inputs shape=(?<input>" + PY_SHAPE
                        + ")`, `kernel shape=\\((?<kh>\\d+), (?<kw>\\d+)(?:, (?<cin>\\d+), (?<filters>\\d+))?\\)`")
                .pattern("Negative dimension size caused by subtracting (?<kh>\\d+) from (?<have>\\d+)", "2.x")
                .example("ValueError: Computed output size would be zero or negative. Received `inputs shape=(8, 3, 4, 1)`, "
                        + "`kernel shape=(6, 6, 1, 8)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.")
                .example("ValueError: Negative dimension size caused by subtracting 3 from 1 for '{{node conv2d_2/Conv2D}}'")
                .repro((f, fw, v) -> {
                    List<String> input = f.shape("input").orElseGet(() -> List.of("None",
                            String.valueOf(f.number("have", 1)), String.valueOf(f.number("have", 1)), "1"));
                    return new Repro("keras", v.equals("2.x") ? "2" : "", Facts.declare("x", "f32", input)
                            + "\nh = Conv2D(" + f.number("filters", 8) + ", " + f.number("kh", 6)
                            + ", activation=\"relu\")(x)");
                }));
        t.add(MessageTemplate.of("keras.checking-target", "keras", Kind.OTHER)
                .pattern("Error when checking (?<what>target|input|model target|model input): expected (?<layer>\\w+) to have "
                        + "shape (?<expected>" + PY_SHAPE + ") but got array with shape (?<got>" + PY_SHAPE + ")", "2.x")
                .pattern("Error when checking (?<what>target|input|model target|model input): expected (?<layer>\\w+) to have "
                        + "(?<rank>\\d+) dimensions, but got array with shape (?<got>" + PY_SHAPE + ")", "2.x")
                .reproducedBy("keras2.incompatible-shapes")
                .reproducedBy("keras.input-axis")
                .reproducedBy("keras.input-rank")
                .kind(f -> {
                    if (!f.text("what").orElse("").endsWith("target") || f.text("expected").isEmpty()) {
                        return f.text("what").orElse("").endsWith("target") ? Kind.LABEL_RANK : Kind.OTHER;
                    }
                    List<String> expected = f.shape("expected", List.of());
                    return PairKind.of(withBatch(expected, expected), withBatch(f.shape("got", List.of()), expected),
                            Kind.OTHER);
                })
                .example("ValueError: Error when checking target: expected dense_2 to have shape (10,) but got array with "
                        + "shape (1,)")
                .example("ValueError: Error when checking input: expected conv2d_1_input to have 4 dimensions, but got "
                        + "array with shape (60000, 28, 28)")
                .repro((f, fw, v) -> {
                    List<String> got = f.shape("got", List.of("1"));
                    if (f.text("what").orElse("").endsWith("input")) {
                        List<String> x = new ArrayList<>(List.of("None"));
                        x.addAll(got.size() > 1 ? got.subList(1, got.size()) : got);
                        long rank = f.number("rank", 2);
                        String layer = rank >= 4 ? "keras.layers.Conv2D(16, 3)" : "keras.layers.Dense(10)";
                        return new Repro("keras", "2", Facts.declare("x", "f32", x) + "\nh = " + layer + "(x)");
                    }
                    List<String> expected = f.shape("expected", List.of("10"));
                    List<String> output = withBatch(expected, expected);
                    List<String> target = withBatch(got, expected);
                    return new Repro("keras", "2", Facts.declare("probs", "f32", output) + "\n"
                            + Facts.declare("labels", last(target).equals("1") ? "i64" : "f32", target)
                            + "\nloss = keras.losses.categorical_crossentropy(labels, probs)");
                }));
        t.add(MessageTemplate.of("keras.target-array", "keras", Kind.OTHER)
                .pattern("A target array with shape (?<target>" + PY_SHAPE + ") was passed for an output of shape "
                        + "(?<output>" + PY_SHAPE + ") while using as loss `(?<loss>\\w+)`", "2.x")
                .reproducedBy("keras2.incompatible-shapes")
                .kind(f -> PairKind.of(f.shape("output", List.of()), f.shape("target", List.of()), Kind.OTHER))
                .example("ValueError: A target array with shape (1000, 1) was passed for an output of shape (None, 10) "
                        + "while using as loss `categorical_crossentropy`. This loss expects targets to have the same "
                        + "shape as the output.")
                .repro((f, fw, v) -> {
                    List<String> target = f.shape("target", List.of("1000", "1"));
                    List<String> output = f.shape("output", List.of("None", "10"));
                    return new Repro("keras", "2", Facts.declare("probs", "f32", output) + "\n"
                            + Facts.declare("labels", last(target).equals("1") ? "i64" : "f32", target)
                            + "\nloss = keras.losses.categorical_crossentropy(labels, probs)");
                }));
        t.add(MessageTemplate.of("keras.gather-index", "keras", Kind.LABEL_RANGE)
                .alsoIn("tf")
                .pattern("indices\\[(?<at>[\\d,]+)\\] = (?<index>-?\\d+) is not in \\[0, (?<size>\\d+)\\)")
                .example("InvalidArgumentError: indices[5,2] = 12 is not in [0, 10)")
                .repro((f, fw, v) -> {
                    long size = f.number("size", 10);
                    return Repro.of("keras", "tokens: i64[2, 3] = [[0, 1, " + f.number("index", 12) + "], [1, 0, 1]]\n"
                            + "h = keras.layers.Embedding(" + size + ", 4)(tokens)");
                }));
        t.add(MessageTemplate.of("tf.matmul", "tf", Kind.OTHER)
                .alsoIn("keras")
                .pattern("Matrix size-incompatible: In\\[0\\]: \\[(?<a>\\d+),(?<b>\\d+)\\], In\\[1\\]: \\[(?<c>\\d+),(?<d>\\d+)\\]")
                .example("InvalidArgumentError: Matrix size-incompatible: In[0]: [32,784], In[1]: [128,10] [Op:MatMul]")
                .repro((f, fw, v) -> Repro.of("tf", "x: f32[" + f.number("a", 32) + ", " + f.number("b", 784) + "]\n"
                        + "w: f32[" + f.number("c", 128) + ", " + f.number("d", 10) + "]\ny = tf.matmul(x, w)")));
        t.add(MessageTemplate.of("tf.feed-shape", "tf", Kind.OTHER)
                .pattern("Cannot feed value of shape (?<value>" + PY_SHAPE + ") for Tensor '(?<tensor>[^']+)', which has "
                        + "shape '(?<placeholder>\\([\\d?, ]*\\))'", "1.x")
                .pattern("Cannot feed value of shape (?<value>" + PY_SHAPE + ") for Tensor (?<tensor>\\S+), which has "
                        + "shape (?<placeholder>" + PY_SHAPE + ")")
                .kind(f -> PairKind.of(f.shape("placeholder", List.of()), f.shape("value", List.of()), Kind.OTHER))
                .example("ValueError: Cannot feed value of shape (100,) for Tensor 'Placeholder_1:0', which has shape "
                        + "'(?, 10)'")
                .repro((f, fw, v) -> {
                    List<String> placeholder = f.shape("placeholder", List.of("None", "10"));
                    List<String> value = f.shape("value", List.of("100"));
                    String dtype = placeholder.size() == value.size() + 1 ? "i64" : "f32";
                    return new Repro("tf", "1", Facts.declare("labels", "f32", placeholder)
                            + "\nloss = tf.reduce_sum(labels)\nsess = tf.Session()\n"
                            + Facts.declare("batch", dtype, value) + "\nout = sess.run(loss, feed_dict={labels: batch})");
                }));
        t.add(MessageTemplate.of("tf.squeeze", "tf", Kind.OTHER)
                .pattern("Can not squeeze dim\\[(?<dim>\\d+)\\], expected a dimension of 1, got (?<got>\\d+)")
                .example("InvalidArgumentError: Can not squeeze dim[1], expected a dimension of 1, got 10")
                .repro((f, fw, v) -> {
                    long dim = Math.min(f.number("dim", 1), 3);
                    List<String> dims = new ArrayList<>();
                    for (int i = 0; i <= dim; i++) {
                        dims.add(i == dim ? String.valueOf(f.number("got", 10)) : "4");
                    }
                    return Repro.of("tf", Facts.declare("x", "f32", dims) + "\ny = tf.squeeze(x, [" + dim + "])");
                }));
        t.add(MessageTemplate.of("tf.reshape", "tf", Kind.OTHER)
                .pattern("Input to reshape is a tensor with (?<values>\\d+) values, but the requested shape "
                        + "(?:has (?<has>\\d+)|requires a multiple of (?<multiple>\\d+))")
                .example("InvalidArgumentError: Input to reshape is a tensor with 264 values, but the requested shape has 2")
                .repro((f, fw, v) -> {
                    long values = f.number("values", 264);
                    String shape = f.text("multiple").isPresent() ? "[-1, " + f.number("multiple", 4) + "]"
                            : "[" + f.number("has", 2) + "]";
                    return Repro.of("tf", "x: f32[" + values + "]\ny = tf.reshape(x, " + shape + ")");
                }));
        return List.copyOf(t);
    }

    /**
     * Old Keras printed per-sample shapes ({@code (10,)}) or whole ones
     * ({@code (None, 10)}), consistently within one message; this gives the
     * whole shape of {@code shape}, judging by the message's expected shape.
     */
    static List<String> withBatch(List<String> shape, List<String> expected) {
        boolean whole = !expected.isEmpty() && expected.get(0).equals("None") || shape.size() > expected.size();
        if (whole) {
            return shape;
        }
        List<String> out = new ArrayList<>(List.of("None"));
        out.addAll(shape);
        return out;
    }

    static String last(List<String> dims) {
        return dims.isEmpty() ? "" : dims.get(dims.size() - 1);
    }

    private static boolean isFlattenedOneHot(List<String> logits, List<String> labels) {
        if (logits.size() != 2 || labels.size() != 1 || !Facts.known(logits) || !Facts.known(labels)) {
            return false;
        }
        return Long.parseLong(labels.get(0)) == Long.parseLong(logits.get(0)) * Long.parseLong(logits.get(1));
    }

    private static String uniformRows(int rows, long classes) {
        String p = String.valueOf(Math.round(1000.0 / classes) / 1000.0);
        List<String> row = new ArrayList<>();
        for (long i = 0; i < classes; i++) {
            row.add(p);
        }
        List<String> all = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            all.add("[" + String.join(", ", row) + "]");
        }
        return "[" + String.join(", ", all) + "]";
    }
}
