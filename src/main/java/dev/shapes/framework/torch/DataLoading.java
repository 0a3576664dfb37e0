package dev.shapes.framework.torch;

import dev.shapes.eval.Bound;
import dev.shapes.eval.CallContext;
import dev.shapes.eval.FrameworkException;
import dev.shapes.eval.Module;
import dev.shapes.eval.Signature;
import dev.shapes.eval.Value;
import dev.shapes.tensor.Dim;
import dev.shapes.tensor.Indexing;
import dev.shapes.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code torch.utils.data}: {@code TensorDataset} and {@code DataLoader}. A
 * loop over a loader visits its batches, including the last, partial one
 * (unless {@code drop_last=True}) that so often breaks a loss whose other
 * operand was sized for a full batch.
 */
final class DataLoading {

    /** Loops visit every batch up to this many; beyond it the first full batch and the last batch stand for all. */
    static final int ALL_BATCHES_UP_TO = 1000;

    private DataLoading() {}

    static Module module(TorchProfile profile) {
        Module data = new Module("torch.utils.data");
        data.function("TensorDataset", (args, ctx) -> {
            if (args.positional().isEmpty()) {
                throw new FrameworkException("TypeError", "TensorDataset needs at least one tensor");
            }
            List<Tensor> tensors = new ArrayList<>();
            for (Value v : args.positional()) {
                tensors.add(TorchOps.tensorOf(requireTensor(v)));
            }
            Dim n = tensors.get(0).rank() == 0 ? Dim.of(0) : tensors.get(0).shape().dim(0);
            for (Tensor t : tensors) {
                if (t.rank() == 0 || !ctx.bindings().compatible(n, t.shape().dim(0), "tensor 0", "tensor")) {
                    throw new FrameworkException("AssertionError", "Size mismatch between tensors");
                }
            }
            return new Dataset(tensors, n);
        }, """
                TensorDataset(*tensors)
                tensors: all with the same first dimension (the number of samples)
                https://pytorch.org/docs/stable/data.html#torch.utils.data.TensorDataset""");
        data.function("DataLoader", (args, ctx) -> {
            Bound b = Signature.of("DataLoader", "dataset", "batch_size", "shuffle", "sampler", "batch_sampler",
                            "num_workers", "collate_fn", "pin_memory", "drop_last")
                    .def("batch_size", 1).def("shuffle", false).noneDefaults("sampler", "batch_sampler", "collate_fn")
                    .def("num_workers", 0).def("pin_memory", false).def("drop_last", false).bind(args);
            if (!(b.get("dataset") instanceof Dataset dataset)) {
                throw new dev.shapes.eval.NotationException("UnsupportedError",
                        "Shapes models DataLoader over a TensorDataset(...) only", b.span("dataset"));
            }
            long batch = b.integer("batch_size");
            if (batch <= 0) {
                throw new FrameworkException("ValueError", "batch_size should be a positive integer value, but got "
                        + "batch_size=" + batch);
            }
            return new Loader(profile, dataset, batch, b.bool("drop_last"), b.bool("shuffle"));
        }, """
                DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False)
                yields batches of batch_size samples; the last batch has N % batch_size samples unless drop_last=True
                https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader""");
        return data;
    }

    private static Value requireTensor(Value v) {
        if (!(v instanceof Value.TensorValue)) {
            throw new FrameworkException("AttributeError", "'" + v.typeName() + "' object has no attribute 'size'");
        }
        return v;
    }

    /** {@code TensorDataset}: tensors sharing their first axis. */
    record Dataset(List<Tensor> tensors, Dim samples) implements Value.PyObject {
        @Override
        public String typeName() {
            return "TensorDataset";
        }

        @Override
        public String describe() {
            return "TensorDataset of " + samples + " samples";
        }
    }

    /** One batch a loop visits: its tensors and where it sits among the loader's batches. */
    record Batch(List<Value> tensors, long number, long total, long size, long fullSize) implements Value.PyObject {
        @Override
        public String typeName() {
            return "list";
        }

        @Override
        public Optional<Iterable<Value>> iterate(CallContext ctx) {
            return Optional.of(tensors);
        }

        @Override
        public String describe() {
            String where = "batch " + number + " of " + total;
            return size == fullSize ? where + " (" + size + " samples)"
                    : where + ", which has " + size + " samples (the others have " + fullSize
                    + "; DataLoader(..., drop_last=True) would skip it)";
        }
    }

    /** {@code DataLoader}: iterating yields {@link Batch}es. */
    static final class Loader implements Value.PyObject {
        private final TorchProfile profile;
        private final Dataset dataset;
        private final long batchSize;
        private final boolean dropLast;
        private final boolean shuffle;

        Loader(TorchProfile profile, Dataset dataset, long batchSize, boolean dropLast, boolean shuffle) {
            this.profile = profile;
            this.dataset = dataset;
            this.batchSize = batchSize;
            this.dropLast = dropLast;
            this.shuffle = shuffle;
        }

        @Override
        public String typeName() {
            return "DataLoader";
        }

        @Override
        public String describe() {
            return "DataLoader(batch_size=" + batchSize + ", drop_last=" + (dropLast ? "True" : "False") + ") over "
                    + dataset.samples() + " samples";
        }

        @Override
        public Optional<Value> attribute(String name, CallContext ctx) {
            return switch (name) {
                case "batch_size" -> Optional.of(new Value.IntValue(batchSize));
                case "drop_last" -> Optional.of(new Value.BoolValue(dropLast));
                case "dataset" -> Optional.of(dataset);
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Iterable<Value>> iterate(CallContext ctx) {
            Dim samples = ctx.bindings().resolve(dataset.samples());
            if (!(samples instanceof Dim.Known known)) {
                // an unknown number of samples: one full batch stands for all
                return Optional.of(List.of(batch(0, batchSize, 1, 1, ctx)));
            }
            long n = known.size();
            long full = n / batchSize;
            long rest = n % batchSize;
            long total = full + (rest > 0 && !dropLast ? 1 : 0);
            boolean values = dataset.tensors().stream().allMatch(Tensor::hasValues) && !shuffle;
            List<Value> batches = new ArrayList<>();
            if (values && total <= ALL_BATCHES_UP_TO) {
                for (long i = 0; i < total; i++) {
                    batches.add(batch(i * batchSize, Math.min(batchSize, n - i * batchSize), i + 1, total, ctx));
                }
            } else {
                if (full > 0) {
                    batches.add(batch(0, batchSize, 1, total, ctx));
                }
                if (rest > 0 && !dropLast) {
                    batches.add(batch(full * batchSize, rest, total, total, ctx));
                }
            }
            return Optional.of(batches);
        }

        private Batch batch(long start, long size, long number, long total, CallContext ctx) {
            List<Value> tensors = new ArrayList<>();
            for (Tensor t : dataset.tensors()) {
                Tensor slice;
                if (t.hasValues() && !shuffle) {
                    slice = Indexing.apply(t, List.of(new Indexing.Index.Range(OptionalLong.of(start),
                            OptionalLong.of(start + size), 1)), ctx.bindings()).tensor();
                } else {
                    slice = Tensor.shapeOnly(t.dtype(), t.shape().with(0, Dim.of(size)));
                }
                tensors.add(profile.wrap(slice));
            }
            return new Batch(tensors, number, total, size, batchSize);
        }

        @Override
        public List<String> attributeNames() {
            return List.of("batch_size", "drop_last", "dataset");
        }
    }
}
