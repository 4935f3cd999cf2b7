package dev.mcpload.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official TypeScript SDK v2 server ({@code @modelcontextprotocol/server} 2.x, {@code createMcpHandler}) as a
 * child process on 127.0.0.1, started from {@code src/test/resources/peers/sdk2-server.mjs}: modern only
 * ({@code legacy: 'reject'}) or dual era ({@code 'stateless'}), in one {@code responseMode}. It listens on a port
 * the OS gives it and prints it; stopped by PID on {@link #close()}.
 */
final class Sdk2Server implements HttpPeer {
    static final Path SDK = Peers.NODE_MODULES.resolve("@modelcontextprotocol/server/dist/index.mjs");
    static final Path SCRIPT = Peers.PROJECT.resolve("src/test/resources/peers/sdk2-server.mjs");
    private static final Pattern READY = Pattern.compile("sdk2 server listening on port (\\d+)");
    private static final long READY_DEADLINE_MS = 20_000;

    private final Process process;
    private final int port;

    private Sdk2Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param legacy {@code reject} (modern only) or {@code stateless} (dual); @param responseMode auto, json, sse */
    static Sdk2Server start(String legacy, String responseMode) {
        Path node = Peers.systemNode();
        Peers.require(node != null, "no 'node' on PATH (the SDK v2 server runs on the system Node 20)");
        Peers.require(Files.isRegularFile(SDK), SDK + " is missing");
        Path logs = Peers.logDir("sdk2-" + legacy + "-" + responseMode);
        Path err = logs.resolve("stderr.log");
        Process p;
        try {
            p = new ProcessBuilder(List.of(node.toString(), SCRIPT.toString(), SDK.toString(), "0", legacy,
                    responseMode)).directory(Peers.DIR.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(logs.resolve("stdout.log").toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + node + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_DEADLINE_MS);
        while (System.nanoTime() < deadline) {
            String log = read(err);
            Matcher m = READY.matcher(log);
            if (m.find()) {
                return new Sdk2Server(p, Integer.parseInt(m.group(1)));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the SDK v2 server exited with code " + p.exitValue()
                        + " before it was ready; stderr: " + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Peers.stop(p);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the SDK v2 server", e);
            }
        }
        Peers.stop(p);
        throw new IllegalStateException("the SDK v2 server printed no ready line within " + READY_DEADLINE_MS
                + " ms; stderr: " + read(err));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    @Override
    public void close() {
        Peers.stop(process);
    }
}
