package dev.mcpload.server;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the reference server as a standalone process, for benchmarks and out-of-process tests:
 * {@code java -cp mcpload.jar dev.mcpload.server.ServeMain --port 0 --mode json}. Prints the MCP URL as the
 * only line on stdout (scripts read it), details on stderr, and serves until killed or, unless
 * {@code --ignore-stdin}, until its stdin closes (so a parent that dies takes the server with it).
 * The user-facing command is {@code mcpload serve}; this entry point has no dependency on the CLI.
 */
public final class ServeMain {
    private static final String USAGE = """
            usage: ServeMain [--port N] [--mode json|sse] [--io-threads N] [--page-size N]
                             [--max-sessions N] [--max-concurrency N] [--no-sleep] [--ignore-stdin]
                             [--no-standalone-stream]
                             [--fault NAME[:PARAM][@FRACTION]]... [--fault-seed N]
            (fault modes: see 'mcpload serve --help')
            """;

    private ServeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReferenceServerOptions.Builder options = ReferenceServerOptions.builder();
        boolean watchStdin = true;
        java.util.List<dev.mcpload.server.fault.FaultSpec> faults = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> options.port(Integer.parseInt(value(args, ++i)));
                    case "--mode" -> options.responseMode(ResponseMode.valueOf(value(args, ++i).toUpperCase(Locale.ROOT)));
                    case "--io-threads" -> options.ioThreads(Integer.parseInt(value(args, ++i)));
                    case "--page-size" -> options.pageSize(Integer.parseInt(value(args, ++i)));
                    case "--max-sessions" -> options.maxSessions(Integer.parseInt(value(args, ++i)));
                    case "--max-concurrency" -> options.maxConcurrency(Integer.parseInt(value(args, ++i)));
                    case "--no-sleep" -> options.sleepEnabled(false);
                    case "--no-standalone-stream" -> options.standaloneStream(false);
                    case "--fault" -> faults.add(dev.mcpload.server.fault.FaultSpec.parse(value(args, ++i)));
                    case "--fault-seed" -> options.faultSeed(Long.parseLong(value(args, ++i)));
                    case "--era" -> options.era(ServerEra.valueOf(value(args, ++i).toUpperCase(Locale.ROOT)));
                    case "--ignore-stdin" -> watchStdin = false;
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ServeMain: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }

        ReferenceServer server = ReferenceServer.start(options.faults(faults).build());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mcpload-ref-shutdown"));
        System.out.println(server.mcpUrl());
        System.out.flush();
        System.err.println("mcpload reference server: " + server.mcpUrl() + " (legacy SSE: " + server.sseUrl()
                + "), mode " + server.options().responseMode() + ", " + server.options().ioThreads()
                + " I/O threads, pid " + ProcessHandle.current().pid());
        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // drain until end of file
                    }
                } catch (IOException e) {
                    // a broken stdin means the parent is gone, like end of file
                }
                stop.countDown();
            }, "mcpload-ref-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        stop.await();
        server.close();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
