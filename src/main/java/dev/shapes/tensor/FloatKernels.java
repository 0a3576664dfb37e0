package dev.shapes.tensor;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Fused numeric kernels over contiguous f32 values (the common case of a loss over a batch):
 * each reads its inputs once and makes no intermediate tensor, where the generic path of
 * {@link Kernels} makes one per step in doubles.
 *
 * <p>Two implementations. The scalar one is the reference: its arithmetic is, step for step,
 * what the generic path computes (doubles, each element rounded to f32 where the generic path
 * makes an f32 tensor, sums in index order), so it gives the same bits. The SIMD one
 * ({@code VectorFloatKernels}) works in float lanes as PyTorch's own CPU kernels do; it agrees
 * with the reference to float rounding and is used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and its optimizing compiler. Without that flag the
 * class is never loaded, so the runnable jar needs no flags.
 */
public abstract class FloatKernels {

    /** Elements between two checks for an interrupt in the element-wise kernels. */
    static final int CHUNK = 1 << 16;

    private static final FloatKernels SCALAR = new ScalarFloatKernels();
    private static final FloatKernels ACTIVE = vectorOrScalar();

    /**
     * For each row {@code r} of {@code x} viewed as {@code [rows, classes]} whose {@code picks[r]} is
     * not negative: {@code out[r] = log_softmax(x[r])[picks[r]]}, rounded to f32. Other rows are left
     * as they are. Picks must be below {@code classes}.
     */
    public abstract void logSoftmaxAt(float[] x, int rows, int classes, int[] picks, float[] out);

    /**
     * The sum of the element-wise squared errors {@code (x - t)²}, each rounded to f32 as
     * {@code reduction='none'} holds them; writes them into {@code out} unless it is null.
     */
    public abstract double squaredError(float[] x, float[] t, float[] out);

    /**
     * The sum of the element-wise binary cross entropies of logits {@code x} against targets
     * {@code t}, {@code (1 - t)·x + log(1 + e^-x)} computed stably, each rounded to f32; writes them
     * into {@code out} unless it is null.
     */
    public abstract double binaryCrossEntropyWithLogits(float[] x, float[] t, float[] out);

    /** The kernels in use: SIMD when the vector module is present, else the scalar reference. */
    public static FloatKernels active() {
        return ACTIVE;
    }

    /** The scalar reference. */
    public static FloatKernels scalar() {
        return SCALAR;
    }

    /** Whether {@link #active()} is the SIMD implementation. */
    public static boolean vectorized() {
        return ACTIVE != SCALAR;
    }

    /**
     * The SIMD kernels when {@code jdk.incubator.vector} is in the boot layer (loaded only then) and
     * the optimizing compiler runs, else the scalar ones.
     */
    private static FloatKernels vectorOrScalar() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty() || !optimizingCompiler()) {
            return SCALAR;
        }
        try {
            return (FloatKernels) Class.forName("dev.shapes.tensor.VectorFloatKernels").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }

    /**
     * Whether C2 compiles hot code: the vector API is fast only there, while under C1 alone
     * ({@code -XX:TieredStopAtLevel=1}, as the Jupyter kernel runs) every vector is an object.
     */
    private static boolean optimizingCompiler() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
            return !tiered || Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) >= 4;
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }
}
