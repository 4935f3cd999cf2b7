package dev.mcpload.server;

import java.util.ArrayDeque;

/**
 * At most {@code max} tool calls served at once across the server ({@code serve --max-concurrency N}); the rest
 * wait in arrival order. It gives tests and demos a server with a known ceiling: with N slots and a tool taking
 * t, throughput stops at N / t and every session beyond N waits in line. Queued calls are handed back to their own
 * event loop, so a call finishing on one connection never runs another connection's tool on its thread.
 */
final class ToolConcurrencyLimit {
    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    ToolConcurrencyLimit(int max) {
        this.max = max;
    }

    /** Runs {@code start} now if a slot is free, else when one is; every start must be followed by one done(). */
    void submit(Runnable start) {
        synchronized (this) {
            if (running >= max) {
                waiting.addLast(start);
                return;
            }
            running++;
        }
        start.run();
    }

    /** A call holding a slot answered: the next waiting one takes the slot. */
    void done() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }
}
