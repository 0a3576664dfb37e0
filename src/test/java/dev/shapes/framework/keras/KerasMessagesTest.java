package dev.shapes.framework.keras;

import static dev.shapes.framework.Programs.fails;
import static dev.shapes.framework.Programs.warns;

import dev.shapes.framework.Programs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keras texts the recordings (cases-keras-tf.jsonl) do not cover, each
 * checked against the keras-team/keras (master 3422977a) or
 * keras-team/tf-keras (master dd0a7237) file it comes from. Python sets
 * print in hash order; where a text holds one, the order here is the source's.
 */
class KerasMessagesTest {

    @TestFactory
    Stream<DynamicTest> keras3Losses() {
        return Programs.tests(List.of(
                fails("keras/src/losses/loss.py", "ValueError", "Invalid value for argument `reduction`. Expected one "
                                + "of {'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. "
                                + "Received: reduction=bogus",
                        "use keras", "l = losses.SparseCategoricalCrossentropy(reduction=\"bogus\")"),
                fails("keras/src/losses/losses.py", "ValueError",
                        "`axis` must be of type `int`. Received: axis=True of type <class 'bool'>",
                        "use keras", "p: f32[4, 3]", "t: f32[4, 3]", "l = losses.categorical_crossentropy(t, p, axis=True)"),
                fails("keras/src/backend/tensorflow/nn.py", "ValueError",
                        "Only axis=-1 is currently supported. Received: axis=0",
                        "use keras", "p: f32[4, 3]", "t: i64[4]", "l = losses.SparseCategoricalCrossentropy(axis=0)(t, p)"),
                fails("keras/src/backend/tensorflow/nn.py", "ValueError", "Arguments `target` and `output` must be at "
                                + "least rank 1. Received: target.shape=(), output.shape=()",
                        "use keras", "p: f32[]", "t: f32[]", "l = losses.categorical_crossentropy(t, p)"),
                warns("keras/src/backend/tensorflow/nn.py (_get_logits)", "\"`categorical_crossentropy` received "
                                + "`from_logits=True`, but the `output` argument was produced by a Softmax activation and "
                                + "thus does not represent logits. Was this intended?",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3, activation=\"softmax\")])",
                        "m.compile(loss=losses.CategoricalCrossentropy(from_logits=True))", "x: f32[8, 4]",
                        "y: f32[8, 3]", "m.fit(x, y)")));
    }

    @TestFactory
    Stream<DynamicTest> keras3Layers() {
        return Programs.tests(List.of(
                fails("keras/src/layers/input_spec.py (LSTM's InputSpec(ndim=3))", "ValueError", "Input 0 with name "
                                + "'None' of layer 'lstm' is incompatible with the layer: expected ndim=3, found ndim=2. "
                                + "Full shape received: (None, 10)",
                        "use keras", "m = Sequential([Input(shape=(10,)), LSTM(4)])"),
                fails("keras/src/models/functional.py (input_spec) + keras/src/layers/input_spec.py", "ValueError",
                        "Input 0 with name 'input_layer' of layer 'functional' is incompatible with the layer: expected "
                                + "shape=(None, 4), found shape=(16, 31)",
                        "use keras", "i = Input(shape=(4,))", "m = keras.Model(i, Dense(2)(i))", "x: f32[16, 31]",
                        "h = m(x)"),
                fails("keras/src/models/functional.py (_adjust_input_rank)", "ValueError", "Invalid input shape for "
                                + "input <KerasTensor shape=(16, 4, 3), dtype=float32, sparse=False, ragged=False, "
                                + "name=keras_tensor> with name 'input_layer' and path ''. Expected shape (None, 4), but "
                                + "input has incompatible shape (16, 4, 3)",
                        "use keras", "i = Input(shape=(4,))", "m = keras.Model(i, Dense(2)(i))", "x: f32[16, 4, 3]",
                        "h = m(x)"),
                fails("keras/src/models/sequential.py", "ValueError", "Only instances of `keras.Layer` can be added to a "
                                + "Sequential model. Received: 'dense' (of type <class 'str'>)",
                        "use keras", "m = Sequential([Input(shape=(4,)), \"dense\"])"),
                fails("keras/src/models/sequential.py", "ValueError", "All layers added to a Sequential model should "
                                + "have unique names. Name 'd' is already the name of a layer in this model. Update the "
                                + "`name` argument to pass a unique name.",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3, name=\"d\"), Dense(3, name=\"d\")])"),
                fails("keras/src/models/sequential.py", "ValueError", "Sequential model 'sequential' has already been "
                                + "configured to use input shape (None, 4). You cannot add a different Input layer to it.",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])", "m.add(Input(shape=(5,)))"),
                warns("keras/src/layers/layer.py", "Do not pass an `input_shape`/`input_dim` argument to a layer. "
                                + "When using Sequential models, prefer using an `Input(shape)` object as the first layer "
                                + "in the model instead.",
                        "use keras", "d = Dense(3, input_shape=(4,))"),
                fails("keras/src/layers/layer.py", "ValueError",
                        "Unrecognized keyword arguments passed to Dense: {'kernel_size': 3}",
                        "use keras", "d = Dense(3, kernel_size=3)"),
                fails("keras/src/layers/core/dense.py", "ValueError",
                        "Received an invalid value for `units`, expected a positive integer. Received: units=0",
                        "use keras", "d = Dense(0)"),
                fails("keras/src/layers/convolutional/base_conv.py", "ValueError",
                        "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.",
                        "use keras", "c = Conv2D(0, 3)"),
                fails("keras/src/utils/argument_validation.py (standardize_tuple)", "ValueError", "The `kernel_size` "
                                + "argument must be a tuple of 2 integers. Received kernel_size=(3, 0), including values "
                                + "{0} that do not satisfy `value > 0`",
                        "use keras", "c = Conv2D(8, (3, 0))"),
                fails("keras/src/utils/argument_validation.py (standardize_padding)", "ValueError", "The `padding` "
                                + "argument must be a list/tuple or one of {'valid', 'same'}. Received: full",
                        "use keras", "c = Conv2D(8, 3, padding=\"full\")"),
                fails("keras/src/ops/operation_utils.py (compute_pooling_output_shape)", "ValueError", "Computed output "
                                + "size would be zero or negative. Received: `inputs.shape=[None 3 3 1]`, "
                                + "`pool_size=[4 4]`, `strides=(4, 4)`, `padding=valid`.",
                        "use keras", "m = Sequential([Input(shape=(3, 3, 1)), MaxPooling2D(pool_size=4)])"),
                fails("keras/src/ops/operation_utils.py (compute_reshape_output_shape)", "ValueError", "The total size "
                                + "of the tensor must be unchanged. Received: input_shape=(784,), target_shape=(28, 28, 3)",
                        "use keras", "x: f32[2, 784]", "h = Reshape((28, 28, 3))(x)"),
                fails("keras/src/ops/operation_utils.py (compute_reshape_output_shape)", "ValueError", "The total size "
                                + "of the tensor must be unchanged, however, the input size cannot by divided by the "
                                + "specified dimensions in target_shape. Received: input_shape=(10,), target_shape=(-1, 3)",
                        "use keras", "x: f32[2, 10]", "h = Reshape((-1, 3))(x)"),
                fails("keras/src/layers/regularization/dropout.py", "ValueError", "Invalid value received for argument "
                                + "`rate`. Expected a float value between 0 and 1. Received: rate=1.5",
                        "use keras", "d = Dropout(1.5)"),
                fails("keras/src/layers/core/embedding.py", "ValueError",
                        "`input_dim` must be a positive integer. Received: input_dim=0 (of type int).",
                        "use keras", "e = Embedding(0, 8)"),
                warns("keras/src/layers/core/embedding.py", "Argument `input_length` is deprecated. Just remove it.",
                        "use keras", "e = layers.Embedding(100, 8, input_length=10)"),
                fails("tensorflow/core/kernels/gather_functor.h (via ops.take on the TF backend)", "InvalidArgumentError",
                        "{{function_node __wrapped__GatherV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
                                + "indices[1,2] = 100 is not in [0, 100) [Op:GatherV2] name: ",
                        "use keras", "x: i64[2, 3] = [[1, 2, 3], [4, 5, 100]]", "h = layers.Embedding(100, 8)(x)"),
                fails("keras/src/layers/rnn/time_distributed.py", "ValueError", "`TimeDistributed` Layer should be "
                                + "passed an `input_shape` with at least 3 dimensions, received: (8, 10)",
                        "use keras", "x: f32[8, 10]", "h = layers.TimeDistributed(Dense(3))(x)"),
                fails("keras/src/layers/rnn/rnn.py", "ValueError", "When using `stateful=True` in a RNN, the batch size "
                                + "must be static. Found dynamic batch size: sequence.shape=(None, 10, 1)",
                        "use keras", "m = Sequential([Input(shape=(10, 1)), LSTM(16, stateful=True)])"),
                fails("keras/src/layers/rnn/rnn.py", "ValueError", "If an RNN is stateful, the batch size of the input "
                                + "sequences must be the same as the batch size of the initial state. \n- Expected batch "
                                + "size: 32\n- Received batch size: 8",
                        "use keras", "m = Sequential([Input(shape=(10, 1), batch_size=32), LSTM(16, stateful=True)])",
                        "x: f32[8, 10, 1]", "h = m(x)"),
                fails("keras/src/layers/merging/concatenate.py", "ValueError", "A `Concatenate` layer requires inputs "
                                + "with matching shapes except for the concatenation axis. Received: input_shape=[(None, "
                                + "3), (None, 4, 2)]",
                        "use keras", "a = Input(shape=(3,))", "b = Input(shape=(4, 2))", "c = layers.concatenate([a, b])"),
                fails("keras/src/layers/merging/base_merge.py", "ValueError",
                        "Inputs have incompatible shapes. Received shapes (3,) and (4,)",
                        "use keras", "a = Input(shape=(3,))", "b = Input(shape=(4,))", "c = layers.add([a, b])"),
                fails("keras/src/backend/common/variables.py (standardize_shape)", "ValueError",
                        "Cannot convert '784' to a shape.",
                        "use keras", "i = Input(shape=784)"),
                fails("keras/src/backend/common/variables.py (standardize_shape)", "ValueError",
                        "Cannot convert '(28, -1)' to a shape. Negative dimensions are not allowed.",
                        "use keras", "i = Input(shape=(28, -1))"),
                fails("keras/src/layers/core/input_layer.py", "ValueError",
                        "You cannot pass both `shape` and `batch_shape` at the same time.",
                        "use keras", "i = Input(shape=(4,), batch_shape=(2, 4))"),
                fails("keras/src/activations/__init__.py", "ValueError",
                        "Could not interpret activation function identifier: relux",
                        "use keras", "d = Dense(3, activation=\"relux\")")));
    }

    @TestFactory
    Stream<DynamicTest> keras3Training() {
        return Programs.tests(List.of(
                fails("keras/src/trainers/compile_utils.py (CompileMetrics)", "ValueError", "Expected `metrics` argument "
                                + "to be a list, tuple, or dict. Received instead: metrics=accuracy of type <class 'str'>",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])",
                        "m.compile(loss=\"mse\", metrics=\"accuracy\")"),
                fails("keras/src/losses/__init__.py (get)", "ValueError", "Could not interpret loss identifier: msee",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])", "m.compile(loss=\"msee\")",
                        "x: f32[8, 4]", "y: f32[8, 3]", "m.fit(x, y)"),
                fails("keras/src/metrics/__init__.py (get)", "ValueError", "Could not interpret metric identifier: acuracy",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])",
                        "m.compile(loss=\"mse\", metrics=[\"acuracy\"])", "x: f32[8, 4]", "y: f32[8, 3]", "m.fit(x, y)"),
                fails("keras/src/optimizers/__init__.py (get)", "ValueError",
                        "Could not interpret optimizer identifier: adamm",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])",
                        "m.compile(loss=\"mse\", optimizer=\"adamm\")"),
                fails("keras/src/optimizers/base_optimizer.py", "ValueError", "Argument(s) not recognized: {'lr': 0.01}",
                        "use keras", "o = keras.optimizers.Adam(lr=0.01)"),
                warns("keras/src/optimizers/base_optimizer.py",
                        "Argument `decay` is no longer supported and will be ignored.",
                        "use keras", "o = keras.optimizers.SGD(learning_rate=0.01, decay=1e-6)"),
                fails("keras/src/trainers/trainer.py (_assert_compile_called)", "ValueError",
                        "You must call `compile()` before using the model.",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])", "x: f32[8, 4]", "y: f32[8, 3]",
                        "m.fit(x, y)"),
                fails("keras/src/trainers/data_adapters/array_slicing.py (train_validation_split)", "ValueError",
                        "Training data contains 1 samples, which is not sufficient to split it into a validation and "
                                + "training set as specified by `validation_split=0.2`. Either provide more data, or a "
                                + "different value for the `validation_split` argument.",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])", "m.compile(loss=\"mse\")",
                        "x: f32[1, 4]", "y: f32[1, 3]", "m.fit(x, y, validation_split=0.2)"),
                fails("keras/src/trainers/data_adapters/data_adapter_utils.py (validation data)", "ValueError",
                        "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' "
                                + "sizes: 10\n'y' sizes: 12\n",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])", "m.compile(loss=\"mse\")",
                        "x: f32[40, 4]", "y: f32[40, 3]", "xv: f32[10, 4]", "yv: f32[12, 3]",
                        "m.fit(x, y, validation_data=(xv, yv))"),
                fails("keras/src/models/model.py (Keras 3 removed predict_classes)", "AttributeError",
                        "'Sequential' object has no attribute 'predict_classes'",
                        "use keras", "m = Sequential([Input(shape=(4,)), Dense(3)])", "x: f32[8, 4]",
                        "p = m.predict_classes(x)"),
                fails("keras/src/utils/sequence_utils.py (pad_sequences)", "ValueError",
                        "Padding type \"middle\" not understood",
                        "use keras", "x: i64[3, 5]",
                        "p = keras.preprocessing.sequence.pad_sequences(x, maxlen=10, padding=\"middle\")")));
    }

    @TestFactory
    Stream<DynamicTest> numpyAroundKeras() {
        return Programs.tests(List.of(
                fails("numpy/_core/src/umath/ufunc_object.c (same_kind casting)", "UFuncTypeError", "Cannot cast ufunc "
                                + "'divide' output from dtype('float64') to dtype('uint8') with casting rule 'same_kind'",
                        "use keras", "x: u8[10, 5]", "x /= 255"),
                fails("numpy/_core/src/multiarray/shape.c (raise_reshape_size_mismatch)", "ValueError",
                        "cannot reshape array of size 24 into shape (5,5)",
                        "use keras", "a: f32[6, 4]", "b = a.reshape(5, 5)"),
                fails("numpy/_core/src/multiarray/shape.c (PyArray_SqueezeSelected)", "ValueError",
                        "cannot select an axis to squeeze out which has size not equal to one",
                        "use keras", "a: f32[6, 4]", "b = np.squeeze(a, axis=0)"),
                fails("numpy/_core/src/multiarray/common.h (check_and_adjust_axis)", "AxisError",
                        "axis 2 is out of bounds for array of dimension 2",
                        "use keras", "a: f32[6, 4]", "b = np.argmax(a, axis=2)")));
    }

    @TestFactory
    Stream<DynamicTest> tfKeras2() {
        return Programs.tests(List.of(
                fails("tf_keras/backend.py (categorical_crossentropy) + tensorflow/python/framework/tensor_shape.py",
                        "ValueError", "Shapes (32,) and (32, 10) are incompatible",
                        "use keras 2", "p: f32[32, 10]", "t: i64[32]", "l = keras.losses.categorical_crossentropy(t, p)"),
                fails("tf_keras/backend.py (sparse_categorical_crossentropy flattens) + sparse_xent_op.cc",
                        "InvalidArgumentError", "{{function_node __wrapped__SparseSoftmaxCrossEntropyWithLogits_device_"
                                + "/job:localhost/replica:0/task:0/device:CPU:0}} logits and labels must have the same "
                                + "first dimension, got logits shape [32,10] and labels shape [320] "
                                + "[Op:SparseSoftmaxCrossEntropyWithLogits] name: ",
                        "use keras 2", "p: f32[32, 10]", "t: f32[32, 10]",
                        "l = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(t, p)"),
                fails("tf_keras/engine/functional.py (input_spec) + tf_keras/engine/input_spec.py", "ValueError",
                        "Input 0 of layer \"sequential\" is incompatible with the layer: expected shape=(None, 784), "
                                + "found shape=(None, 28, 28)",
                        "use keras 2", "X: f32[1000, 28, 28]", "y: i64[1000]",
                        "model = Sequential([Dense(64, activation=\"relu\", input_shape=(784,)), Dense(10)])",
                        "model.compile(loss=\"mse\", optimizer=\"adam\")", "model.fit(X, y)"),
                fails("tf_keras/backend.py (categorical_crossentropy, traced in fit: batch None)", "ValueError",
                        "Shapes (None, 1) and (None, 10) are incompatible",
                        "use keras 2", "X: f32[1000, 784]", "y: i64[1000, 1]",
                        "model = Sequential([Input(shape=(784,)), Dense(10, activation=\"softmax\")])",
                        "model.compile(loss=\"categorical_crossentropy\", optimizer=\"adam\")", "model.fit(X, y)"),
                fails("tf_keras/utils/losses_utils.py (ReductionV2.validate)", "ValueError", "Invalid Reduction Key: "
                                + "bogus. Expected keys are \"('auto', 'none', 'sum', 'sum_over_batch_size')\"",
                        "use keras 2", "l = keras.losses.SparseCategoricalCrossentropy(reduction=\"bogus\")"),
                fails("tf_keras/utils/generic_utils.py (validate_kwargs)", "TypeError",
                        "('Keyword argument not understood:', 'foo')",
                        "use keras 2", "d = Dense(3, foo=1)"),
                fails("tf_keras/engine/input_spec.py", "ValueError", "Input 0 of layer \"dense\" is incompatible with the "
                                + "layer: expected axis -1 of input shape to have value 30, but received input with "
                                + "shape (16, 45)",
                        "use keras 2", "x: f32[16, 30]", "d = Dense(2)", "h = d(x)", "x2: f32[16, 45]", "h2 = d(x2)")));
    }
}
