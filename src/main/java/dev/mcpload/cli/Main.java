package dev.mcpload.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mcpload} command: subcommands for running load, generating configs and serving the reference. */
@Command(name = "mcpload", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Load tester for MCP servers: real sessions, honest percentiles, breaking points.",
        subcommands = {RunCommand.class, CeilingCommand.class, ReportCommand.class, CompareCommand.class, InitCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        quietLeakDetector();
        int code = execute(args);
        if (!Shutdown.inProgress()) {
            System.exit(code); // never during a Ctrl-C shutdown: exit() would wait for the hook that waits for us
        }
    }

    /**
     * Netty's leak detector records a stack trace for a sample of buffers (one in 128 at its default level):
     * measured at 1,000 requests/s, ~50 exceptions' worth of stack walking per second on the event loops, which
     * share the CPU with the server under test. It is for finding leaks during development, where the tests keep
     * it on; an explicit {@code -Dio.netty.leakDetection.level} still wins.
     */
    static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Runs the command line and returns the exit code; used by tests without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Errors errors = new Errors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl.execute(args);
    }
}
