package dev.mcpload.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the server sent to its clients ({@code ping}, {@code roots/list}, {@code sampling/createMessage},
 * {@code elicitation/create}, ...), by method: how many arrived and how many mcpload answered with a result
 * rather than "method not found" (a client capability the config did not declare). A server may send any method
 * name, so only the first {@value #MAX_METHODS} distinct names get their own count; the rest add up under
 * {@value #OTHER}.
 */
public final class ServerRequests {
    static final int MAX_METHODS = 32;
    static final String OTHER = "(other)";

    /** One method's counts. */
    public record Count(long received, long answered) {
        public long refused() {
            return received - answered;
        }
    }

    private static final class Adders {
        final LongAdder received = new LongAdder();
        final LongAdder answered = new LongAdder();
    }

    private final ConcurrentHashMap<String, Adders> byMethod = new ConcurrentHashMap<>();

    /** A server request arrived; {@code answered} when mcpload replied with a result. Quick, from any thread. */
    public void received(String method, boolean answered) {
        Adders a = byMethod.get(method);
        if (a == null) {
            String key = byMethod.size() < MAX_METHODS ? method : OTHER;
            a = byMethod.computeIfAbsent(key, k -> new Adders());
        }
        a.received.increment();
        if (answered) {
            a.answered.increment();
        }
    }

    /** The counts so far, by method name in order. */
    public Map<String, Count> snapshot() {
        Map<String, Count> out = new TreeMap<>();
        byMethod.forEach((m, a) -> out.put(m, new Count(a.received.sum(), a.answered.sum())));
        return Collections.unmodifiableMap(out);
    }
}
