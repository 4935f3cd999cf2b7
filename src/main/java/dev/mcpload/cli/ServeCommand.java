package dev.mcpload.cli;

import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.server.ResponseMode;
import dev.mcpload.server.StdioServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcpload serve}: the reference MCP server, on loopback, for demos, benchmarks and fault tests. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the embedded reference MCP server on 127.0.0.1 until Ctrl-C.",
            "Tools: add, subtract, multiply, divide, echo, sleep, fail; one resource; one prompt."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "3000",
            description = "TCP port on 127.0.0.1 (0 = a free port, printed). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "json",
            description = "How Streamable HTTP replies: json or sse. Default: ${DEFAULT-VALUE}.")
    ResponseMode mode;

    @Option(names = "--stdio", description = "Serve MCP on stdin/stdout instead of HTTP.")
    boolean stdio;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event loop threads (default: cores).")
    Integer ioThreads;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
            description = "Items per page of the list methods. Default: ${DEFAULT-VALUE}.")
    int pageSize;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "0",
            description = "Most sessions at once, 0 = unlimited (more initialize requests get HTTP 503).")
    int maxSessions;

    @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "0",
            description = "Most tool calls served at once, 0 = unlimited; the rest wait in line, so the server has a"
                    + " known ceiling (N / the tool's time per second), e.g. for trying `mcpload ceiling`.")
    int maxConcurrency;

    @Override
    public Integer call() throws Exception {
        if (stdio) {
            StdioServer.run(System.in, System.out);
            return 0;
        }
        ReferenceServerOptions.Builder b = ReferenceServerOptions.builder().port(port).responseMode(mode)
                .pageSize(pageSize).maxSessions(maxSessions).maxConcurrency(maxConcurrency);
        if (ioThreads != null) {
            b.ioThreads(ioThreads);
        }
        ReferenceServer server;
        try {
            server = ReferenceServer.start(b.build());
        } catch (RuntimeException e) {
            throw new UserError("cannot start the reference server on 127.0.0.1:" + port + ": " + e.getMessage()
                    + (port != 0 ? " (try --port 0 for a free port)" : ""), Errors.FAILED);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mcpload-serve-shutdown"));
        System.out.println("mcpload reference server listening on " + server.mcpUrl() + " (Streamable HTTP, "
                + mode.name().toLowerCase(java.util.Locale.ROOT) + " replies; legacy SSE at " + server.sseUrl()
                + "). Ctrl-C stops it.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
