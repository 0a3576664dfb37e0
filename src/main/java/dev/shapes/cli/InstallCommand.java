package dev.shapes.cli;

import dev.shapes.kernel.KernelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code install [--user | --sys-prefix | --prefix DIR]}: writes the Jupyter kernelspec. */
@Command(name = "install", description = "Install the Shapes kernel for Jupyter (default: --user).")
final class InstallCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true)
    Location location = new Location();

    /** Where the kernelspec goes, as in {@code jupyter kernelspec install}. */
    static final class Location {
        @Option(names = "--user", description = "Into your Jupyter data directory (the default).")
        boolean user;

        @Option(names = "--sys-prefix", description = "Into the data directory of the Python that runs jupyter.")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Into DIR/share/jupyter (then set JUPYTER_PATH=DIR/share/jupyter).")
        Path prefix;

        Path kernels() throws IOException, InterruptedException {
            if (prefix != null) {
                return KernelSpec.kernelsDirectory(KernelSpec.Scope.PREFIX, prefix);
            }
            return KernelSpec.kernelsDirectory(sysPrefix ? KernelSpec.Scope.SYS_PREFIX : KernelSpec.Scope.USER, null);
        }
    }

    @Override
    public Integer call() {
        try {
            Path dir = KernelSpec.install(location.kernels(), System.out::println);
            System.out.println("Installed the Shapes kernel in " + dir);
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
