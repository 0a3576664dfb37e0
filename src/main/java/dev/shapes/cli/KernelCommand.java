package dev.shapes.cli;

import dev.shapes.kernel.KernelLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kernel CONNECTION_FILE}: what Jupyter runs (kernel.json's argv) to start the kernel. */
@Command(name = "kernel", description = "Run the Jupyter kernel on a connection file (Jupyter does this).")
final class KernelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONNECTION_FILE", arity = "0..1", description = "The connection file Jupyter wrote.")
    Path connectionFile;

    @Option(names = "--train", hidden = true, description = "Start, answer a few requests and stop (for the CDS archive).")
    boolean train;

    @Override
    public Integer call() throws Exception {
        return run(connectionFile, train);
    }

    /** Also called directly by Main, skipping the command-line parser on the kernel's start path. */
    static int run(Path connectionFile, boolean train) throws Exception {
        if (train) {
            KernelLauncher.train();
            return 0;
        }
        if (connectionFile == null) {
            System.err.println("error: the kernel needs the CONNECTION_FILE that Jupyter writes");
            return 2;
        }
        try {
            KernelLauncher.serve(connectionFile);
        } catch (java.io.IOException e) {
            System.err.println("error: cannot start the kernel on " + connectionFile + ": " + e);
            return 2;
        }
        return 0;
    }
}
