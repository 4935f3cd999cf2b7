package dev.mcpload.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mcpload} command: subcommands for running load, generating configs and serving the reference. */
@Command(name = "mcpload", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Load tester for MCP servers: real sessions, honest percentiles, breaking points.",
        subcommands = {RunCommand.class, InitCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        int code = execute(args);
        if (!Shutdown.inProgress()) {
            System.exit(code); // never during a Ctrl-C shutdown: exit() would wait for the hook that waits for us
        }
    }

    /** Runs the command line and returns the exit code; used by tests without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }
}
