package dev.shapes.kernel;

import dev.shapes.notebook.CellRunner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;

/**
 * The JJava extension (listed in {@code META-INF/services}): registers the
 * {@code %%shapes [framework]} cell magic in whatever {@link BaseKernel}
 * loads it, so a JJava Java notebook with {@code shapes.jar} on its classpath
 * can run Shapes cells. Each kernel gets its own session; in the Shapes
 * kernel the magic shares the kernel's session.
 */
public final class ShapesExtension implements Extension {

    public static final String MAGIC = "shapes";

    @Override
    public void install(BaseKernel kernel) {
        Supplier<CellRunner> runner = kernel instanceof ShapesKernel shapes ? shapes::runner : new Lazy();
        AtomicInteger cells = new AtomicInteger();
        CellMagic<Object, BaseKernel> magic = (k, args, body) -> MimeBundle.of(runner.get()
                .run("%%" + MAGIC + " " + String.join(" ", args) + "\n" + body,
                        "%%" + MAGIC + " cell " + cells.incrementAndGet()));
        kernel.getMagicsRegistry().registerCellMagic(MAGIC, magic);
    }

    /** A session made on the first {@code %%shapes} cell, not when the kernel starts. */
    private static final class Lazy implements Supplier<CellRunner> {
        private CellRunner runner;

        @Override
        public synchronized CellRunner get() {
            if (runner == null) {
                runner = new CellRunner();
            }
            return runner;
        }
    }
}
