package dev.shapes.cli;

import dev.shapes.kernel.KernelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code uninstall [--user | --sys-prefix | --prefix DIR]}: removes the kernelspec that install wrote. */
@Command(name = "uninstall", description = "Remove the Shapes kernel from Jupyter (same location options as install).")
final class UninstallCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    InstallCommand.Location location = new InstallCommand.Location();

    @Override
    public Integer call() {
        try {
            Path kernels = location.kernels();
            if (!KernelSpec.uninstall(kernels)) {
                System.err.println("error: no Shapes kernel is installed in " + kernels);
                return 1;
            }
            System.out.println("Removed the Shapes kernel from " + kernels.resolve(KernelSpec.NAME));
            return 0;
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
