package dev.mcpload.engine;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.MessageScanner;
import dev.mcpload.protocol.RequestEncoder;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * A server in virtual time for the engine's tests: its sessions answer after latencies the test sets (per step,
 * as a function of the time), fail when the test says, stall and go down on cue, and time requests out like a
 * transport does. It counts what it saw, so a test compares the engine's numbers with a ground truth.
 */
final class FakeServer implements SessionFactory {
    /** What a request sent at a time gets: an answer after {@code latencyMs}, or {@code failure} then. */
    record Reply(double latencyMs, ErrorClass failure, boolean toolError) {
        static Reply after(double ms) {
            return new Reply(ms, null, false);
        }

        static Reply fail(ErrorClass c, double ms) {
            return new Reply(ms, c, false);
        }

        static Reply toolErrorAfter(double ms) {
            return new Reply(ms, null, true);
        }
    }

    private static final IncomingMessage OK = MessageScanner.scan(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}}"
                    .getBytes(StandardCharsets.UTF_8));
    private static final IncomingMessage TOOL_ERROR = MessageScanner.scan(
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"isError\":true,"
                    + "\"content\":[{\"type\":\"text\",\"text\":\"bad input\"}]}}").getBytes(StandardCharsets.UTF_8));

    private final VirtualTime time;
    private final Map<RequestEncoder, LongFunction<Reply>> behaviour = new IdentityHashMap<>();
    private LongFunction<Reply> initialize = t -> Reply.after(1);
    private long discoverTtlMs = -1; // -1: a 2025 server (initialize); else 2026-07-28, discover fresh this long
    private long stallFromMs = -1;
    private long stallToMs = -1;
    private long downFromMs = -1;
    private long downToMs = -1;
    private int timeoutMs = 5_000;
    private int slots = Integer.MAX_VALUE;
    private int busySlots;
    private final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
    private final Set<FakeSession> open = new LinkedHashSet<>();
    final List<Long> requestTimesMs = new ArrayList<>();
    /** Every session's requests, in the order it sent them (one list per session created). */
    final List<List<RequestEncoder>> requestsPerSession = new ArrayList<>();
    int sessionsCreated;
    int initializeCalls;
    int closes;
    long requests;
    long answered;
    int inFlight;
    int maxInFlight;

    FakeServer(VirtualTime time) {
        this.time = time;
    }

    /** Requests of {@code step} get what {@code reply} says for the ms (since the start) they were sent at. */
    FakeServer on(Step step, LongFunction<Reply> reply) {
        behaviour.put(step.request(), reply);
        return this;
    }

    /** A 2026-07-28 server: first contact is a discover whose result stays fresh {@code ttlMs}. */
    FakeServer modern(long ttlMs) {
        discoverTtlMs = ttlMs;
        return this;
    }

    FakeServer onInitialize(LongFunction<Reply> reply) {
        initialize = reply;
        return this;
    }

    /** Every answer due between {@code fromMs} and {@code toMs} comes at {@code toMs} instead (a frozen server). */
    FakeServer stall(long fromMs, long toMs) {
        stallFromMs = fromMs;
        stallToMs = toMs;
        return this;
    }

    /** Requests sent between {@code fromMs} and {@code toMs} are refused at once (nothing listening). */
    FakeServer down(long fromMs, long toMs) {
        downFromMs = fromMs;
        downToMs = toMs;
        return this;
    }

    /**
     * At most {@code n} requests served at once, the rest wait in line (FIFO); a request's latency starts when it
     * gets a slot. A server with a known ceiling. Queued requests do not time out.
     */
    FakeServer concurrency(int n) {
        slots = n;
        return this;
    }

    /** The transport's deadline: an answer later than this is a timeout (the default is 5 s). */
    FakeServer timeoutMs(int ms) {
        timeoutMs = ms;
        return this;
    }

    int openSessions() {
        return open.size();
    }

    @Override
    public TaskLoop nextLoop() {
        return time;
    }

    @Override
    public McpSession newSession(TaskLoop loop, SessionListener listener) {
        sessionsCreated++;
        return new FakeSession();
    }

    /** When a reply to a request sent now, taking {@code latencyMs}, arrives, given the stall window. */
    private long dueNanos(double latencyMs) {
        long due = time.nanoTime() + (long) (latencyMs * 1_000_000);
        long fromNanos = stallFromMs < 0 ? Long.MAX_VALUE : absolute(stallFromMs);
        long toNanos = absolute(stallToMs);
        return due >= fromNanos && due < toNanos ? toNanos : due;
    }

    private long absolute(long ms) {
        return time.nanoTime() - TimeUnit.MILLISECONDS.toNanos(time.elapsedMs()) + TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private boolean isDown() {
        long t = time.elapsedMs();
        return t >= downFromMs && t < downToMs;
    }

    private final class FakeSession implements McpSession {
        private final Set<Pending> pending = new LinkedHashSet<>();
        private final List<RequestEncoder> sent = new ArrayList<>();
        private CompletableFuture<InitializeResult> handshake;

        FakeSession() {
            requestsPerSession.add(sent);
        }
        private String version;

        private final class Pending {
            final CompletableFuture<IncomingMessage> future = new CompletableFuture<>();

            void finish(IncomingMessage m, McpException e) {
                if (!pending.remove(this)) {
                    return; // already timed out, or cut off by close
                }
                inFlight--;
                if (e != null) {
                    future.completeExceptionally(e);
                } else {
                    answered++;
                    future.complete(m);
                }
            }
        }

        @Override
        public CompletableFuture<InitializeResult> initialize() {
            initializeCalls++;
            CompletableFuture<InitializeResult> f = new CompletableFuture<>();
            handshake = f;
            Reply r = isDown() ? Reply.fail(ErrorClass.CONNECTION, 0) : initialize.apply(time.elapsedMs());
            time.schedule(() -> {
                if (f.isDone()) {
                    return; // cut off by close
                }
                if (r.failure() != null) {
                    f.completeExceptionally(new McpException(r.failure(), "initialize refused (fake)"));
                } else {
                    version = discoverTtlMs < 0 ? "2025-11-25" : "2026-07-28";
                    open.add(this);
                    f.complete(new InitializeResult(version, "fake", "1", null, null, TransportKind.STREAMABLE_HTTP,
                            discoverTtlMs));
                }
            }, dueNanos(r.latencyMs()) - time.nanoTime());
            return f;
        }

        @Override
        public CompletableFuture<IncomingMessage> request(RequestEncoder request) {
            return request(request, timeoutMs);
        }

        @Override
        public CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis) {
            requests++;
            requestTimesMs.add(time.elapsedMs());
            sent.add(request);
            Pending p = new Pending();
            pending.add(p);
            maxInFlight = Math.max(maxInFlight, ++inFlight);
            LongFunction<Reply> how = behaviour.getOrDefault(request, t -> Reply.after(1));
            if (slots != Integer.MAX_VALUE) {
                Runnable start = () -> {
                    Reply r = how.apply(time.elapsedMs());
                    time.schedule(() -> {
                        p.finish(r.toolError() ? TOOL_ERROR : OK, r.failure() == null ? null
                                : new McpException(r.failure(), r.failure() + " (fake)"));
                        Runnable next = queued.pollFirst();
                        if (next == null) {
                            busySlots--;
                        } else {
                            next.run();
                        }
                    }, dueNanos(r.latencyMs()) - time.nanoTime());
                };
                if (busySlots < slots) {
                    busySlots++;
                    start.run();
                } else {
                    queued.addLast(start);
                }
                return p.future;
            }
            Reply r = isDown() ? Reply.fail(ErrorClass.CONNECTION, 0) : how.apply(time.elapsedMs());
            long due = dueNanos(r.latencyMs());
            long deadline = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(timeoutMillis, timeoutMs));
            if (due > deadline) {
                time.schedule(() -> p.finish(null, new McpException(ErrorClass.TIMEOUT,
                        "no answer within " + Math.min(timeoutMillis, timeoutMs) + " ms")), deadline - time.nanoTime());
            } else {
                time.schedule(() -> p.finish(r.toolError() ? TOOL_ERROR : OK,
                        r.failure() == null ? null : new McpException(r.failure(), r.failure() + " (fake)")),
                        due - time.nanoTime());
            }
            return p.future;
        }

        @Override
        public CompletableFuture<Void> close() {
            closes++;
            open.remove(this);
            if (handshake != null && !handshake.isDone()) {
                handshake.completeExceptionally(new McpException(ErrorClass.CONNECTION, "session closed"));
            }
            for (Pending p : new ArrayList<>(pending)) {
                p.finish(null, new McpException(ErrorClass.CONNECTION, "session closed"));
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            time.execute(() -> f.complete(null));
            return f;
        }

        @Override
        public String sessionId() {
            return null;
        }

        @Override
        public String protocolVersion() {
            return version;
        }

        @Override
        public TransportKind transport() {
            return TransportKind.STREAMABLE_HTTP;
        }
    }
}
