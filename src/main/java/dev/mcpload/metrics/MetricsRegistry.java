package dev.mcpload.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * All live metrics of a run. Keys are registered at plan time, so virtual users hold their
 * {@link OperationMetrics} directly and never look anything up per request.
 */
public final class MetricsRegistry {
    private final java.util.concurrent.atomic.LongAdder streamsFailed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.AtomicReference<String> firstStreamFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final ConcurrentHashMap<MetricKey, OperationMetrics> byKey = new ConcurrentHashMap<>();
    private final ErrorExamples examples = new ErrorExamples();
    private final LongAdder sessionReinits = new LongAdder();
    private final LongAdder droppedIterations = new LongAdder();
    // Session lengths: a few per second at most, so a lock is cheaper than recorders. Milliseconds up to 30 days.
    private final org.HdrHistogram.Histogram sessionMillis = new org.HdrHistogram.Histogram(2_592_000_000L, 2);
    private final org.HdrHistogram.Histogram sessionCalls = new org.HdrHistogram.Histogram(1_000_000_000L, 2);
    private final LongAdder notifications = new LongAdder();
    private final LongAdder lateResponses = new LongAdder();
    private final ServerRequests serverRequests = new ServerRequests();
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private final AtomicInteger sessionsHeld = new AtomicInteger();
    private final AtomicInteger peakSessionsHeld = new AtomicInteger();

    public OperationMetrics forKey(MetricKey key) {
        return byKey.computeIfAbsent(key, k -> new OperationMetrics(k, examples));
    }

    public OperationMetrics initialize() {
        return forKey(MetricKey.INITIALIZE);
    }

    /** Every key, initialize included, in a stable order. */
    List<OperationMetrics> all() {
        List<OperationMetrics> list = new ArrayList<>(byKey.values());
        list.sort((a, b) -> a.key().compareTo(b.key()));
        return list;
    }

    public ErrorExamples examples() {
        return examples;
    }

    public void sessionReinitialized() {
        sessionReinits.increment();
    }

    public void notificationReceived() {
        notifications.increment();
    }

    /** What the server asked of its clients, by method. */
    public ServerRequests serverRequests() {
        return serverRequests;
    }

    /** A session's event stream could not be opened; the first reason is kept for the summary. */
    public void streamFailed(String why) {
        streamsFailed.increment();
        firstStreamFailure.compareAndSet(null, why);
    }

    public long streamsFailed() {
        return streamsFailed.sum();
    }

    /** Why the first event stream could not be opened, or null. */
    public String firstStreamFailure() {
        return firstStreamFailure.get();
    }

    public void lateResponse() {
        lateResponses.increment();
    }

    /** A VU now holds an initialized session (once per session, not per request). */
    public void sessionOpened() {
        sessionsOpened.increment();
        int held = sessionsHeld.incrementAndGet();
        peakSessionsHeld.accumulateAndGet(held, Math::max);
    }

    public void sessionClosed() {
        sessionsClosed.increment();
        sessionsHeld.decrementAndGet();
    }

    /** The most sessions held at once: what the server actually carried, against the VUs the plan wanted. */
    public int peakSessionsHeld() {
        return peakSessionsHeld.get();
    }

    /** A session ended (its calls or time were used up, or the run ended) after {@code nanos} and {@code calls}. */
    public synchronized void sessionEnded(long nanos, long calls) {
        sessionMillis.recordValue(Math.max(0, Math.min(nanos / 1_000_000, sessionMillis.getHighestTrackableValue())));
        sessionCalls.recordValue(Math.max(0, Math.min(calls, sessionCalls.getHighestTrackableValue())));
    }

    public synchronized SessionLengths sessionLengths() {
        long n = sessionMillis.getTotalCount();
        if (n == 0) {
            return SessionLengths.NONE;
        }
        return new SessionLengths(n, sessionMillis.getValueAtPercentile(50), sessionMillis.getValueAtPercentile(95),
                sessionMillis.getMaxValue(), sessionCalls.getMean(), sessionCalls.getMaxValue());
    }

    /** An open-model iteration found no free VU and was not sent (k6's dropped_iterations). */
    public void iterationDropped() {
        droppedIterations.increment();
    }

    public long droppedIterations() {
        return droppedIterations.sum();
    }

    public long sessionReinits() {
        return sessionReinits.sum();
    }

    public long notifications() {
        return notifications.sum();
    }

    public long lateResponses() {
        return lateResponses.sum();
    }

    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    public long sessionsClosed() {
        return sessionsClosed.sum();
    }
}
