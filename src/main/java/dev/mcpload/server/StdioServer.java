package dev.mcpload.server;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference server over stdio: newline-delimited JSON-RPC on a pair of streams. Requests are handled in
 * arrival order on the reading thread; {@code sleep} completes on a timer thread, so a slow call does not hold up
 * the ones behind it. Run as a subprocess with {@link #main}.
 *
 * <p>Both eras, as over HTTP ({@link ServerEra}, dual by default): a request whose {@code _meta} names a
 * 2026-07-28 version is served statelessly (its body checked as the spec requires; stdio has no headers), an
 * {@code initialize} opens the process's one 2025-era session. A modern-only server answers {@code initialize}
 * with the versions it speaks; a legacy-only one knows no {@code server/discover} (-32601), which is how a
 * dual-era client's probe tells it apart.
 */
public final class StdioServer {
    /** Long enough for the longest sleep a client may have asked for before closing stdin. */
    private static final long DRAIN_SECONDS = ReferenceTools.MAX_SLEEP_MS / 1000 + 5;

    private final McpDispatcher dispatcher;
    private final ServerEra era;
    private final Session session = new Session("stdio", null);
    private final OutputStream out;
    private final ScheduledExecutorService timer;

    private StdioServer(ReferenceServerOptions options, OutputStream out) {
        this.dispatcher = new McpDispatcher(options);
        this.era = options.era();
        this.out = out;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mcpload-ref-stdio-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Serves until {@code in} reaches end of file, then waits for pending answers. Does not close the streams. */
    public static void run(InputStream in, OutputStream out) throws IOException {
        run(in, out, ReferenceServerOptions.defaults());
    }

    /** As {@link #run(InputStream, OutputStream)}, with the page size and sleep switch of {@code options}. */
    public static void run(InputStream in, OutputStream out, ReferenceServerOptions options) throws IOException {
        new StdioServer(options, out).serve(in);
    }

    /**
     * Entry point for a stdio subprocess: stdin/stdout carry MCP; anything else printed goes to stderr. The one
     * optional argument is the era ({@code dual}, the default, {@code modern} or {@code legacy}).
     */
    public static void main(String[] args) throws IOException {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        // The spec forbids non-MCP bytes on stdout; a stray println anywhere must not corrupt the stream.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        ServerEra era = args.length > 0 ? ServerEra.valueOf(args[0].toUpperCase(java.util.Locale.ROOT)) : ServerEra.DUAL;
        run(System.in, stdout, ReferenceServerOptions.builder().era(era).build());
    }

    private void serve(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    handle(line);
                }
            }
        } finally {
            timer.shutdown(); // already scheduled sleeps still run and answer
            try {
                timer.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(String line) {
        JsonNode body = null;
        JsonRpc.Incoming message;
        try {
            body = JsonRpc.parse(line);
            message = JsonRpc.Incoming.of(body);
        } catch (McpError e) {
            write(JsonRpc.error(JsonRpc.Incoming.idOf(body), e.code(), e.getMessage()));
            return;
        }
        if (era == ServerEra.MODERN || era == ServerEra.DUAL && ModernHttp.claimsInDual(message, null, null)) {
            modern(message);
            return;
        }
        switch (message.kind()) {
            case NOTIFICATION -> dispatcher.notification(message, session);
            case RESPONSE -> { } // this server sends no requests
            case REQUEST -> dispatcher.request(message, session, exchange);
        }
    }

    /** A 2026-07-28 message: its body checked, then served with no session; notifications need no answer. */
    private void modern(JsonRpc.Incoming message) {
        try {
            Modern.checkNotResponse(message);
            if (message.kind() == JsonRpc.Incoming.Kind.NOTIFICATION) {
                return; // notifications/cancelled and the like: every tool but sleep has answered already
            }
            Modern.checkSupported(Modern.requireMetaVersion(message, era), era);
            Modern.checkCapabilities(message.params());
        } catch (McpError e) {
            if (message.kind() != JsonRpc.Incoming.Kind.NOTIFICATION) {
                write(e.response(message.id()));
            }
            return;
        }
        dispatcher.modernRequest(message, exchange);
    }

    private final Exchange exchange = new Exchange() {
        @Override
        public boolean canNotify() {
            return true;
        }

        @Override
        public void notify(ObjectNode notification) {
            write(notification);
        }

        @Override
        public void respond(ObjectNode response) {
            write(response);
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return timer;
        }
    };

    /** One message, one line; the reader and the timer thread both write, so whole lines are serialised. */
    private void write(ObjectNode message) {
        byte[] bytes = JsonRpc.encodeBytes(message);
        synchronized (out) {
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("stdout closed: the client went away", e);
            }
        }
    }
}
