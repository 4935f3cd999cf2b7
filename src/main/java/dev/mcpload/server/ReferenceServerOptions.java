package dev.mcpload.server;

import dev.mcpload.server.fault.FaultSpec;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of a {@link ReferenceServer}. Build with {@link #builder()}; {@link #defaults()} is a free
 * port on 127.0.0.1 answering in JSON.
 *
 * @param host         address to bind; must be a loopback address, because this server has no authentication
 * @param port         TCP port, 0 for any free port
 * @param responseMode how Streamable HTTP requests are answered
 * @param ioThreads    Netty event loops serving connections
 * @param pageSize     items per page of tools/list, resources/list, resources/templates/list, prompts/list
 * @param maxSessions  most sessions open at once (0 = unlimited); more initialize requests get HTTP 503
 * @param sleepEnabled whether the {@code sleep} tool is offered (a latency knob for tests and benchmarks)
 * @param maxConcurrency most tool calls served at once (0 = unlimited); the rest wait in line (a known ceiling)
 * @param faults       the ways to misbehave on purpose ({@code --fault}), in order; empty for a healthy server
 * @param faultSeed    seed of the fault pickers: the same seed and the same requests hit the same faults
 * @param standaloneStream whether GET on {@code /mcp} opens the session's standalone event stream; false answers
 *                     405, as servers without one do
 * @param era          which MCP eras {@code /mcp} serves: 2026-07-28 (modern), 2024-11-05..2025-11-25 (legacy), both
 * @param cacheTtlMs   the {@code ttlMs} of the modern era's cacheable results (discover, lists, resources/read)
 */
public record ReferenceServerOptions(
        String host,
        int port,
        ResponseMode responseMode,
        int ioThreads,
        int pageSize,
        int maxSessions,
        boolean sleepEnabled,
        int maxConcurrency,
        List<FaultSpec> faults,
        long faultSeed,
        boolean standaloneStream,
        ServerEra era,
        long cacheTtlMs) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Five minutes: the reference server's tools, resources and prompts never change while it runs. */
    public static final long DEFAULT_CACHE_TTL_MS = 300_000;
    public static final int DEFAULT_PAGE_SIZE = 100;

    public ReferenceServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(responseMode, "responseMode");
        faults = faults == null ? List.of() : List.copyOf(faults);
        Objects.requireNonNull(era, "era");
        if (cacheTtlMs < 0) {
            throw new IllegalArgumentException("cacheTtlMs must be 0 or more (the spec's ttlMs >= 0), got "
                    + cacheTtlMs);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("maxConcurrency must be 0 (unlimited) or more, got " + maxConcurrency);
        }
        if (maxSessions < 0) {
            throw new IllegalArgumentException("maxSessions must be 0 (unlimited) or more, got " + maxSessions);
        }
    }

    public static ReferenceServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).responseMode(responseMode).ioThreads(ioThreads)
                .pageSize(pageSize).maxSessions(maxSessions).sleepEnabled(sleepEnabled).faults(faults)
                .faultSeed(faultSeed).maxConcurrency(maxConcurrency).standaloneStream(standaloneStream).era(era).cacheTtlMs(cacheTtlMs);
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private ResponseMode responseMode = ResponseMode.JSON;
        // One loop per core, so the server can use the whole machine and is not the bottleneck. Idle loops cost
        // nothing; on 2 cores shared with wrk, 1 and 2 loops measured within noise (bench/server/README.md).
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int maxSessions;
        private boolean sleepEnabled = true;
        private int maxConcurrency;
        private List<FaultSpec> faults = List.of();
        private long faultSeed = 1;
        private boolean standaloneStream = true;
        private ServerEra era = ServerEra.DUAL;
        private long cacheTtlMs = DEFAULT_CACHE_TTL_MS;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder responseMode(ResponseMode responseMode) {
            this.responseMode = responseMode;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder sleepEnabled(boolean sleepEnabled) {
            this.sleepEnabled = sleepEnabled;
            return this;
        }

        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder faults(List<FaultSpec> faults) {
            this.faults = faults;
            return this;
        }

        /** Shorthand for tests: each text as {@code --fault} takes it. */
        public Builder faults(String... specs) {
            this.faults = java.util.Arrays.stream(specs).map(FaultSpec::parse).toList();
            return this;
        }

        public Builder faultSeed(long faultSeed) {
            this.faultSeed = faultSeed;
            return this;
        }

        public Builder standaloneStream(boolean standaloneStream) {
            this.standaloneStream = standaloneStream;
            return this;
        }

        public Builder era(ServerEra era) {
            this.era = era;
            return this;
        }

        public Builder cacheTtlMs(long cacheTtlMs) {
            this.cacheTtlMs = cacheTtlMs;
            return this;
        }

        public ReferenceServerOptions build() {
            return new ReferenceServerOptions(host, port, responseMode, ioThreads, pageSize, maxSessions,
                    sleepEnabled, maxConcurrency, faults, faultSeed, standaloneStream, era, cacheTtlMs);
        }
    }
}
