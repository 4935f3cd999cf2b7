package dev.mcpload.engine;

import dev.mcpload.metrics.OperationMetrics;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.McpSession;
import java.util.List;

/**
 * Sends one step on a session and records what came of it, measured from the step's <em>intended</em> start: in
 * a closed model that is when its VU got to it; in an open model, the arrival time the schedule gave it, so a
 * stalled server that delayed the send shows its whole cost (wrk2's {@code expected_latency_start}). Each request
 * is recorded exactly once: an answer, a classified failure, an {@code input_required} left unanswered, or — when
 * the run stopped waiting — unanswered. A request that answered the server's input requests is one request,
 * measured over all its round trips, with the extra round trips counted beside it. One
 * driver serves every VU of a run (it holds nothing per VU), so a held session costs no driver of its own.
 */
final class RequestDriver {
    /** The VU a request is sent for: told of the outcome, and asked whether the run stopped waiting for it. */
    interface Sender {
        /** Whether what completes from now on was cut off by the end of the run, not answered by the server. */
        boolean abandoned();

        /** The server's answer, before {@link #afterRequest}: for a sender that reads it (the tool listing). */
        default void answered(IncomingMessage m) {
        }

        /** The request was recorded; {@code failure} is null on an answer (a tool error included). */
        void afterRequest(McpException failure);
    }

    private final List<Step> steps;
    private final OperationMetrics[] stepMetrics;
    private final int timeoutMs;
    private final Clock clock;

    /** @param stepMetrics the recorder of each step, index for index (shared by all VUs) */
    RequestDriver(List<Step> steps, OperationMetrics[] stepMetrics, int timeoutMs, Clock clock) {
        this.steps = steps;
        this.stepMetrics = stepMetrics;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    /** Sends step {@code index} on {@code session} for {@code vu}. Completion runs on the session's loop. */
    void send(McpSession session, int index, long intendedStartNanos, Sender vu) {
        OperationMetrics om = stepMetrics[index];
        session.request(steps.get(index).request(), timeoutMs).whenComplete((m, error) -> {
            long nanos = clock.nanoTime() - intendedStartNanos;
            McpException failure = error == null ? null : McpException.classify(error);
            if (vu.abandoned()) {
                recordUnanswered(om, nanos, timeoutMs);
            } else {
                record(om, m, failure, nanos);
                if (m != null) {
                    vu.answered(m);
                }
            }
            vu.afterRequest(failure);
        });
    }

    private static void record(OperationMetrics om, IncomingMessage m, McpException failure, long nanos) {
        if (failure != null) {
            om.recordError(failure.errorClass(), failure.getMessage());
        } else {
            if (m.priorRoundTrips() > 0) {
                om.recordRoundTrips(m.priorRoundTrips());
            }
            if (m.isInputRequired()) {
                om.recordInputRequired(); // the server still wants input the config did not answer
            } else if (m.isToolError()) {
                om.recordError(ErrorClass.TOOL_ERROR, toolErrorText(m));
            } else {
                om.recordSuccess(nanos); // from the first send: every round trip is in it
            }
        }
    }

    /**
     * A request the run stopped waiting for (its session was closed under it when the graceful stop ran out): it
     * was sent, so it counts, as a timeout when its deadline had passed, else as unfinished. Whatever answer the
     * close produced is not the server's.
     */
    static void recordUnanswered(OperationMetrics om, long nanos, int timeoutMs) {
        long waitedMs = nanos / 1_000_000;
        if (waitedMs >= timeoutMs) {
            om.recordError(ErrorClass.TIMEOUT, "no answer within " + timeoutMs + " ms (the run was ending)");
        } else {
            om.recordError(ErrorClass.UNFINISHED, "no answer after " + waitedMs + " ms when the run ended"
                    + " (graceful stop over, or interrupted)");
        }
    }

    private static String toolErrorText(IncomingMessage m) {
        try {
            for (var item : m.result().path("content")) {
                if ("text".equals(item.path("type").asString(""))) {
                    String t = item.path("text").asString("");
                    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
                }
            }
        } catch (RuntimeException ignored) {
            // the message is only an example for the summary
        }
        return "tool returned isError: true";
    }
}
