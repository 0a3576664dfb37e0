package dev.shapes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar shapes.jar <command>}: check, and the kernel's install/uninstall. */
@Command(name = "shapes", mixinStandardHelpOptions = true, version = "Shapes 0.1",
        description = "Predicts what PyTorch, NumPy, Keras and TensorFlow do with your tensors' shapes.",
        subcommands = {CheckCommand.class, InstallCommand.class, UninstallCommand.class, KernelCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("kernel") && !args[1].startsWith("-")) {
            // the kernel's start is timed by Jupyter clients: skip building the command line
            System.exit(KernelCommand.run(java.nio.file.Path.of(args[1]), false));
        }
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> 2);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (check, explain, install, uninstall, kernel)");
    }
}
