package dev.mcpload.cli;

import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.server.ResponseMode;
import dev.mcpload.server.ServerEra;
import dev.mcpload.server.StdioServer;
import dev.mcpload.server.fault.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcpload serve}: the reference MCP server, on loopback, for demos, benchmarks and fault tests. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "dev.mcpload.cli.ServeHelp",
        description = {"Run the embedded reference MCP server on 127.0.0.1 until Ctrl-C.",
            "Tools: add, subtract, multiply, divide, echo, sleep, fail; one resource; one prompt."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "3000",
            description = "TCP port on 127.0.0.1 (0 = a free port, printed). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "json",
            description = "How Streamable HTTP replies: json or sse. Default: ${DEFAULT-VALUE}.")
    ResponseMode mode;

    @Option(names = "--era", paramLabel = "ERA",
            description = {"Which MCP eras /mcp serves: modern (2026-07-28, stateless: _meta on every request, "
                + "server/discover, no initialize, GET/DELETE 405, no /sse), legacy (2024-11-05..2025-11-25: "
                + "initialize and sessions, as servers before 2026-07-28) or dual (both on one endpoint: initialize "
                + "opens a 2025 session, a request whose _meta names 2026-07-28 is served statelessly). "
                + "With --stdio, the same for the process's messages. Default: dual."})
    ServerEra era;

    @Option(names = "--cache-ttl-ms", paramLabel = "MS", defaultValue = "300000",
            description = "The ttlMs of the modern era's server/discover, list and resources/read results (how "
                + "long a client may cache them; 0 = re-fetch every time). Default: ${DEFAULT-VALUE}.")
    long cacheTtlMs;

    @Option(names = "--stdio", description = "Serve MCP on stdin/stdout instead of HTTP (both eras, as --era says).")
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

    @Option(names = "--fault", paramLabel = FaultSpec.FORM,
            description = {"Misbehave on purpose, for FRACTION of the requests (default 1), to see how a client "
                + "setup copes. Repeatable, several at once; the modes are listed below. Example:",
                "  --fault http500@0.1 --fault stall:5s@0.01"})
    List<String> faults = new ArrayList<>();

    @Option(names = "--fault-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of which requests the faults hit (same seed, same requests). "
                + "Default: ${DEFAULT-VALUE}.")
    long faultSeed;

    @Option(names = "--no-standalone-stream", negatable = false,
            description = "Answer GET /mcp with 405, as servers without a standalone event stream do (by default "
                + "GET opens the session's stream, held until DELETE).")
    boolean noStandaloneStream;

    @Override
    public Integer call() throws Exception {
        List<FaultSpec> specs = new ArrayList<>();
        for (String f : faults) {
            try {
                specs.add(FaultSpec.parse(f));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), Errors.USAGE);
            }
        }
        if (stdio && !specs.isEmpty()) {
            throw new UserError("--fault works on the HTTP server (Streamable HTTP at /mcp), not with --stdio: drop "
                    + "one of them", Errors.USAGE);
        }
        if (cacheTtlMs < 0) {
            throw new UserError("--cache-ttl-ms must be 0 or more (the spec's ttlMs), got " + cacheTtlMs,
                    Errors.USAGE);
        }
        ServerEra eras = era == null ? ServerEra.DUAL : era;
        if (stdio) {
            StdioServer.run(System.in, System.out, ReferenceServerOptions.builder().era(eras).pageSize(pageSize)
                    .maxConcurrency(maxConcurrency).cacheTtlMs(cacheTtlMs).build());
            return 0;
        }
        ReferenceServerOptions.Builder b = ReferenceServerOptions.builder().port(port).responseMode(mode)
                .pageSize(pageSize).maxSessions(maxSessions).faults(specs).faultSeed(faultSeed)
                .maxConcurrency(maxConcurrency).standaloneStream(!noStandaloneStream).era(eras).cacheTtlMs(cacheTtlMs);
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
        String eraText = switch (eras) {
            case MODERN -> "MCP 2026-07-28 only (stateless)";
            case LEGACY -> "MCP 2024-11-05..2025-11-25 (initialize and sessions)";
            case DUAL -> "MCP 2026-07-28 and 2024-11-05..2025-11-25 (dual era)";
        };
        System.out.println("mcpload reference server listening on " + server.mcpUrl() + " (Streamable HTTP, "
                + eraText + ", " + mode.name().toLowerCase(java.util.Locale.ROOT) + " replies"
                + (eras == ServerEra.MODERN ? "" : "; legacy SSE at " + server.sseUrl()) + "). Ctrl-C stops it.");
        if (!specs.isEmpty()) {
            System.out.println("Faults on /mcp: " + specs.stream().map(FaultSpec::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + " (seed " + faultSeed + ").");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }
}
