package dev.shapes.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * NumPy's broadcasting, indexing and reshaping messages (framework-messages.md
 * §5) and the JAX/optax ones the oracle recorded, with reproductions under
 * {@code use numpy} and {@code use jax} spelled like the recorded cases.
 */
final class NumpyMessages {

    private static final String NP_SHAPE = "\\([\\d,]*\\)";
    private static final String PY_SHAPE = "\\([\\d, ]*\\)";

    private NumpyMessages() {}

    static List<MessageTemplate> all() {
        List<MessageTemplate> t = new ArrayList<>();
        t.add(MessageTemplate.of("numpy.broadcast", "numpy", Kind.BROADCAST)
                .pattern("operands could not be broadcast together with (?:remapped )?shapes (?:\\[original->remapped\\]: )?"
                        + "(?<a>" + NP_SHAPE + ")(?:->" + NP_SHAPE + ")? +(?<b>" + NP_SHAPE + ")")
                .kind(f -> {
                    List<String> a = f.shape("a", List.of());
                    List<String> b = f.shape("b", List.of());
                    return a.size() == b.size() && !a.isEmpty() && !a.get(0).equals(b.get(0)) && !a.get(0).equals("1")
                            && !b.get(0).equals("1") ? Kind.BATCH_SIZE : Kind.BROADCAST;
                })
                .example("ValueError: operands could not be broadcast together with shapes (32,10) (32,5) ")
                .repro((f, fw, v) -> Repro.of("numpy", Facts.declare("a", "f32", f.shape("a", List.of("32", "10")))
                        + "\n" + Facts.declare("b", "f32", f.shape("b", List.of("32", "5"))) + "\nc = a * b")));
        t.add(MessageTemplate.of("numpy.fancy-index", "numpy", Kind.BATCH_SIZE)
                .pattern("shape mismatch: indexing arrays could not be broadcast together with shapes (?<a>" + NP_SHAPE
                        + ") (?<b>" + NP_SHAPE + ")")
                .example("IndexError: shape mismatch: indexing arrays could not be broadcast together with shapes (32,) (16,) ")
                .repro((f, fw, v) -> {
                    List<String> a = f.shape("a", List.of("32"));
                    List<String> b = f.shape("b", List.of("16"));
                    String n = a.isEmpty() ? "32" : a.get(0);
                    String labels = Facts.known(b) && b.size() == 1 && Long.parseLong(b.get(0)) <= 64
                            ? Facts.declare("labels", "i64", b) + " = [" + String.join(", ",
                                    java.util.Collections.nCopies(Integer.parseInt(b.get(0)), "0")) + "]"
                            : Facts.declare("labels", "i64", b);
                    return Repro.of("numpy", "logits: f32[" + n + ", 5]\n" + labels
                            + "\npicked = logits[np.arange(" + n + "), labels]");
                }));
        t.add(MessageTemplate.of("numpy.boolean-index", "numpy", Kind.BATCH_SIZE)
                .pattern("boolean index did not match indexed array along axis (?<axis>\\d+); size of axis is (?<size>\\d+) "
                        + "but size of corresponding boolean axis is (?<mask>\\d+)", "2.x")
                .pattern("boolean index did not match indexed array along dimension (?<axis>\\d+); dimension is "
                        + "(?<size>\\d+) but corresponding boolean dimension is (?<mask>\\d+)", "1.x")
                .example("IndexError: boolean index did not match indexed array along axis 0; size of axis is 32 but size "
                        + "of corresponding boolean axis is 16")
                .repro((f, fw, v) -> Repro.of("numpy", "x: f32[" + f.number("size", 32) + "]\nmask: bool["
                        + f.number("mask", 16) + "]\ny = x[mask]")));
        t.add(MessageTemplate.of("numpy.index-out-of-bounds", "numpy", Kind.LABEL_RANGE)
                .alsoIn("keras")
                .pattern("index (?<index>-?\\d+) is out of bounds for axis (?<axis>\\d+) with size (?<size>\\d+)")
                .example("IndexError: index 10 is out of bounds for axis 1 with size 10")
                .repro((f, fw, v) -> {
                    long size = f.number("size", 10);
                    long index = f.number("index", size);
                    if (fw.equals("keras")) {
                        return Repro.of("keras", "y: i64[3] = [0, 1, " + index + "]\n"
                                + "labels = to_categorical(y, num_classes=" + size + ")");
                    }
                    if (f.number("axis", 1) == 0) {
                        return Repro.of("numpy", "x: f32[" + size + "]\ny = x[" + index + "]");
                    }
                    return Repro.of("numpy", "logits: f32[4, " + size + "]\nlabels: i64[4] = [0, 1, " + index + ", 0]\n"
                            + "picked = logits[np.arange(4), labels]");
                }));
        t.add(MessageTemplate.of("numpy.index-dtype", "numpy", Kind.DTYPE)
                .pattern("arrays used as indices must be of integer \\(or boolean\\) type")
                .example("IndexError: arrays used as indices must be of integer (or boolean) type")
                .repro((f, fw, v) -> Repro.of("numpy", "logits: f32[4, 3]\nlabels: f32[4] = [0.0, 1.0, 2.0, 1.0]\n"
                        + "picked = logits[np.arange(4), labels]")));
        t.add(MessageTemplate.of("numpy.matmul", "numpy", Kind.OTHER)
                .pattern("matmul: Input operand (?<operand>\\d+) has a mismatch in its core dimension (?<dim>\\d+), with "
                        + "gufunc signature [^ ]+ \\(size (?<got>\\d+) is different from (?<want>\\d+)\\)")
                .example("ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                        + "signature (n?,k),(k,m?)->(n?,m?) (size 32 is different from 10)")
                .repro((f, fw, v) -> Repro.of("numpy", "a: f32[4, " + f.number("want", 10) + "]\nb: f32["
                        + f.number("got", 32) + ", 3]\nc = a @ b")));
        t.add(MessageTemplate.of("numpy.dot", "numpy", Kind.OTHER)
                .pattern("shapes (?<a>\\([\\d,]+\\)) and (?<b>\\([\\d,]+\\)) not aligned")
                .example("ValueError: shapes (32,10) and (32,5) not aligned: 10 (dim 1) != 32 (dim 0)")
                .repro((f, fw, v) -> Repro.of("numpy", Facts.declare("a", "f32", f.shape("a", List.of("32", "10")))
                        + "\n" + Facts.declare("b", "f32", f.shape("b", List.of("32", "5"))) + "\nc = np.dot(a, b)")));
        t.add(MessageTemplate.of("numpy.reshape", "numpy", Kind.OTHER)
                .pattern("cannot reshape array of size (?<size>\\d+) into shape (?<shape>\\([-\\d, ]*\\))")
                .example("ValueError: cannot reshape array of size 119 into shape (17,8)")
                .repro((f, fw, v) -> Repro.of("numpy", "x: f32[" + f.number("size", 119) + "]\ny = x.reshape("
                        + String.join(", ", f.shape("shape", List.of("17", "8"))) + ")")));
        t.add(MessageTemplate.of("numpy.assign-broadcast", "numpy", Kind.BROADCAST)
                .pattern("could not broadcast input array from shape (?<from>" + NP_SHAPE + ") into shape (?<into>"
                        + NP_SHAPE + ")")
                .example("ValueError: could not broadcast input array from shape (32,5) into shape (32,10)")
                .repro((f, fw, v) -> Repro.of("numpy", Facts.declare("a", "f32", f.shape("into", List.of("32", "10")))
                        + "\n" + Facts.declare("b", "f32", f.shape("from", List.of("32", "5"))) + "\na[...] = b")));
        t.add(MessageTemplate.of("numpy.output-broadcast", "numpy", Kind.BROADCAST)
                .pattern("non-broadcastable output operand with shape (?<out>" + NP_SHAPE + ") doesn't match the broadcast "
                        + "shape (?<shape>" + NP_SHAPE + ")")
                .example("ValueError: non-broadcastable output operand with shape (32,1) doesn't match the broadcast "
                        + "shape (32,10)")
                .repro((f, fw, v) -> Repro.of("numpy", Facts.declare("a", "f32", f.shape("out", List.of("32", "1")))
                        + "\n" + Facts.declare("b", "f32", f.shape("shape", List.of("32", "10"))) + "\na += b")));
        t.add(MessageTemplate.of("numpy.objects-broadcast", "numpy", Kind.BROADCAST)
                .pattern("shape mismatch: objects cannot be broadcast to a single shape\\.\\s+Mismatch is between arg "
                        + "\\d+ with shape (?<a>" + PY_SHAPE + ") and arg \\d+ with shape (?<b>" + PY_SHAPE + ")")
                .example("ValueError: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between "
                        + "arg 0 with shape (32, 10) and arg 1 with shape (32, 5).")
                .repro((f, fw, v) -> Repro.of("numpy", Facts.declare("a", "f32", f.shape("a", List.of("32", "10")))
                        + "\n" + Facts.declare("b", "f32", f.shape("b", List.of("32", "5")))
                        + "\nc = np.broadcast_shapes(a.shape, b.shape)")));
        t.add(MessageTemplate.of("numpy.axis", "numpy", Kind.OTHER)
                .alsoIn("jax")
                .pattern("axis (?<axis>-?\\d+) is out of bounds for array of dimension (?<ndim>\\d+)")
                .example("AxisError: axis 2 is out of bounds for array of dimension 2")
                .repro((f, fw, v) -> {
                    long ndim = Math.max(1, Math.min(f.number("ndim", 2), 6));
                    List<String> dims = new ArrayList<>();
                    for (long i = 0; i < ndim; i++) {
                        dims.add(String.valueOf(4 + i));
                    }
                    String ns = fw.equals("jax") ? "jnp" : "np";
                    return Repro.of(fw.equals("jax") ? "jax" : "numpy", Facts.declare("x", "f32", dims) + "\nm = " + ns
                            + ".sum(x, axis=" + f.number("axis", 2) + ")");
                }));
        t.add(MessageTemplate.of("numpy.too-many-indices", "numpy", Kind.LABEL_RANK)
                .pattern("too many indices for array(?:: array is (?<rank>\\d+)-dimensional, but (?<indexed>\\d+) were "
                        + "indexed)?")
                .example("IndexError: too many indices for array: array is 1-dimensional, but 2 were indexed")
                .repro((f, fw, v) -> {
                    long rank = Math.max(1, Math.min(f.number("rank", 1), 5));
                    List<String> dims = new ArrayList<>();
                    List<String> index = new ArrayList<>();
                    for (long i = 0; i < rank; i++) {
                        dims.add(i == 0 ? "32" : "10");
                        index.add(":");
                    }
                    index.add("0");
                    return Repro.of("numpy", Facts.declare("labels", "i64", dims) + "\ny = labels["
                            + String.join(", ", index) + "]");
                }));
        t.add(MessageTemplate.of("numpy.concatenate", "numpy", Kind.OTHER)
                .pattern("all the input array dimensions (?:for|except for) the concatenation axis must match exactly"
                        + "(?:, but along dimension (?<dim>\\d+), the array at index (?<i>\\d+) has size (?<a>\\d+) and "
                        + "the array at index (?<j>\\d+) has size (?<b>\\d+))?")
                .example("ValueError: all the input array dimensions except for the concatenation axis must match exactly, "
                        + "but along dimension 1, the array at index 0 has size 10 and the array at index 1 has size 5")
                .repro((f, fw, v) -> Repro.of("numpy", "a: f32[4, " + f.number("a", 10) + "]\nb: f32[4, "
                        + f.number("b", 5) + "]\nc = np.concatenate([a, b], axis=0)")));
        t.add(MessageTemplate.of("jax.broadcast", "jax", Kind.BROADCAST)
                .pattern("Incompatible shapes for broadcasting: shapes=\\[(?<a>" + PY_SHAPE + "), (?<b>" + PY_SHAPE + ")")
                .example("ValueError: Incompatible shapes for broadcasting: shapes=[(4, 4), (2, 4, 2)]")
                .repro((f, fw, v) -> Repro.of("jax", Facts.declare("a", "f32", f.shape("a", List.of("4", "4"))) + "\n"
                        + Facts.declare("b", "f32", f.shape("b", List.of("2", "4", "2"))) + "\nc = a - b")));
        t.add(MessageTemplate.of("jax.op-broadcast", "jax", Kind.BROADCAST)
                .pattern("(?<op>add|sub|mul|div|pow|max|min) got incompatible shapes for broadcasting: (?<a>" + PY_SHAPE
                        + "), (?<b>" + PY_SHAPE + ")")
                .example("TypeError: mul got incompatible shapes for broadcasting: (32, 10), (32, 5).")
                .repro((f, fw, v) -> {
                    String op = switch (f.text("op").orElse("mul")) {
                        case "add" -> "+";
                        case "sub" -> "-";
                        case "div" -> "/";
                        default -> "*";
                    };
                    return Repro.of("jax", Facts.declare("a", "f32", f.shape("a", List.of("32", "10"))) + "\n"
                            + Facts.declare("b", "f32", f.shape("b", List.of("32", "5"))) + "\nc = a " + op + " b");
                }));
        t.add(MessageTemplate.of("jax.take-along-axis", "jax", Kind.LABEL_RANK)
                .pattern("indices and arr must have the same number of dimensions; (?<indices>\\d+) vs\\. (?<arr>\\d+)")
                .example("ValueError: indices and arr must have the same number of dimensions; 3 vs. 2")
                .repro((f, fw, v) -> {
                    long arr = Math.max(1, Math.min(f.number("arr", 2), 5));
                    long indices = Math.max(1, Math.min(f.number("indices", 3), 6));
                    if (f.text(Facts.CONTEXT).map(c -> c.contains("softmax_cross_entropy_with_integer_labels"))
                            .orElse(false) && indices == arr + 1) {
                        // raised inside optax, which gathers labels[..., None]: the labels have the logits' rank
                        List<String> logits = new ArrayList<>(java.util.Collections.nCopies((int) arr - 1, "4"));
                        List<String> labels = new ArrayList<>(logits);
                        logits.add("3");
                        labels.add("1");
                        return Repro.of("jax", Facts.declare("logits", "f32", logits) + "\n"
                                + Facts.declare("labels", "i32", labels)
                                + "\nloss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)");
                    }
                    List<String> a = new ArrayList<>(List.of("4"));
                    List<String> i = new ArrayList<>(List.of("4"));
                    for (long k = 1; k < arr; k++) {
                        a.add("3");
                    }
                    for (long k = 1; k < indices; k++) {
                        i.add("1");
                    }
                    return Repro.of("jax", Facts.declare("logp", "f32", a) + "\n" + Facts.declare("labels", "i32", i)
                            + "\npicked = jnp.take_along_axis(logp, labels, axis=-1)");
                }));
        t.add(MessageTemplate.of("jax.dtype", "jax", Kind.DTYPE)
                .pattern("Expected the input to have a dtype that is a subdtype of <class 'numpy\\.(?<wanted>floating|integer)'>, "
                        + "got (?<dtype>\\w+) instead")
                .example("TypeError: Expected the input to have a dtype that is a subdtype of <class 'numpy.integer'>, got "
                        + "float32 instead")
                .repro((f, fw, v) -> Repro.of("jax", f.text("wanted").orElse("").equals("integer")
                        ? "logits: f32[5, 3]\nlabels: f32[5] = [0.0, 0.0, 1.0, 0.0, 2.0]\n"
                        + "loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)"
                        : "logits: i32[1, 3] = [[0, -2, -1]]\nlabels: i32[1] = [0]\n"
                        + "loss = optax.softmax_cross_entropy_with_integer_labels(logits, labels)")));
        t.add(MessageTemplate.of("jax.shape-mismatch", "jax", Kind.BROADCAST)
                .pattern("Shape mismatch: got (?<a>" + PY_SHAPE + ") and (?<b>" + PY_SHAPE + ")")
                .kind(f -> PairKind.of(f.shape("a", List.of()), f.shape("b", List.of()), Kind.BROADCAST))
                .example("ValueError: Shape mismatch: got (4, 1) and (4,).")
                .repro((f, fw, v) -> Repro.of("jax", Facts.declare("predictions", "f32", f.shape("a", List.of("4", "1")))
                        + "\n" + Facts.declare("targets", "f32", f.shape("b", List.of("4")))
                        + "\nloss = optax.squared_error(predictions=predictions, targets=targets)")));
        t.add(MessageTemplate.of("jax.reshape", "jax", Kind.OTHER)
                .pattern("cannot reshape array of shape (?<shape>" + PY_SHAPE + ") \\(size (?<size>\\d+)\\) into shape "
                        + "(?<into>\\([-\\d, ]*\\)|\\[[-\\d, ]*\\])")
                .example("TypeError: cannot reshape array of shape (4, 4) (size 16) into shape (5, 5) (size 25)")
                .example("TypeError: cannot reshape array of shape (28, 12) (size 336) into shape [3, 4] (size 12)")
                .repro((f, fw, v) -> Repro.of("jax", Facts.declare("x", "f32", f.shape("shape", List.of("4", "4")))
                        + "\ny = jnp.reshape(x, (" + String.join(", ", f.shape("into", List.of("5", "5"))) + "))")));
        t.add(MessageTemplate.of("jax.dot-general", "jax", Kind.OTHER)
                .pattern("dot_general requires contracting dimensions to have the same shape, got \\((?<a>\\d+),\\) and "
                        + "\\((?<b>\\d+),\\)")
                .example("TypeError: dot_general requires contracting dimensions to have the same shape, got (59,) and (61,).")
                .repro((f, fw, v) -> Repro.of("jax", "x: f32[8, " + f.number("a", 59) + "]\nw: f32[" + f.number("b", 61)
                        + ", 3]\nh = jnp.matmul(x, w)")));
        t.add(MessageTemplate.of("jax.squeeze", "jax", Kind.OTHER)
                .alsoIn("numpy")
                .pattern("cannot select an axis to squeeze out which has size not equal to one(?:, got shape=(?<shape>"
                        + PY_SHAPE + ") and dimensions=\\((?<dim>\\d+),?\\))?")
                .example("ValueError: cannot select an axis to squeeze out which has size not equal to one, got "
                        + "shape=(2, 2, 1) and dimensions=(0,)")
                .repro((f, fw, v) -> fw.equals("numpy")
                        ? Repro.of("numpy", Facts.declare("labels", "i64", f.shape("shape", List.of("4", "4")))
                        + "\ny = np.squeeze(labels, axis=" + f.number("dim", 1) + ")")
                        : Repro.of("jax", Facts.declare("labels", "i32", f.shape("shape", List.of("2", "2", "1")))
                        + "\ny = jnp.squeeze(labels, axis=" + f.number("dim", 0) + ")")));
        t.add(MessageTemplate.of("jax.one-hot-dtype", "jax", Kind.DTYPE)
                .pattern("jax\\.nn\\.one_hot input should be integer-typed; got dtype=(?<dtype>\\w+)")
                .example("DeprecationWarning: jax.nn.one_hot input should be integer-typed; got dtype=float32")
                .repro((f, fw, v) -> {
                    String dtype = f.dtype("dtype", "f32");
                    String values = dtype.equals("bool") ? "[False, True, True, False]" : "[0.0, 2.0, 1.0, 2.0]";
                    return Repro.of("jax", "labels: " + (dtype.startsWith("i") || dtype.startsWith("u") ? "f32" : dtype)
                            + "[4] = " + values + "\ny = jax.nn.one_hot(labels, 3)");
                }));
        t.add(MessageTemplate.of("jax.axis-tuple-index", "jax", Kind.OTHER)
                .pattern("tuple index out of range")
                .weak()
                .example("IndexError: tuple index out of range")
                .repro((f, fw, v) -> Repro.of("jax", "x: f32[3, 6]\nm = jnp.mean(x, axis=2)")));
        return List.copyOf(t);
    }
}
