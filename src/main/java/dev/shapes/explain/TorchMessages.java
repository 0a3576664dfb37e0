package dev.shapes.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PyTorch's messages around losses and shapes (framework-messages.md §1),
 * current and older texts, each with the cell that reproduces it under
 * {@code use torch} (2.x) or {@code use torch 1.13}.
 */
final class TorchMessages {

    private static final String SHAPE = "\\[[-\\d, ]*\\]";
    private static final String TORCH_SIZE = "(?:torch\\.Size\\()?" + "\\[[\\d, ]*\\]" + "\\)?";

    private TorchMessages() {}

    static List<MessageTemplate> all() {
        List<MessageTemplate> t = new ArrayList<>();
        t.add(MessageTemplate.of("torch.multi-target", "torch", Kind.LABEL_RANK)
                .pattern("0D or 1D target tensor expected, multi-target not supported")
                .pattern("(?<!0D or )1D target tensor expected, multi-target not supported", "1.x")
                .pattern("(?<!expected, )multi-target not supported at ", "1.x")
                .example("RuntimeError: 0D or 1D target tensor expected, multi-target not supported")
                .example("RuntimeError: 1D target tensor expected, multi-target not supported")
                .example("RuntimeError: multi-target not supported at /pytorch/aten/src/THNN/generic/ClassNLLCriterion.c:21")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: i64[32, 1]\n"
                        + "loss = F.cross_entropy(logits, labels)")));
        t.add(MessageTemplate.of("torch.batch-size", "torch", Kind.BATCH_SIZE)
                .pattern("Expected input batch_size \\((?<n>\\d+)\\) to match target batch_size \\((?<m>\\d+)\\)")
                .example("ValueError: Expected input batch_size (32) to match target batch_size (16).")
                .repro((f, fw, v) -> {
                    long n = f.number("n", 32);
                    long m = f.number("m", 16);
                    return torch(v, "logits: f32[" + n + ", 10]\nlabels: i64[" + (m == 0 ? "" : m) + "]"
                            + (m == 0 ? " = 0" : "") + "\nloss = F.cross_entropy(logits, labels)");
                }));
        t.add(MessageTemplate.of("torch.probability-target-dtype", "torch", Kind.LABEL_ENCODING)
                .pattern("Expected floating point type for target with class probabilities, got (?<dtype>\\w+)")
                .example("RuntimeError: Expected floating point type for target with class probabilities, got Long")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: " + f.dtype("dtype", "i64")
                        + "[32, 10]\nloss = F.cross_entropy(logits, labels)")));
        t.add(MessageTemplate.of("torch.cuda-target-dtype", "torch", Kind.DTYPE)
                .pattern("\"nll_loss\\w*?_index\" not implemented for '(?<dtype>\\w+)'")
                .reproducedBy("torch.target-dtype")
                .example("RuntimeError: \"nll_loss_forward_reduce_cuda_kernel_2d_index\" not implemented for 'Float'")
                .repro((f, fw, v) -> torch("2.x", "logits: f32[32, 10]\nlabels: " + f.dtype("dtype", "f32")
                        + "[32]\nloss = F.cross_entropy(logits, labels)")));
        t.add(MessageTemplate.of("torch.target-dtype", "torch", Kind.DTYPE)
                .pattern("expected target dtype to be Long or Byte, but got (?<dtype>\\w+)", "2.x")
                .pattern("expected scalar type Long but found (?<dtype>\\w+)", "1.x")
                .pattern("Expected object of scalar type Long but got scalar type (?<dtype>\\w+) for argument #2 '(?:target|other)'",
                        "1.x")
                .pattern("Expected object of type torch\\.(?:cuda\\.)?LongTensor but found type torch\\.(?:cuda\\.)?(?<dtype>\\w+?)"
                        + "Tensor for argument #2 'target'", "1.x")
                .example("RuntimeError: expected target dtype to be Long or Byte, but got Float")
                .example("RuntimeError: expected scalar type Long but found Float")
                .example("RuntimeError: Expected object of type torch.LongTensor but found type torch.FloatTensor for "
                        + "argument #2 'target'")
                .example("RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 "
                        + "'target' in call to _thnn_nll_loss_forward")
                .repro((f, fw, v) -> {
                    String dtype = f.dtype("dtype", "f32");
                    if (dtype.equals("u8") && v.equals("1.x") && f.text("dtype").isPresent()) {
                        // 2.x still says this for a Byte target on the 4-D path
                        return torch("2.x", "logits: f32[4, 10, 8, 8]\nlabels: u8[4, 8, 8]\n"
                                + "loss = F.cross_entropy(logits, labels)");
                    }
                    return torch(v, "logits: f32[32, 10]\nlabels: " + dtype + "[32]\n"
                            + "loss = F.cross_entropy(logits, labels)");
                }));
        t.add(MessageTemplate.of("torch.target-out-of-bounds", "torch", Kind.LABEL_RANGE)
                .pattern("Target (?<label>-?\\d+) is out of bounds")
                .pattern("Assertion `t >= 0 && t < n_classes['`] failed")
                .pattern("Assertion `cur_target >= 0 && cur_target < n_classes['`] failed", "1.x")
                .example("IndexError: Target 10 is out of bounds.")
                .example("RuntimeError: Assertion `cur_target >= 0 && cur_target < n_classes' failed.  at "
                        + "/pytorch/aten/src/THNN/generic/ClassNLLCriterion.c:93")
                .example("../aten/src/ATen/native/cuda/Loss.cu:242: nll_loss_forward_reduce_cuda_kernel_2d: block: [0,0,0], "
                        + "thread: [5,0,0] Assertion `t >= 0 && t < n_classes` failed.\n"
                        + "RuntimeError: CUDA error: device-side assert triggered")
                .repro((f, fw, v) -> {
                    long label = f.number("label", 10);
                    long classes = label >= 1 && label < 10 ? label : 10;
                    long other = label == 1 ? 0 : 1 % classes;
                    return torch(v, "logits: f32[4, " + classes + "] = " + zeros(4, classes) + "\nlabels: i64[4] = [0, "
                            + other + ", " + label + ", 0]\nloss = F.cross_entropy(logits, labels)");
                }));
        t.add(MessageTemplate.of("torch.device-side-assert", "torch", Kind.LABEL_RANGE)
                .pattern("device-side assert triggered")
                .pattern("CUDA error: an illegal memory access was encountered")
                .weak()
                .reproducedBy("torch.target-out-of-bounds")
                .example("RuntimeError: CUDA error: device-side assert triggered\nCUDA kernel errors might be "
                        + "asynchronously reported at some other API call, so the stacktrace below might be incorrect.")
                .repro((f, fw, v) -> torch("2.x", "logits: f32[4, 10] = " + zeros(4, 10)
                        + "\nlabels: i64[4] = [0, 1, 10, 0]\nloss = F.cross_entropy(logits, labels)")));
        t.add(MessageTemplate.of("torch.target-size", "torch", Kind.OTHER)
                .pattern("Expected target size (?<expected>" + SHAPE + "), got (?<got>" + SHAPE + ")")
                .pattern("Expected target size (?<expected>\\([\\d, ]*\\)), got torch\\.Size\\((?<got>" + SHAPE + ")\\)", "1.x")
                .kind(TorchMessages::targetSizeKind)
                .example("RuntimeError: Expected target size [4, 10], got [4, 8]")
                .example("ValueError: Expected target size (50, 88), got torch.Size([50, 288, 88])")
                .repro((f, fw, v) -> {
                    List<String> expected = f.shape("expected", List.of("4", "10"));
                    List<String> got = f.shape("got", List.of("4", "8"));
                    List<String> input = new ArrayList<>();
                    input.add(expected.get(0));
                    String classes = got.size() == expected.size() && expected.size() == 2 ? got.get(1)
                            : got.size() > 1 && !got.get(1).equals("10") ? "10" : "11";
                    input.add(classes);
                    input.addAll(expected.subList(1, expected.size()));
                    // one axis too many: one-hot or probability targets, which are float
                    String dtype = got.size() == expected.size() + 1 ? "f32" : "i64";
                    return torch(v, Facts.declare("logits", "f32", input) + "\n" + Facts.declare("labels", dtype, got)
                            + "\nloss = F.cross_entropy(logits, labels)");
                }));
        t.add(MessageTemplate.of("torch.spatial-target-rank", "torch", Kind.LABEL_RANK)
                .pattern("only batches of spatial targets supported \\((?:non-empty )?3D tensors\\) but got targets of "
                        + "dimension: (?<rank>\\d+)")
                .pattern("only batches of spatial targets supported \\((?:non-empty )?3D tensors\\) but got targets of "
                        + "size: ?:? ?(?<got>" + SHAPE + ")", "1.x")
                .example("RuntimeError: only batches of spatial targets supported (3D tensors) but got targets of dimension: 4")
                .example("RuntimeError: only batches of spatial targets supported (non-empty 3D tensors) but got targets "
                        + "of size: : [1, 1, 512, 512]")
                .repro((f, fw, v) -> {
                    List<String> got = f.shape("got").orElseGet(() -> {
                        long rank = f.number("rank", 4);
                        List<String> dims = new ArrayList<>(List.of("4", "1", "8", "8"));
                        return rank == 2 ? List.of("4", "8") : rank == 5 ? List.of("4", "1", "8", "8", "1") : dims;
                    });
                    // the class axis must differ from the target's second axis, or the target reads as probabilities
                    String classes = got.size() > 1 && got.get(1).equals("10") ? "11" : "10";
                    List<String> input = got.size() == 4 ? List.of(got.get(0), classes, got.get(2), got.get(3))
                            : List.of(got.get(0), "10", "8", "8");
                    return torch(v, Facts.declare("logits", "f32", input) + "\n" + Facts.declare("labels", "i64", got)
                            + "\nloss = F.cross_entropy(logits, labels)");
                }));
        t.add(MessageTemplate.of("torch.size-mismatch", "torch", Kind.OTHER)
                .pattern("size mismatch \\(got input: (?<input>" + SHAPE + ") ?, target: (?<target>" + SHAPE + ")")
                .kind(f -> {
                    List<String> in = f.shape("input", List.of());
                    List<String> tg = f.shape("target", List.of());
                    return in.size() <= 1 || !tg.isEmpty() && !in.isEmpty() && !in.get(0).equals(tg.get(0))
                            ? Kind.BATCH_SIZE : Kind.OTHER;
                })
                .example("RuntimeError: size mismatch (got input: [4, 10, 8, 8] , target: [4, 8, 7]")
                .example("RuntimeError: size mismatch (got input: [10], target: [2])")
                .repro((f, fw, v) -> {
                    List<String> in = f.shape("input", List.of("4", "10", "8", "8"));
                    List<String> tg = f.shape("target", List.of("4", "8", "7"));
                    String version = in.size() == 1 ? "1.x" : v;
                    return torch(version, Facts.declare("logits", "f32", in) + "\n" + Facts.declare("labels", "i64", tg)
                            + "\nloss = F.cross_entropy(logits, labels)");
                }));
        t.add(MessageTemplate.of("torch.unbatched-target", "torch", Kind.BATCH_SIZE)
                .pattern("For 1D input, 1D target must have size 1, but got target size: (?<m>\\d+)", "2.x")
                .pattern("Expected target to be 0D when input is 1D", "2.x")
                .example("ValueError: For 1D input, 1D target must have size 1, but got target size: 2")
                .repro((f, fw, v) -> torch("2.x", "logits: f32[10]\nlabels: i64[" + f.number("m", 2) + "]\n"
                        + "loss = F.cross_entropy(logits, labels)")));
        t.add(MessageTemplate.of("torch.bce-with-logits-size", "torch", Kind.OTHER)
                .pattern("Target size \\((?<target>" + TORCH_SIZE + ")\\) must be the same as input size \\((?<input>"
                        + TORCH_SIZE + ")\\)")
                .kind(f -> PairKind.of(f.shape("input", List.of()), f.shape("target", List.of()), Kind.OTHER))
                .example("ValueError: Target size (torch.Size([32])) must be the same as input size (torch.Size([32, 1]))")
                .repro((f, fw, v) -> torch(v, Facts.declare("logits", "f32", f.shape("input", List.of("32", "1")))
                        + "\n" + Facts.declare("targets", "f32", f.shape("target", List.of("32")))
                        + "\nloss = F.binary_cross_entropy_with_logits(logits, targets)")));
        t.add(MessageTemplate.of("torch.bce-size", "torch", Kind.OTHER)
                .pattern("Using a target size \\((?<target>" + TORCH_SIZE + ")\\) that is different to the input size "
                        + "\\((?<input>" + TORCH_SIZE + ")\\) is deprecated")
                .kind(f -> PairKind.of(f.shape("input", List.of()), f.shape("target", List.of()), Kind.OTHER))
                .example("ValueError: Using a target size (torch.Size([32])) that is different to the input size "
                        + "(torch.Size([32, 1])) is deprecated. Please ensure they have the same size.")
                .repro((f, fw, v) -> torch(v, Facts.declare("probs", "f32", f.shape("input", List.of("32", "1")))
                        + "\n" + Facts.declare("targets", "f32", f.shape("target", List.of("32")))
                        + "\nloss = F.binary_cross_entropy(probs, targets)")));
        t.add(MessageTemplate.of("torch.target-size-warning", "torch", Kind.BROADCAST)
                .pattern("Using a target size \\((?<target>" + TORCH_SIZE + ")\\) that is different to the input size "
                        + "\\((?<input>" + TORCH_SIZE + ")\\)\\. This will likely lead to incorrect results")
                .weak()
                .example("UserWarning: Using a target size (torch.Size([32])) that is different to the input size "
                        + "(torch.Size([32, 1])). This will likely lead to incorrect results due to broadcasting. "
                        + "Please ensure they have the same size.")
                .repro((f, fw, v) -> torch(v, Facts.declare("pred", "f32", f.shape("input", List.of("32", "1")))
                        + "\n" + Facts.declare("target", "f32", f.shape("target", List.of("32")))
                        + "\nloss = F.mse_loss(pred, target)")));
        t.add(MessageTemplate.of("torch.broadcast", "torch", Kind.BROADCAST)
                .pattern("The size of tensor a \\((?<a>\\d+)\\) must match the size of tensor b \\((?<b>\\d+)\\) at "
                        + "non-singleton dimension (?<dim>\\d+)")
                .example("RuntimeError: The size of tensor a (10) must match the size of tensor b (5) at non-singleton "
                        + "dimension 1")
                .repro((f, fw, v) -> {
                    int dim = (int) Math.min(f.number("dim", 1), 6);
                    List<String> a = new ArrayList<>(Collections.nCopies(dim, "4"));
                    List<String> b = new ArrayList<>(a);
                    a.add(String.valueOf(f.number("a", 10)));
                    b.add(String.valueOf(f.number("b", 5)));
                    return torch(v, Facts.declare("pred", "f32", a) + "\n" + Facts.declare("target", "f32", b)
                            + "\nloss = F.mse_loss(pred, target)");
                }));
        t.add(MessageTemplate.of("torch.broadcast-weight", "torch", Kind.BROADCAST)
                .pattern("Attempting to broadcast a dimension of length (?<length>\\d+) at (?<at>-?\\d+)! Mismatching argument "
                        + "at index \\d+ had torch\\.Size\\((?<weight>" + SHAPE + ")\\); but expected shape should be "
                        + "broadcastable to (?<target>" + SHAPE + ")", "2.x")
                .example("RuntimeError: Attempting to broadcast a dimension of length 3 at -1! Mismatching argument at "
                        + "index 1 had torch.Size([3]); but expected shape should be broadcastable to [32, 10]")
                .repro((f, fw, v) -> {
                    List<String> target = f.shape("target", List.of("32", "10"));
                    return torch("2.x", Facts.declare("probs", "f32", target) + "\n"
                            + Facts.declare("targets", "f32", target) + "\n"
                            + Facts.declare("weight", "f32", f.shape("weight", List.of("3")))
                            + "\nloss = F.binary_cross_entropy(probs, targets, weight=weight)");
                }));
        t.add(MessageTemplate.of("torch.bce-input-range", "torch", Kind.OTHER)
                .pattern("all elements of input should be between 0 and 1")
                .pattern("Assertion `input_val >= zero && input_val <= one['`] failed")
                .pattern("input value should be between 0~1", "1.x")
                .example("RuntimeError: all elements of input should be between 0 and 1")
                .example("RuntimeError: Assertion `x >= 0. && x <= 1.' failed. input value should be between 0~1, but "
                        + "got -0.4 at /pytorch/aten/src/THNN/generic/BCECriterion.c:62")
                .repro((f, fw, v) -> torch(v, "logits: f32[4, 1] = [[0.5], [-1.5], [2.0], [0.1]]\n"
                        + "targets: f32[4, 1] = [[1.0], [0.0], [1.0], [0.0]]\n"
                        + "loss = F.binary_cross_entropy(logits, targets)")));
        t.add(MessageTemplate.of("torch.bce-target-range", "torch", Kind.LABEL_RANGE)
                .pattern("all elements of target should be between 0 and 1", "2.x")
                .pattern("Assertion `target_val >= zero && target_val <= one['`] failed")
                .example("RuntimeError: all elements of target should be between 0 and 1")
                .repro((f, fw, v) -> torch("2.x", "probs: f32[4, 1] = [[0.5], [0.2], [0.9], [0.1]]\n"
                        + "targets: f32[4, 1] = [[1.0], [0.0], [2.0], [0.0]]\n"
                        + "loss = F.binary_cross_entropy(probs, targets)")));
        t.add(MessageTemplate.of("torch.bce-dtype", "torch", Kind.DTYPE)
                .pattern("Found dtype (?<found>\\w+) but expected (?<expected>\\w+)")
                .pattern("Expected object of scalar type (?<expected>Float|Double|Half) but got scalar type (?<found>\\w+) "
                        + "for argument #2 'target'", "1.x")
                .example("RuntimeError: Found dtype Long but expected Float")
                .example("RuntimeError: Expected object of scalar type Float but got scalar type Long for argument #2 "
                        + "'target' in call to _thnn_binary_cross_entropy_forward")
                .repro((f, fw, v) -> torch(v, "probs: " + f.dtype("expected", "f32") + "[32, 1]\ntargets: "
                        + f.dtype("found", "i64") + "[32, 1]\nloss = F.binary_cross_entropy(probs, targets)")));
        t.add(MessageTemplate.of("torch.result-type", "torch", Kind.DTYPE)
                .pattern("result type (?<result>\\w+) can't be cast to the desired output type (?<output>\\w+)")
                .example("RuntimeError: result type Float can't be cast to the desired output type Long")
                .repro((f, fw, v) -> torch(v, "logits: " + f.dtype("result", "f32") + "[32, 1]\ntargets: "
                        + f.dtype("output", "i64") + "[32, 1]\nloss = F.binary_cross_entropy_with_logits(logits, targets)")));
        t.add(MessageTemplate.of("torch.bool-target", "torch", Kind.DTYPE)
                .pattern("Subtraction, the `-` operator, with two bool tensors is not supported")
                .example("RuntimeError: Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
                        + "`^` or `logical_xor()` operator instead.")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 1]\ntargets: bool[32, 1]\n"
                        + "loss = F.binary_cross_entropy_with_logits(logits, targets)")));
        t.add(MessageTemplate.of("torch.kernel-dtype", "torch", Kind.DTYPE)
                .pattern("\"(?<kernel>\\w+)\" not implemented for '(?<dtype>\\w+)'")
                .example("NotImplementedError: \"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'")
                .example("RuntimeError: \"mse_cpu\" not implemented for 'Long'")
                .repro((f, fw, v) -> kernelRepro(f, v)));
        t.add(MessageTemplate.of("torch.mean-dtype", "torch", Kind.DTYPE)
                .pattern("mean\\(\\): could not infer output dtype\\. Input dtype must be either a floating point or "
                        + "complex dtype\\. Got: (?<dtype>\\w+)")
                .example("RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point "
                        + "or complex dtype. Got: Long")
                .repro((f, fw, v) -> {
                    String dtype = f.dtype("dtype", "i64");
                    return torch(v, "pred: " + dtype + "[32, 1]\ntarget: " + dtype + "[32, 1]\n"
                            + "loss = F.l1_loss(pred, target)");
                }));
        t.add(MessageTemplate.of("torch.one-hot-range", "torch", Kind.LABEL_RANGE)
                .pattern("Class values must be (?<which>smaller than num_classes|non-negative)")
                .example("RuntimeError: Class values must be smaller than num_classes.")
                .example("RuntimeError: Class values must be non-negative.")
                .repro((f, fw, v) -> torch(v, f.text("which").orElse("").startsWith("non")
                        ? "labels: i64[4] = [0, -1, 2, 1]\ny = F.one_hot(labels, num_classes=3)"
                        : "labels: i64[4] = [0, 1, 2, 3]\ny = F.one_hot(labels, num_classes=3)")));
        t.add(MessageTemplate.of("torch.one-hot-dtype", "torch", Kind.DTYPE)
                .pattern("one_hot is only applicable to index tensor of type LongTensor", "2.x")
                .pattern("one_hot is only applicable to index tensor\\.", "1.x")
                .example("RuntimeError: one_hot is only applicable to index tensor of type LongTensor.")
                .example("RuntimeError: one_hot is only applicable to index tensor.")
                .repro((f, fw, v) -> torch(v, "labels: f32[4] = [0.0, 1.0, 2.0, 1.0]\n"
                        + "y = F.one_hot(labels, num_classes=3)")));
        t.add(MessageTemplate.of("torch.weight-classes", "torch", Kind.CLASS_COUNT)
                .pattern("(?<prob>cross_entropy: )?weight tensor should be defined either for all (?<classes>\\d+) classes "
                        + "or no classes but got weight tensor of shape: (?<weight>" + SHAPE + ")")
                .pattern("weight tensor should be defined either for all or no classes")
                .example("RuntimeError: weight tensor should be defined either for all 10 classes or no classes but got "
                        + "weight tensor of shape: [5]")
                .repro((f, fw, v) -> {
                    if (f.text("classes").isEmpty()) {
                        return torch(v, "logits: f32[4, 10, 8, 8]\nlabels: i64[4, 8, 8]\nweight: f32[5]\n"
                                + "loss = F.cross_entropy(logits, labels, weight=weight)");
                    }
                    long classes = f.number("classes", 10);
                    String labels = f.text("prob").isPresent() ? "labels: f32[32, " + classes + "]" : "labels: i64[32]";
                    return torch(v, "logits: f32[32, " + classes + "]\n" + labels + "\n"
                            + Facts.declare("weight", "f32", f.shape("weight", List.of("5")))
                            + "\nloss = F.cross_entropy(logits, labels, weight=weight)");
                }));
        t.add(MessageTemplate.of("torch.input-dtype", "torch", Kind.DTYPE)
                .pattern("expected scalar type (?<expected>Float|Double|Half|BFloat16) but found (?<found>\\w+)", "1.x")
                .pattern("mat1 and mat2 must have the same dtype(?:, but got (?<found>\\w+) and (?<expected>\\w+))?", "2.x")
                .pattern("Expected object of scalar type (?<expected>Float|Double) but got scalar type (?<found>\\w+) for "
                        + "argument #\\d+ '(?<argument>mat1|mat2|self|input|weight)'", "1.x")
                .example("RuntimeError: expected scalar type Float but found Double")
                .example("RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float")
                .repro((f, fw, v) -> {
                    // the argument named got the odd dtype; a layer's weights are float32, so the input has the other
                    boolean weightsOdd = f.text("argument").map(a -> a.equals("mat2") || a.equals("weight")).orElse(false);
                    String input = weightsOdd ? f.dtype("expected", "f64") : f.dtype("found", "f64");
                    return torch(v, "x: " + (input.equals("f32") ? "f64" : input) + "[32, 10]\nfc = nn.Linear(10, 2)\n"
                            + "y = fc(x)");
                }));
        t.add(MessageTemplate.of("torch.dim-range", "torch", Kind.OTHER)
                .pattern("Dimension out of range \\(expected to be in range of \\[(?<low>-?\\d+), (?<high>-?\\d+)\\], but got "
                        + "(?<dim>-?\\d+)\\)")
                .example("IndexError: Dimension out of range (expected to be in range of [-1, 0], but got 1)")
                .repro((f, fw, v) -> {
                    long rank = Math.max(1, f.number("high", 0) + 1);
                    List<String> dims = new ArrayList<>();
                    for (long i = 0; i < Math.min(rank, 6); i++) {
                        dims.add(i == 0 ? "32" : "10");
                    }
                    return torch(v, Facts.declare("x", "f32", dims) + "\ny = F.softmax(x, dim=" + f.number("dim", 1) + ")");
                }));
        t.add(MessageTemplate.of("torch.too-many-indices", "torch", Kind.LABEL_RANK)
                .pattern("too many indices for tensor of dimension (?<rank>\\d+)")
                .example("IndexError: too many indices for tensor of dimension 1")
                .repro((f, fw, v) -> {
                    long rank = Math.max(0, Math.min(f.number("rank", 1), 5));
                    List<String> dims = new ArrayList<>();
                    List<String> index = new ArrayList<>();
                    for (long i = 0; i < rank; i++) {
                        dims.add(i == 0 ? "32" : "10");
                        index.add(":");
                    }
                    index.add("0");
                    return torch(v, Facts.declare("labels", "i64", dims) + "\ny = labels[" + String.join(", ", index) + "]");
                }));
        t.add(MessageTemplate.of("torch.ignore-index-probabilities", "torch", Kind.LABEL_ENCODING)
                .pattern("ignore_index is not supported for floating point target")
                .example("RuntimeError: ignore_index is not supported for floating point target")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: f32[32, 10]\n"
                        + "loss = F.cross_entropy(logits, labels, ignore_index=0)")));
        t.add(MessageTemplate.of("torch.label-smoothing", "torch", Kind.OTHER)
                .pattern("label_smoothing must be between 0\\.0 and 1\\.0\\. Got: (?<value>[-\\d.e+]+)")
                .example("RuntimeError: label_smoothing must be between 0.0 and 1.0. Got: 1.5")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, "
                        + "labels, label_smoothing=" + f.text("value").orElse("1.5") + ")")));
        t.add(MessageTemplate.of("torch.reduction", "torch", Kind.OTHER)
                .pattern("(?<value>[^\\s:][^\\n:]*?) is not a valid value for reduction")
                .example("ValueError: bogus is not a valid value for reduction")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, "
                        + "labels, reduction=\"" + f.text("value").orElse("bogus").replaceAll("['\"]", "") + "\")")));
        t.add(MessageTemplate.of("torch.invalid-reduction-mode", "torch", Kind.OTHER)
                .pattern("Invalid reduction mode: (?<value>[\\w.'\"-]+)\\. Expected one of 'none', 'mean', 'sum'", "2.x")
                .example("ValueError: Invalid reduction mode: bogus. Expected one of 'none', 'mean', 'sum'.")
                .repro((f, fw, v) -> torch("2.x", "pred: f32[32, 1]\ntarget: f32[32, 1]\nloss = F.mse_loss(pred, "
                        + "target, weight=pred, reduction=\"" + f.text("value").orElse("bogus") + "\")")));
        t.add(MessageTemplate.of("torch.loss-parameter", "torch", Kind.OTHER)
                .pattern("(?<loss>smooth_l1_loss) does not support negative values for (?<param>beta)")
                .pattern("(?<loss>huber_loss) does not support non-positive values for (?<param>delta)")
                .example("RuntimeError: smooth_l1_loss does not support negative values for beta.")
                .example("RuntimeError: huber_loss does not support non-positive values for delta.")
                .repro((f, fw, v) -> torch(v, "pred: f32[32, 1]\ntarget: f32[32, 1]\nloss = F."
                        + f.text("loss").orElse("huber_loss") + "(pred, target, " + f.text("param").orElse("delta")
                        + (f.text("param").orElse("").equals("beta") ? "=-1.0)" : "=0.0)"))));
        t.add(MessageTemplate.of("torch.loss-weight-size", "torch", Kind.BROADCAST)
                .pattern("Weights and input must have the same size", "2.x")
                .example("ValueError: Weights and input must have the same size.")
                .repro((f, fw, v) -> torch("2.x", "pred: f32[32, 1]\ntarget: f32[32, 1]\nweight: f32[32]\n"
                        + "loss = F.mse_loss(pred, target, weight=weight)")));
        t.add(MessageTemplate.of("torch.unexpected-keyword", "torch", Kind.OTHER)
                .pattern("(?<function>\\w+)\\(\\) got an unexpected keyword argument '(?<keyword>\\w+)'")
                .weak()
                .example("TypeError: mse_loss() got an unexpected keyword argument 'weight'")
                .repro((f, fw, v) -> torch("1.x", "pred: f32[32, 1]\ntarget: f32[32, 1]\nweight: f32[32, 1]\n"
                        + "loss = F." + (f.text("function").filter(n -> n.endsWith("_loss")).orElse("mse_loss"))
                        + "(pred, target, " + f.text("keyword").orElse("weight") + "=weight)")));
        t.add(MessageTemplate.of("torch.kl-div-integral", "torch", Kind.DTYPE)
                .pattern("kl_div: Integral inputs not supported", "2.x")
                .example("RuntimeError: kl_div: Integral inputs not supported.")
                .repro((f, fw, v) -> torch("2.x", "logp: i64[32, 10]\ntarget: i64[32, 10]\n"
                        + "loss = F.kl_div(logp, target, reduction=\"batchmean\")")));
        t.add(MessageTemplate.of("torch.kl-div-mean", "torch", Kind.OTHER)
                .pattern("reduction: 'mean' divides the total loss by both the batch size and the support size")
                .weak()
                .example("UserWarning: reduction: 'mean' divides the total loss by both the batch size and the support "
                        + "size.'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                        + "'mean' will be changed to behave the same as 'batchmean' in the next major release.")
                .repro((f, fw, v) -> torch(v, "logp: f32[32, 10]\ntarget: f32[32, 10]\nloss = F.kl_div(logp, target)")));
        t.add(MessageTemplate.of("torch.elementwise-mean", "torch", Kind.OTHER)
                .pattern("reduction='elementwise_mean' is deprecated")
                .weak()
                .example("UserWarning: reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: i64[32]\n"
                        + "loss = F.cross_entropy(logits, labels, reduction=\"elementwise_mean\")")));
        t.add(MessageTemplate.of("torch.legacy-reduction", "torch", Kind.OTHER)
                .pattern("size_average and reduce args will be deprecated, please use reduction='(?<value>\\w+)' instead")
                .weak()
                .example("UserWarning: size_average and reduce args will be deprecated, please use reduction='sum' "
                        + "instead.")
                .repro((f, fw, v) -> torch(v, "logits: f32[32, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, "
                        + "labels, " + (f.text("value").orElse("sum").equals("none") ? "reduce=False"
                        : f.text("value").orElse("sum").equals("mean") ? "size_average=True" : "size_average=False")
                        + ")")));
        t.add(MessageTemplate.of("torch.input-rank", "torch", Kind.OTHER)
                .pattern("Expected (?<least>\\d) or more dimensions \\(got (?<got>\\d+)\\)")
                .example("ValueError: Expected 1 or more dimensions (got 0)")
                .repro((f, fw, v) -> torch(v, "logp: f32[]\nlabels: i64[]\nloss = F.nll_loss(logp, labels)")));
        t.add(MessageTemplate.of("torch.matmul", "torch", Kind.OTHER)
                .pattern("mat1 and mat2 shapes cannot be multiplied \\((?<a>\\d+)x(?<b>\\d+) and (?<c>\\d+)x(?<d>\\d+)\\)")
                .pattern("size mismatch, m1: \\[(?<a>\\d+) x (?<b>\\d+)\\], m2: \\[(?<c>\\d+) x (?<d>\\d+)\\]", "1.x")
                .example("RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x800 and 512x10)")
                .example("RuntimeError: size mismatch, m1: [64 x 800], m2: [512 x 10] at /pytorch/aten/src/TH/generic/THTensorMath.cpp:41")
                .repro((f, fw, v) -> torch(v, "x: f32[" + f.number("a", 64) + ", " + f.number("b", 800) + "]\n"
                        + "fc = nn.Linear(" + f.number("c", 512) + ", " + f.number("d", 10) + ")\ny = fc(x)")));
        t.add(MessageTemplate.of("torch.view", "torch", Kind.OTHER)
                .pattern("shape '(?<shape>" + SHAPE + ")' is invalid for input of size (?<numel>\\d+)")
                .pattern("size '(?<shape>\\[[-\\d x]*\\])' is invalid for input with (?<numel>\\d+) elements", "1.x")
                .example("RuntimeError: shape '[-1, 400]' is invalid for input of size 9216")
                .example("RuntimeError: invalid argument 2: size '[-1 x 400]' is invalid for input with 1024 elements at "
                        + "/pytorch/aten/src/TH/THStorage.cpp:37")
                .repro((f, fw, v) -> {
                    List<String> shape = f.shape("shape", List.of("17", "8"));
                    return torch(v, "x: f32[" + f.number("numel", 119) + "]\ny = x.view(" + String.join(", ", shape)
                            + ")");
                }));
        t.add(MessageTemplate.of("torch.expand", "torch", Kind.BROADCAST)
                .pattern("The expanded size of the tensor \\((?<want>-?\\d+)\\) must match the existing size "
                        + "\\((?<have>\\d+)\\) at non-singleton dimension (?<dim>\\d+)\\.\\s+Target sizes: (?<target>"
                        + SHAPE + ")\\.\\s+Tensor sizes: (?<sizes>" + SHAPE + ")")
                .example("RuntimeError: The expanded size of the tensor (5) must match the existing size (3) at "
                        + "non-singleton dimension 1.  Target sizes: [4, 5].  Tensor sizes: [4, 3]")
                .repro((f, fw, v) -> torch(v, Facts.declare("x", "f32", f.shape("sizes", List.of("4", "3")))
                        + "\ny = x.expand(" + String.join(", ", f.shape("target", List.of("4", "5"))) + ")")));
        t.add(MessageTemplate.of("torch.cat", "torch", Kind.OTHER)
                .pattern("Sizes of tensors must match except in dimension (?<dim>\\d+)\\. (?:Expected size|Got) "
                        + "(?<expected>\\d+) (?:but got size|and) (?<got>\\d+)")
                .example("RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 4 but got size 5 "
                        + "for tensor number 1 in the list.")
                .repro((f, fw, v) -> {
                    long dim = Math.min(f.number("dim", 1), 1);
                    String a = dim == 1 ? f.number("expected", 4) + ", 3" : "3, " + f.number("expected", 4);
                    String b = dim == 1 ? f.number("got", 5) + ", 3" : "3, " + f.number("got", 5);
                    return torch(v, "a: f32[" + a + "]\nb: f32[" + b + "]\ny = torch.cat([a, b], dim=" + dim + ")");
                }));
        t.add(MessageTemplate.of("torch.stack", "torch", Kind.OTHER)
                .pattern("stack expects each tensor to be equal size, but got (?<first>" + SHAPE + ") at entry 0 and "
                        + "(?<other>" + SHAPE + ") at entry (?<entry>\\d+)")
                .example("RuntimeError: stack expects each tensor to be equal size, but got [3, 224, 224] at entry 0 and "
                        + "[1, 224, 224] at entry 3")
                .repro((f, fw, v) -> torch(v, Facts.declare("a", "f32", f.shape("first", List.of("3")))
                        + "\n" + Facts.declare("b", "f32", f.shape("other", List.of("4")))
                        + "\ny = torch.stack([a, b])")));
        return List.copyOf(t);
    }

    /** A literal of zeros, so value checks (label ranges) run. */
    static String zeros(long rows, long cols) {
        String row = "[" + String.join(", ", Collections.nCopies((int) cols, "0.0")) + "]";
        return "[" + String.join(", ", Collections.nCopies((int) rows, row)) + "]";
    }

    static Repro torch(String version, String body) {
        return new Repro("torch", version.equals("1.x") ? "1.13" : "", body);
    }

    private static Kind targetSizeKind(Facts f) {
        List<String> expected = f.shape("expected", List.of());
        List<String> got = f.shape("got", List.of());
        if (got.size() == expected.size() + 1) {
            return Kind.LABEL_ENCODING;
        }
        if (got.size() == expected.size() && got.size() == 2) {
            // [N, T, C] logits read as [N, C, T]: the classes were taken from the wrong axis
            return Kind.CLASS_COUNT;
        }
        if (got.size() + 1 == expected.size()) {
            return Kind.LABEL_RANK;
        }
        return Kind.OTHER;
    }

    private static Repro kernelRepro(Facts f, String version) {
        String kernel = f.text("kernel").orElse("");
        String dtype = f.dtype("dtype", "i64");
        String v = version.equals("1.x") ? "1.x" : "2.x";
        if (kernel.contains("mse")) {
            return torch(v, "pred: " + dtype + "[32, 1]\ntarget: " + dtype + "[32, 1]\nloss = F.mse_loss(pred, target)");
        }
        if (kernel.contains("smooth_l1")) {
            return torch(v, "pred: " + dtype + "[32, 1]\ntarget: " + dtype + "[32, 1]\n"
                    + "loss = F.smooth_l1_loss(pred, target)");
        }
        if (kernel.contains("huber")) {
            return torch(v, "pred: " + dtype + "[32, 1]\ntarget: " + dtype + "[32, 1]\n"
                    + "loss = F.huber_loss(pred, target)");
        }
        if (kernel.equals("binary_cross_entropy")) {
            return torch("1.x", "probs: " + dtype + "[32, 1]\ntargets: " + dtype + "[32, 1]\n"
                    + "loss = F.binary_cross_entropy(probs, targets)");
        }
        if (kernel.contains("bitwise_not")) {
            return torch(v, "x: " + dtype + "[32]\ny = ~x");
        }
        return torch(v, "logits: " + dtype + "[32, 10]\nlabels: i64[32]\nloss = F.cross_entropy(logits, labels)");
    }
}
