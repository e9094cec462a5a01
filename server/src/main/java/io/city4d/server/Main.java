package io.city4d.server;

import io.helidon.logging.common.LogConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The city4d command line. */
@Command(name = "city4d", mixinStandardHelpOptions = true, version = "City4D 0.1.0",
        description = "The city's digital twin in space and time.",
        subcommands = {ServeCommand.class, DemoCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
