package dev.shapes.framework.keras;

import dev.shapes.eval.Module;
import dev.shapes.eval.Value;
import dev.shapes.tensor.DType;
import dev.shapes.tensor.Shape;
import dev.shapes.tensor.Tensor;
import java.util.List;

/**
 * {@code keras.datasets.<name>.load_data()}: the arrays' shapes and dtypes as
 * Keras documents them ({@code (x_train, y_train), (x_test, y_test)}); their
 * values are not facts, so they are shape-only.
 */
final class Datasets {

    private Datasets() {}

    static Module module(String name) {
        Module datasets = new Module(name);
        datasets.put("mnist", dataset(name + ".mnist", Shape.of(60000, 28, 28), Shape.of(60000), Shape.of(10000, 28, 28),
                Shape.of(10000), DType.U8, DType.U8));
        datasets.put("fashion_mnist", dataset(name + ".fashion_mnist", Shape.of(60000, 28, 28), Shape.of(60000),
                Shape.of(10000, 28, 28), Shape.of(10000), DType.U8, DType.U8));
        datasets.put("cifar10", dataset(name + ".cifar10", Shape.of(50000, 32, 32, 3), Shape.of(50000, 1),
                Shape.of(10000, 32, 32, 3), Shape.of(10000, 1), DType.U8, DType.U8));
        datasets.put("cifar100", dataset(name + ".cifar100", Shape.of(50000, 32, 32, 3), Shape.of(50000, 1),
                Shape.of(10000, 32, 32, 3), Shape.of(10000, 1), DType.U8, DType.I64));
        datasets.put("boston_housing", dataset(name + ".boston_housing", Shape.of(404, 13), Shape.of(404),
                Shape.of(102, 13), Shape.of(102), DType.F64, DType.F64));
        datasets.put("california_housing", dataset(name + ".california_housing", Shape.of(16512, 8), Shape.of(16512),
                Shape.of(4128, 8), Shape.of(4128), DType.F64, DType.F32));
        return datasets;
    }

    private static Module dataset(String name, Shape xTrain, Shape yTrain, Shape xTest, Shape yTest, DType x,
                                  DType y) {
        Module m = new Module(name);
        m.function("load_data", (args, ctx) -> new Value.TupleValue(List.of(
                new Value.TupleValue(List.of(Arrays.wrap(Tensor.shapeOnly(x, xTrain)), Arrays.wrap(Tensor.shapeOnly(y,
                        yTrain)))),
                new Value.TupleValue(List.of(Arrays.wrap(Tensor.shapeOnly(x, xTest)), Arrays.wrap(Tensor.shapeOnly(y,
                        yTest)))))));
        return m;
    }
}
