package dev.shapes.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The one thread that evaluates cells. Running them here, not on the socket
 * threads, lets an interrupt request stop a long evaluation by interrupting
 * just this thread (the tensor kernels call {@code Interrupted.check()}),
 * without a socket thread ever seeing an interrupt.
 */
final class Evaluator {

    /** Deep but legal nesting recurses through the parser and interpreter; give it room. */
    private static final long STACK_BYTES = 16L << 20;

    private final Object lock = new Object();
    private final ExecutorService worker;
    private volatile Thread thread;
    private boolean running;

    Evaluator() {
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(null, task, "shapes-eval", STACK_BYTES);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Runs {@code work} on the evaluation thread and waits for its result. */
    <T> T call(Supplier<T> work) {
        Future<T> result = worker.submit(() -> {
            begin();
            try {
                return work.get();
            } finally {
                end();
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the caller's interrupt is not the cell's: keep waiting
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues {@code work} without waiting (warming up after start). */
    void submit(Runnable work) {
        worker.submit(() -> {
            begin();
            try {
                work.run();
            } finally {
                end();
            }
        });
    }

    /** Interrupts the evaluation under way, if any; an idle evaluator is left alone. */
    void interrupt() {
        synchronized (lock) {
            if (running) {
                thread.interrupt();
            }
        }
    }

    void shutdown() {
        interrupt();
        worker.shutdownNow();
    }

    private void begin() {
        synchronized (lock) {
            running = true;
            Thread.interrupted();
        }
    }

    private void end() {
        synchronized (lock) {
            running = false;
            Thread.interrupted();
        }
    }
}
