package dev.mcpload.transport.stdio;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.MessageScanner;
import dev.mcpload.protocol.ModernEnvelope;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.RequestEncoder;
import dev.mcpload.transport.AbstractMcpSession;
import dev.mcpload.transport.DescriptorLimit;
import dev.mcpload.transport.EraProbeSession;
import dev.mcpload.transport.ModernRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stdio transport: one server process per session, newline-delimited JSON-RPC on its stdin and stdout,
 * its stderr kept (the last few KiB) to explain a crash. Pipes block, so reading and writing happen on two
 * small threads of the session; every message is routed on the session's event loop like the other
 * transports'. Closing follows the spec: close stdin, then terminate, then kill.
 *
 * <p>Either era ({@link Mode}): the 2025 handshake ({@code initialize}, {@code notifications/initialized}); the
 * 2026-07-28 form ({@code server/discover} as first contact, {@code _meta} in every request, no handshake); or the
 * spec's stdio probe for a dual-era client: {@code server/discover} first, and on any answer that is not a
 * recognised modern one (a legacy server's -32601, a -32022 naming only legacy versions, silence until the
 * deadline) {@code initialize} in the same process. What the probe found is reported once ({@code settled}), so
 * the client's later sessions start in that era: the era is the server's, not a session's.
 */
public final class StdioSession extends AbstractMcpSession {
    private static final int STDERR_KEEP = 8192;
    private static final long GRACE_MS = 2_000;

    static {
        DescriptorLimit.preload(); // its message is needed when no descriptor is left to load it with
    }

    private Process process;
    private OutputStream stdin;
    private ExecutorService writer;
    private final StderrTail stderr = new StderrTail(STDERR_KEEP);

    /** Which era a session speaks, or whether it finds out. */
    public enum Mode { LEGACY, MODERN, PROBE }

    private volatile Mode mode;
    private final ModernEnvelope envelope;
    private final Consumer<ProtocolEra> settled;

    /** A 2025-era session. */
    public StdioSession(EventLoop loop, ClientOptions options, SessionListener listener) {
        this(loop, options, listener, Mode.LEGACY, null, era -> { });
    }

    /**
     * @param envelope the modern {@code _meta} (null for {@link Mode#LEGACY})
     * @param settled  told the era a {@link Mode#PROBE} session found
     */
    public StdioSession(EventLoop loop, ClientOptions options, SessionListener listener, Mode mode,
                        ModernEnvelope envelope, Consumer<ProtocolEra> settled) {
        super(loop, options, listener);
        if (mode != Mode.LEGACY && envelope == null) {
            throw new IllegalArgumentException("a " + mode + " stdio session needs the modern _meta");
        }
        this.mode = mode;
        this.envelope = envelope;
        this.settled = settled;
    }

    /** The era this session speaks (after a probe, the one it found). */
    public Mode mode() {
        return mode;
    }

    @Override
    public String sessionId() {
        return null;
    }

    @Override
    public TransportKind transport() {
        return TransportKind.STDIO;
    }

    /** The tail of the server's stderr, for diagnostics. */
    public String stderrTail() {
        return stderr.text();
    }

    /** The server process, once started (tests check that it ends on close). */
    public Process process() {
        return process;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                start();
                started.complete(null);
            } catch (McpException e) {
                started.completeExceptionally(e);
            }
        });
        return started.thenCompose(v -> switch (mode) {
            case LEGACY -> super.initialize();
            case MODERN -> discover();
            case PROBE -> probe();
        });
    }

    private CompletableFuture<InitializeResult> discover() {
        protocolVersion = envelope.version(); // known before the first request: nothing to negotiate
        return ModernRequests.discover((r, t) -> super.request(r, t), envelope, initializeTimeoutMs())
                .thenApply(m -> ModernRequests.acceptDiscover(m, envelope, target(), transport()));
    }

    /** The spec's stdio probe: discover, and {@code initialize} in the same process when the answer is not modern. */
    private CompletableFuture<InitializeResult> probe() {
        return discover().handle((result, error) -> {
            if (error == null) {
                mode = Mode.MODERN;
                settled.accept(ProtocolEra.MODERN);
                return CompletableFuture.completedFuture(result);
            }
            McpException e = McpException.classify(error);
            if (!EraProbeSession.pointsToLegacy(e) && e.errorClass() != ErrorClass.TIMEOUT) {
                return CompletableFuture.<InitializeResult>failedFuture(e);
            }
            mode = Mode.LEGACY;
            protocolVersion = null;
            return super.initialize().thenApply(r -> {
                settled.accept(ProtocolEra.LEGACY);
                return r;
            });
        }).thenCompose(f -> f);
    }

    /** A modern session sends every request in the modern form, answering input_required from [inputs]. */
    @Override
    public CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis) {
        if (mode == Mode.LEGACY) {
            return super.request(request, timeoutMillis);
        }
        return ModernRequests.request(request, timeoutMillis, envelope, options.inputAnswers(),
                (r, t) -> super.request(r, t));
    }

    private void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        String program = "'" + options.command().get(0) + "'";
        try {
            process = new ProcessBuilder(options.command()).start();
        } catch (IOException e) {
            // out of descriptors for its pipes: this machine's limit, not the server's
            throw DescriptorLimit.exhausted(e)
                    ? DescriptorLimit.refused("could not start " + program, DescriptorLimit.PIPES, e)
                    : new McpException(ErrorClass.CONNECTION, cannotStart(e), e);
        }
        stdin = process.getOutputStream();
        Process p = process;
        try {
            writer = Executors.newSingleThreadExecutor(daemon("mcpload-stdio-writer"));
            daemon("mcpload-stdio-reader").newThread(() -> readLines(p, p.getInputStream())).start();
            daemon("mcpload-stdio-stderr").newThread(() -> stderr.drain(p.getErrorStream())).start();
        } catch (OutOfMemoryError e) { // no thread to read it with ("unable to create native thread"): ours
            p.destroyForcibly();
            process = null;
            // not the heap: a larger -Xmx leaves less native memory for thread stacks
            throw new McpException(ErrorClass.GENERATOR, "mcpload could not start the threads that talk to "
                    + program + " (" + e.getMessage() + "): the OS limit on threads (ulimit -u) or native memory"
                    + " ran out — run fewer stdio VUs per process; this is the load generator's limit, not the"
                    + " server's", e);
        }
    }

    /**
     * "could not start 'xyz': no such file (is it on PATH?)" rather than the JDK's {@code Cannot run program
     * "xyz": error=2, No such file or directory}.
     */
    private String cannotStart(IOException e) {
        String program = options.command().get(0);
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String why;
        if (msg.contains("error=2,")) {
            why = "no such file " + (program.contains("/") ? "(is the path right?)" : "(is it on PATH?)");
        } else if (msg.contains("error=13,")) {
            why = "permission denied (is it executable, and not a directory?)";
        } else {
            int at = msg.indexOf("error=");
            int comma = at < 0 ? -1 : msg.indexOf(", ", at);
            why = comma > 0 ? msg.substring(comma + 2) : msg;
        }
        return "could not start '" + program + "': " + why;
    }

    private void readLines(Process p, InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        byte[] buf = new byte[8192];
        int max = options.maxMessageBytes();
        boolean skipping = false; // inside a line past the limit: dropped up to its end, never buffered
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        if (!skipping) {
                            deliver(line.toByteArray());
                        }
                        skipping = false;
                        line.reset();
                    } else if (!skipping) {
                        line.write(buf[i]);
                        if (line.size() > max) {
                            skipping = true;
                            line.reset();
                            // Which request it answered cannot be known without reading it: all in flight fail.
                            McpException e = new McpException(ErrorClass.PROTOCOL, "server process '" + target()
                                    + "' wrote a message larger than " + max + " bytes (raise max_message_bytes"
                                    + " to accept it); the rest of it was not read");
                            loop.execute(() -> failAll(e));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process went away; reported below
        } catch (OutOfMemoryError e) { // ours, not the server's: fail what is pending, say so
            McpException f = McpException.outOfMemory("reading the output of '" + target() + "'", e);
            loop.execute(() -> failAll(f));
        }
        // stdout closed: wait (off the loop) for the exit code, then fail what is pending.
        p.onExit().completeOnTimeout(p, GRACE_MS, TimeUnit.MILLISECONDS)
                .thenRun(() -> loop.execute(() -> exited(p)));
    }

    private void deliver(byte[] bytes) {
        int len = bytes.length;
        while (len > 0 && (bytes[len - 1] == '\r' || bytes[len - 1] == ' ')) {
            len--;
        }
        if (len == 0) {
            return;
        }
        IncomingMessage m;
        try {
            m = MessageScanner.scan(bytes, 0, len);
        } catch (McpException e) {
            // A server that prints logs to stdout breaks the transport's contract; keep it visible.
            stderr.note("[stdout, not JSON-RPC] " + new String(bytes, 0, Math.min(len, 200),
                    java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        loop.execute(() -> dispatch(m));
    }

    private void exited(Process p) {
        if (p != process || closed) {
            return;
        }
        failAll(new McpException(ErrorClass.CONNECTION, exitedMessage(p)));
    }

    /** Why nothing can be sent: the process never started, or it ended (with its code and stderr). */
    private String notRunning() {
        return process == null ? "server process '" + target() + "' is not running" : exitedMessage(process);
    }

    /** "server process 'x' exited (code 3); its stderr ended with: ...", what a crash looks like to the user. */
    private String exitedMessage(Process p) {
        String code = p.isAlive() ? "unknown, stdout closed" : String.valueOf(p.exitValue());
        String tail = stderr.text().strip();
        return "server process '" + target() + "' exited (code " + code + ")"
                + (tail.isEmpty() ? "" : "; its stderr ended with: " + tail);
    }

    @Override
    protected void transmit(Pending p) {
        if (process == null || !process.isAlive()) {
            fail(p, new McpException(ErrorClass.CONNECTION, notRunning()));
            return;
        }
        byte[] bytes = p.request.toBytes(p.id); // no headers on stdio: what they say is in the body too
        write(bytes).whenComplete((v, e) -> {
            if (e != null) {
                loop.execute(() -> fail(p, McpException.classify(e)));
            }
        });
    }

    @Override
    protected CompletableFuture<Void> transmitMessage(byte[] json) {
        if (process == null || !process.isAlive()) {
            return CompletableFuture.failedFuture(new McpException(ErrorClass.CONNECTION, notRunning()));
        }
        return write(json);
    }

    private CompletableFuture<Void> write(byte[] json) {
        OutputStream out = stdin;
        Process p = process;
        return CompletableFuture.runAsync(() -> {
            try {
                out.write(json);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                // a process that is gone closed its stdin: say that it ended, as when its stdout closes
                boolean gone = waitedFor(p);
                throw new McpException(ErrorClass.CONNECTION, gone ? exitedMessage(p)
                        : "writing to '" + target() + "' failed: " + e.getMessage(), e);
            }
        }, writer);
    }

    @Override
    protected CompletableFuture<Void> closeTransport() {
        Process p = process;
        if (p == null) {
            return CompletableFuture.completedFuture(null);
        }
        ExecutorService w = writer;
        return CompletableFuture.runAsync(() -> {
            try {
                stdin.close();
                if (!p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                    p.destroy();
                    if (!p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS);
                    }
                }
            } catch (IOException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            } finally {
                w.shutdown();
            }
        }, w.isShutdown() ? Runnable::run : r -> daemon("mcpload-stdio-close").newThread(r).start());
    }

    /** Whether {@code p} has ended, waiting a moment for an exit that is under way (off the loop: the writer's thread). */
    private static boolean waitedFor(Process p) {
        try {
            return p.waitFor(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Keeps the last bytes of a stream, so a crash message can quote them without unbounded memory. */
    static final class StderrTail {
        private final int keep;
        private final StringBuilder text = new StringBuilder();

        StderrTail(int keep) {
            this.keep = keep;
        }

        void drain(InputStream in) {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    note(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // process ended
            }
        }

        synchronized void note(String s) {
            text.append(s);
            if (text.length() > keep) {
                text.delete(0, text.length() - keep);
            }
        }

        synchronized String text() {
            return text.toString();
        }
    }
}
