package dev.mcpload.transport.http;

/** Test access to the pool's package-private limits. */
public final class ConnectionPoolAccess {
    private ConnectionPoolAccess() {
    }

    public static long maxIdleNanos() {
        return ConnectionPool.MAX_IDLE_NANOS;
    }
}
