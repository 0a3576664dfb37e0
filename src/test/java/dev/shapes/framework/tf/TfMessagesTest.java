package dev.shapes.framework.tf;

import static dev.shapes.framework.Programs.fails;

import dev.shapes.framework.Programs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * TensorFlow texts the recordings do not cover, each checked against the
 * tensorflow/tensorflow file it comes from (Python files as shipped in 2.21;
 * TF 1.x texts from the 1.x sources quoted in ../shared/reference/framework-messages.md §2).
 */
class TfMessagesTest {

    @TestFactory
    Stream<DynamicTest> sessions() {
        return Programs.tests(List.of(
                fails("tensorflow/python/client/session.py (TF 2)", "ValueError", "Cannot feed value of shape (100,) "
                                + "for Tensor Placeholder:0, which has shape (None, 10)",
                        "use tf", "x: f32[None, 10]", "a: f32[100]", "sess = tf.compat.v1.Session()",
                        "r = sess.run(x, feed_dict={x: a})"),
                fails("tensorflow/python/client/session.py (TF 1.x)", "ValueError", "Cannot feed value of shape (100,) "
                                + "for Tensor 'Placeholder_1:0', which has shape '(?, 10)'",
                        "use tf 1", "x: f32[None, 784]", "y_: f32[None, 10]", "a: f32[100]", "sess = tf.Session()",
                        "r = sess.run(y_, feed_dict={y_: a})"),
                fails("tensorflow/core/kernels/placeholder_op.cc", "InvalidArgumentError", "You must feed a value for "
                                + "placeholder tensor 'Placeholder' with dtype float and shape [?,10]\n\t [[{{node "
                                + "Placeholder}}]]",
                        "use tf 1", "x: f32[None, 10]", "y = x * 2.0", "sess = tf.Session()", "r = sess.run(y)"),
                fails("tensorflow/python/ops/array_ops.py (placeholder)", "RuntimeError",
                        "tf.placeholder() is not compatible with eager execution.",
                        "use tf", "x = tf.compat.v1.placeholder(tf.float32, [None, 10])"),
                fails("TF 2 API (tf.Session moved to tf.compat.v1)", "AttributeError",
                        "module 'tensorflow' has no attribute 'Session'",
                        "use tf", "s = tf.Session()"),
                fails("TF 2 API (tf.train optimizers moved to tf.compat.v1.train)", "AttributeError",
                        "module 'tensorflow._api.v2.train' has no attribute 'GradientDescentOptimizer'",
                        "use tf", "o = tf.train.GradientDescentOptimizer(0.1)"),
                fails("tensorflow/core/kernels/variable_ops.cc (TF 1.x)", "FailedPreconditionError",
                        "Attempting to use uninitialized value Variable\n\t [[{{node Variable/read}}]]",
                        "use tf 1", "x: f32[None, 784]", "W = tf.Variable(tf.zeros([784, 10]))", "y = tf.matmul(x, W)",
                        "sess = tf.Session()", "a: f32[5, 784]", "r = sess.run(y, feed_dict={x: a})"),
                fails("tensorflow/core/kernels/sparse_xent_op.cc (at sess.run: shapes only known then)",
                        "InvalidArgumentError", "logits and labels must have the same first dimension, got logits shape "
                                + "[32,3] and labels shape [16]\n\t [[{{node SparseSoftmaxCrossEntropyWithLogits}}]]",
                        "use tf graph", "x: f32[None, 10]", "lab: i64[None]", "W = tf.Variable(tf.zeros([10, 3]))",
                        "lo = tf.matmul(x, W)",
                        "loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=lo)",
                        "sess = tf.compat.v1.Session()", "sess.run(tf.compat.v1.global_variables_initializer())",
                        "xb: f32[32, 10]", "yb: i64[16]", "r = sess.run(loss, feed_dict={x: xb, lab: yb})")));
    }

    @TestFactory
    Stream<DynamicTest> graphBuilding() {
        return Programs.tests(List.of(
                fails("tensorflow/core/framework/common_shape_fns.cc (MatMulShape), TF 1.x node text", "ValueError",
                        "Dimensions must be equal, but are 784 and 500 for 'MatMul' (op: 'MatMul') with input shapes: "
                                + "[?,784], [500,10].",
                        "use tf 1", "x: f32[None, 784]", "W = tf.Variable(tf.zeros([500, 10]))", "y = tf.matmul(x, W)"),
                fails("tensorflow/core/framework/common_shape_fns.cc (MatMulShape), TF 2 NodeDef text", "ValueError",
                        "Dimensions must be equal, but are 784 and 500 for '{{node MatMul}} = MatMul[T=DT_FLOAT, "
                                + "transpose_a=false, transpose_b=false](Placeholder, Variable/read)' with input shapes: "
                                + "[?,784], [500,10].",
                        "use tf graph", "x: f32[None, 784]", "W = tf.Variable(tf.zeros([500, 10]))",
                        "y = tf.matmul(x, W)"),
                fails("tensorflow/core/framework/common_shape_fns.cc (BroadcastBinaryOpOutputShapeFnHelper)",
                        "ValueError", "Dimensions must be equal, but are 3 and 4 for '{{node add}} = "
                                + "AddV2[T=DT_FLOAT](Placeholder, Const)' with input shapes: [?,3], [4].",
                        "use tf graph", "a: f32[None, 3]", "b: f32[4]", "c = a + b"),
                fails("tensorflow/python/framework/op_def_library.py (graph dtype check)", "TypeError",
                        "Input 'y' of 'AddV2' Op has type float64 that does not match type float32 of argument 'x'.",
                        "use tf graph", "a: f32[None, 3]", "b: f64[2, 3]", "c = a + b"),
                fails("tensorflow/core/ops/array_ops.cc (SetOutputShapeForReshape)", "ValueError", "Cannot reshape a "
                                + "tensor with 264 elements to shape [2,1] (2 elements) for '{{node Reshape}} = "
                                + "Reshape[T=DT_FLOAT, Tshape=DT_INT32](Const, Reshape/shape)' with input shapes: "
                                + "[24,11], [2] and with input tensors computed as partial shapes: input[1] = [2,1].",
                        "use tf graph", "a: f32[24, 11]", "c = tf.reshape(a, [2, 1])")));
    }

    @TestFactory
    Stream<DynamicTest> eagerKernels() {
        return Programs.tests(List.of(
                fails("tensorflow/core/kernels/matmul_op_impl.h", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Matrix "
                                + "size-incompatible: In[0]: [2,3], In[1]: [4,5] [Op:MatMul] name: ",
                        "use tf", "a: f32[2, 3]", "b: f32[4, 5]", "c = tf.matmul(a, b)"),
                fails("tensorflow/core/kernels/matmul_op_impl.h (BatchMatMulV2)", "InvalidArgumentError",
                        "{{function_node __wrapped__BatchMatMulV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
                                + "In[0] ndims must be >= 2: 1 [Op:BatchMatMulV2] name: ",
                        "use tf", "a: f32[3]", "b: f32[3, 5]", "c = tf.matmul(a, b)"),
                fails("tensorflow/core/util/bcast.h (via cwise_ops_common.cc)", "InvalidArgumentError",
                        "{{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
                                + "Incompatible shapes: [2,3] vs. [2,4] [Op:AddV2] name: ",
                        "use tf", "a: f32[2, 3]", "b: f32[2, 4]", "c = a + b"),
                fails("tensorflow/python/eager/execute.py (dtype of an input)", "InvalidArgumentError", "cannot compute "
                                + "AddV2 as input #1(zero-based) was expected to be a float tensor but is a double tensor "
                                + "[Op:AddV2] name: ",
                        "use tf", "a: f32[2, 3]", "b: f64[2, 3]", "c = a + b"),
                fails("tensorflow/python/framework/constant_op.py (convert_to_eager_tensor)", "TypeError",
                        "Cannot convert 0.5 to EagerTensor of dtype int64",
                        "use tf", "a: i64[2, 3]", "c = a * 0.5"),
                fails("tensorflow/core/kernels/concat_op.cc", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__ConcatV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} ConcatOp : "
                                + "Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [2,4] "
                                + "[Op:ConcatV2] name: ",
                        "use tf", "a: f32[2, 3]", "b: f32[2, 4]", "c = tf.concat([a, b], 0)"),
                fails("tensorflow/core/kernels/reduction_ops_common.cc", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__Sum_device_/job:localhost/replica:0/task:0/device:CPU:0}} Invalid reduction "
                                + "dimension (2 for input with 2 dimension(s) [Op:Sum] name: ",
                        "use tf", "a: f32[2, 3]", "c = tf.reduce_sum(a, axis=2)"),
                fails("tensorflow/core/kernels/argmax_op.cc", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__ArgMax_device_/job:localhost/replica:0/task:0/device:CPU:0}} Expected "
                                + "dimension in the range [-2, 2), but got 2 [Op:ArgMax] name: ",
                        "use tf", "a: f32[2, 3]", "c = tf.argmax(a, axis=2)"),
                fails("tensorflow/core/kernels/shape_ops.h (ExpandDimsOp)", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__ExpandDims_device_/job:localhost/replica:0/task:0/device:CPU:0}} Tried to "
                                + "expand dim index 3 for tensor with 2 dimensions. [Op:ExpandDims] name: ",
                        "use tf", "a: f32[2, 3]", "c = tf.expand_dims(a, 3)"),
                fails("tensorflow/core/kernels/shape_ops.h (SqueezeOp)", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__Squeeze_device_/job:localhost/replica:0/task:0/device:CPU:0}} Tried to "
                                + "squeeze dim index 3 for tensor with 2 dimensions. [Op:Squeeze] name: ",
                        "use tf", "a: f32[2, 3]", "c = tf.squeeze(a, axis=3)"),
                fails("tensorflow/core/kernels/one_hot_op.cc", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__OneHot_device_/job:localhost/replica:0/task:0/device:CPU:0}} depth must be "
                                + "non-negative, got: -1 [Op:OneHot] name: ",
                        "use tf", "x = tf.one_hot([1, 2], -1)"),
                fails("tensorflow/python/framework/op_def_library.py (list argument length)", "ValueError",
                        "List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 2.",
                        "use tf", "y = tf.concat([], 0)"),
                fails("tensorflow/python/ops/array_ops.py (stack)", "ValueError",
                        "Argument `axis` = 5 not in range [-3, 3)",
                        "use tf", "x: f32[2, 3]", "y = tf.stack([x, x], axis=5)"),
                fails("tensorflow/core/util/strided_slice_op.cc", "InvalidArgumentError", "{{function_node "
                                + "__wrapped__StridedSlice_device_/job:localhost/replica:0/task:0/device:CPU:0}} slice "
                                + "index 2 of dimension 0 out of bounds. [Op:StridedSlice] name: ",
                        "use tf", "a: f32[2, 3]", "c = a[2]")));
    }

    @TestFactory
    Stream<DynamicTest> crossEntropies() {
        return Programs.tests(List.of(
                fails("tensorflow/python/ops/nn_ops.py (sparse_softmax_cross_entropy_with_logits)", "ValueError",
                        "`logits` cannot be a scalar. Received logits=tf.Tensor(..., shape=(), dtype=float32)`",
                        "use tf", "l: f32[]", "lo: f32[]",
                        "c = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=l, logits=lo)"),
                fails("tensorflow/core/ops/nn_ops.cc (SparseSoftmaxCrossEntropyWithLogits op def)",
                        "InvalidArgumentError", "Value for attr 'T' of int32 is not in the list of allowed values: half, "
                                + "bfloat16, float, double\n\t; NodeDef: {{node SparseSoftmaxCrossEntropyWithLogits}}; "
                                + "Op<name=SparseSoftmaxCrossEntropyWithLogits; signature=features:T, labels:Tlabels -> "
                                + "loss:T, backprop:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]; "
                                + "attr=Tlabels:type,default=DT_INT64,allowed=[DT_INT32, DT_INT64]> "
                                + "[Op:SparseSoftmaxCrossEntropyWithLogits] name: ",
                        "use tf", "lo: i32[3, 4]", "l: i64[3]",
                        "c = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=l, logits=lo)"),
                fails("tensorflow/python/ops/nn_ops.py (TF 1.x)", "ValueError",
                        "Rank mismatch: Rank of labels (received 2) should equal rank of logits minus 1 (received 2).",
                        "use tf 1", "lo: f32[3, 4]", "l: i64[3, 1]",
                        "c = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=l, logits=lo)"),
                fails("tensorflow/python/ops/nn_ops.py (TF 1.x)", "ValueError", "Shape mismatch: The shape of labels "
                                + "(received (2,)) should equal the shape of logits except for the last dimension "
                                + "(received (3, 4)).",
                        "use tf 1", "lo: f32[3, 4]", "l: i64[2]",
                        "c = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=l, logits=lo)"),
                fails("tensorflow/python/ops/nn_impl.py (TF 1.x sigmoid_cross_entropy_with_logits)", "ValueError",
                        "logits and labels must have the same shape ((3, 1) vs (3,))",
                        "use tf 1", "lo: f32[3, 1]", "l: f32[3]",
                        "c = tf.nn.sigmoid_cross_entropy_with_logits(labels=l, logits=lo)"),
                fails("tensorflow/python/ops/nn_impl.py (labels * logits with int labels)", "InvalidArgumentError",
                        "cannot compute Mul as input #1(zero-based) was expected to be a float tensor but is a int32 "
                                + "tensor [Op:Mul] name: ",
                        "use tf", "lo: f32[3, 1]", "l: i32[3, 1]",
                        "c = tf.nn.sigmoid_cross_entropy_with_logits(labels=l, logits=lo)"),
                fails("tensorflow/python/ops/nn_ops.py (_ensure_xent_args)", "ValueError", "Both `labels` and `logits` "
                                + "must be provided for softmax_cross_entropy_with_logitsReceived: labels=None and "
                                + "logits=tf.Tensor(..., shape=(3, 4), dtype=float32)",
                        "use tf", "lo: f32[3, 4]", "c = tf.nn.softmax_cross_entropy_with_logits(logits=lo)")));
    }
}
