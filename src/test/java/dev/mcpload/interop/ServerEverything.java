package dev.mcpload.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official TypeScript reference server ({@code @modelcontextprotocol/server-everything}) as a child
 * process on 127.0.0.1: {@code PORT=<free port> node -r peers/bind-localhost-sync.cjs <entry> <mode>}.
 *
 * <p>It has no host option, so the preload makes it bind loopback only. Our synchronous preload is used rather
 * than {@code ../shared/bind-localhost.cjs}: one preload for every peer (the conformance suite needs the
 * synchronous one), and it lives in this repository, so a clone needs nothing beside it. It cannot report the
 * port it got ({@code PORT=0} prints "port 0"), so we pick a free one and retry if it was taken meanwhile.
 * Ready when its ready line appears on stderr; stdout (one line per request) and stderr go to files under
 * target/interop. Stopped by PID on {@link #close()}.
 */
final class ServerEverything implements HttpPeer {
    enum Mode {
        STREAMABLE_HTTP("streamableHttp", "MCP Streamable HTTP Server listening on port ", "/mcp"),
        SSE("sse", "Server is running on port ", "/sse");

        final String arg;
        final String readyLine;
        final String path;

        Mode(String arg, String readyLine, String path) {
            this.arg = arg;
            this.readyLine = readyLine;
            this.path = path;
        }
    }

    private static final long READY_DEADLINE_MS = 20_000;
    private static final int START_ATTEMPTS = 3;

    final Mode mode;
    final int port;
    private final Path node;
    private Process process;
    private Path stderr;

    private ServerEverything(Path node, Mode mode, int port) {
        this.node = node;
        this.mode = mode;
        this.port = port;
    }

    /** Starts the server and waits for its ready line; fails (or skips, see {@link Peers}) when it cannot. */
    static ServerEverything start(Mode mode) {
        Path node = Peers.requireServerEverything();
        PortTaken last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                ServerEverything server = new ServerEverything(node, mode, Peers.freePort());
                server.launch();
                return server;
            } catch (PortTaken e) {
                last = e; // someone took the port between our probe and its bind: try another
            }
        }
        throw last;
    }

    /**
     * Stops the server and starts a fresh one on the same port, as a deployment would: every session and
     * open stream is gone.
     */
    void restart() throws InterruptedException {
        Peers.stop(process);
        for (int attempt = 0; ; attempt++) {
            try {
                launch();
                return;
            } catch (PortTaken e) {
                if (attempt >= 10) {
                    throw e;
                }
                Thread.sleep(200); // the old process's socket may linger a moment
            }
        }
    }

    private void launch() {
        Path logs = Peers.logDir("server-everything-" + mode.arg + "-" + port);
        Path out = logs.resolve("stdout.log");
        Path err = logs.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(node.toString(), "-r", Peers.PRELOAD.toString(),
                Peers.SERVER_EVERYTHING.toString(), mode.arg))
                .directory(Peers.DIR.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + node + ": " + e.getMessage(), e);
        }
        stderr = err;
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitReady() {
        String expected = mode.readyLine + port;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_DEADLINE_MS);
        while (System.nanoTime() < deadline) {
            String log = stderrText();
            if (log.contains(expected)) {
                return;
            }
            if (!process.isAlive()) {
                if (log.contains("already in use")) {
                    throw new PortTaken(log);
                }
                throw new IllegalStateException("server-everything " + mode.arg + " on port " + port
                        + " exited with code " + process.exitValue() + " before it was ready; stderr: " + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for server-everything", e);
            }
        }
        throw new IllegalStateException("server-everything " + mode.arg + " printed no '" + expected + "' within "
                + READY_DEADLINE_MS + " ms; stderr: " + stderrText());
    }

    @Override
    public String url() {
        return base() + mode.path;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String stderrText() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        Peers.stop(process);
    }

    private static final class PortTaken extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
