package io.city4d.server;

import io.helidon.logging.common.LogConfig;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The city4d command line. */
@Command(name = "city4d", mixinStandardHelpOptions = true, version = "City4D 0.1.0",
        description = "The city's digital twin in space and time.",
        subcommands = {ServeCommand.class, DemoCommand.class, SimulateCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its commands. A wrong option or a {@link CommandFailure} is one line on stderr, naming the
     * command, with exit code 2 (usage) or 1; anything else is a defect and keeps its stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // bench runs from the bench module (the launcher starts it); it is listed here so that --help shows every command
        cl.addSubcommand("bench", CommandSpec.wrapWithoutInspection(new BenchPointer())
                .usageMessage(new CommandLine.Model.UsageMessageSpec().description(BenchPointer.DESCRIPTION)));
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage()
                    + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof CommandFailure)) throw e;
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnExecutionException();
        });
        return cl;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** What {@code city4d bench} is when it reaches this main class rather than the launcher's bench module. */
    static final class BenchPointer implements Runnable {
        static final String DESCRIPTION = "Benchmark City4D on this machine (./city4d bench --help).";

        @Override
        public void run() {
            throw new CommandFailure("the benchmarks run through the launcher: ./city4d bench --help");
        }
    }
}
