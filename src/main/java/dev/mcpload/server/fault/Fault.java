package dev.mcpload.server.fault;

/**
 * One way the reference server misbehaves on purpose. Faults form a chain ({@link FaultChain}): each request
 * passes every configured fault in order; a fault its {@link FractionPicker} picks for this request gets
 * {@link #apply}, the others {@link #pass}. A fault either answers the request its own way (and does not call
 * {@code next}), or does something first and then calls {@code next} (delay, interim response), so that
 * latency composes with an error fault given after it.
 */
public interface Fault {
    /** This request was picked: misbehave, then call {@code next} only if the normal answer should follow. */
    void apply(FaultExchange request, Runnable next);

    /**
     * This request was not picked. Almost every fault lets it through at once; a server-wide one (a stall in
     * progress) may hold it too.
     */
    default void pass(FaultExchange request, Runnable next) {
        next.run();
    }

    /** Whether it applies to {@code initialize} (refusing sessions) instead of to the requests of a session. */
    default boolean onInitialize() {
        return false;
    }
}
