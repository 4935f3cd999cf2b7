package dev.mcpload.server.fault;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fault mode, by name: what its PARAM is, one line of help ({@code serve --help} and the usage error list
 * them from here) and how to make it. A new mode is one factory in its family's class and one line here.
 */
public final class FaultRegistry {
    /** Makes a fault from its PARAM (null when none was given: the mode's default). */
    @FunctionalInterface
    public interface Factory {
        /** @throws IllegalArgumentException a PARAM this mode cannot take, with a short reason */
        Fault create(String param);
    }

    /**
     * One mode: its name, its usage ({@code name[:PARAM]}), a line of help (at most {@link #HELP_WIDTH} characters,
     * so that {@code serve --help} fits 80 columns), its factory.
     */
    public record Mode(String name, String usage, String help, Factory factory) {
    }

    public static final int HELP_WIDTH = 54;

    private static final Map<String, Mode> MODES = index(List.of(
            new Mode("http500", "http500[:empty]", "HTTP 500 with a text body (:empty, without)",
                    p -> StatusFaults.status(500, p)),
            new Mode("http503", "http503[:empty]", "HTTP 503 with a text body (:empty, without)",
                    p -> StatusFaults.status(503, p)),
            new Mode("http429", "http429[:SECONDS]", "HTTP 429 with Retry-After: SECONDS (default 1)",
                    StatusFaults::tooManyRequests),
            new Mode("jsonrpc-error", "jsonrpc-error[:CODE]", "a JSON-RPC error response (default code -32603)",
                    AnswerFaults::jsonRpcError),
            new Mode("tool-error", "tool-error", "a tools/call result with isError: true",
                    AnswerFaults::toolError),
            new Mode("latency", "latency[:DURATION]", "answer DURATION late (default 100ms)",
                    TimingFaults::latency),
            new Mode("jitter", "jitter[:DURATION]", "answer late by a random 0..DURATION (default 100ms)",
                    TimingFaults::jitter),
            new Mode("stall", "stall[:DURATION]", "once: hold every request for DURATION (default 5s)",
                    TimingFaults.Stall::new),
            new Mode("never", "never", "never answer; only the client's timeout ends it",
                    TimingFaults::never),
            new Mode("reset", "reset", "reset the connection (RST) after reading the request",
                    ConnectionFaults::reset),
            new Mode("close-after-headers", "close-after-headers", "send 200 headers, then close before the body",
                    ConnectionFaults::closeAfterHeaders),
            new Mode("close-mid-sse", "close-mid-sse", "open an SSE stream, send half an event, close",
                    SseFaults::closeMidStream),
            new Mode("malformed-json", "malformed-json", "a 200 answer whose JSON is cut off",
                    AnswerFaults::malformedJson),
            new Mode("wrong-id", "wrong-id", "a well-formed response to another request id",
                    AnswerFaults::wrongId),
            new Mode("wrong-content-type", "wrong-content-type", "a 200 text/html page instead of JSON",
                    AnswerFaults::wrongContentType),
            new Mode("sse-no-data", "sse-no-data", "SSE stream with one data-less event, then its end",
                    SseFaults::eventWithoutData),
            new Mode("endless-sse", "endless-sse", "SSE stream of comments that never brings the answer",
                    SseFaults::endless),
            new Mode("oversized", "oversized[:SIZE]", "a valid answer of SIZE bytes (default 8m; k, m)",
                    AnswerFaults::oversized),
            new Mode("wrong-shape", "wrong-shape", "a result without content, contents or messages",
                    AnswerFaults::wrongShape),
            new Mode("continue-100", "continue-100", "an interim 100 Continue before the real answer",
                    ConnectionFaults::continueFirst),
            new Mode("expire-404", "expire-404", "end the session, answer 404 (client re-initializes)",
                    SessionFaults::expire404),
            new Mode("expire-400", "expire-400", "end the session, answer 400 'No valid session ID'",
                    SessionFaults::expire400),
            new Mode("init-refused", "init-refused", "refuse initialize with a JSON-RPC error",
                    SessionFaults::initRefused),
            new Mode("restart", "restart[:DURATION]", "go away for DURATION (default 2s), sessions lost",
                    ConnectionFaults::restart)));

    private FaultRegistry() {
    }

    private static Map<String, Mode> index(List<Mode> modes) {
        Map<String, Mode> byName = new LinkedHashMap<>();
        for (Mode m : modes) {
            if (byName.put(m.name(), m) != null) {
                throw new IllegalStateException("two fault modes are called " + m.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Every mode, in the order of the help. */
    public static List<Mode> modes() {
        return List.copyOf(MODES.values());
    }

    public static List<String> names() {
        return List.copyOf(MODES.keySet());
    }

    /** The mode called {@code name}, or null. */
    public static Mode find(String name) {
        return MODES.get(name);
    }

    static Mode mode(String name) {
        Mode m = MODES.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no fault mode '" + name + "'");
        }
        return m;
    }
}
