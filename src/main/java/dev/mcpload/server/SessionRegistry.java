package dev.mcpload.server;

import io.netty.channel.Channel;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The open sessions of one server, shared by all event loops, with an optional ceiling. */
final class SessionRegistry {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Counted apart from the map so the ceiling is exact under concurrent initialize requests. */
    private final AtomicInteger open = new AtomicInteger();
    // Totals since start, for tests that check a client's session counts against the server's own.
    private final java.util.concurrent.atomic.LongAdder created = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder ended = new java.util.concurrent.atomic.LongAdder();
    private final int maxSessions;

    SessionRegistry(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** A new session, or null when {@code maxSessions} are already open. */
    Session create(Channel legacyStream) {
        if (!reserve()) {
            return null;
        }
        // A random UUID: cryptographically secure and visible ASCII only, as the spec asks of session ids.
        Session session = new Session(UUID.randomUUID().toString(), legacyStream);
        sessions.put(session.id(), session);
        created.increment();
        return session;
    }

    private boolean reserve() {
        while (true) {
            int current = open.get();
            if (maxSessions > 0 && current >= maxSessions) {
                return false;
            }
            if (open.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    long created() {
        return created.sum();
    }

    long ended() {
        return ended.sum();
    }

    Session get(String id) {
        return sessions.get(id);
    }

    /**
     * Forgets the session; later requests with its id get 404, and a legacy session's event stream is closed.
     * Null when it was not open.
     */
    Session remove(String id) {
        Session removed = sessions.remove(id);
        if (removed != null) {
            open.decrementAndGet();
            ended.increment();
            if (removed.legacyStream() != null) {
                removed.legacyStream().close();
            }
            Session.StandaloneStream standalone = removed.standalone();
            if (standalone != null) {
                standalone.end(); // DELETE or expiry: the session's GET stream ends with it
            }
        }
        return removed;
    }

    /** Sends {@code message} on every open standalone stream; how many took it. */
    int sendOnStandaloneStreams(tools.jackson.databind.node.ObjectNode message) {
        int sent = 0;
        for (Session s : sessions.values()) {
            Session.StandaloneStream stream = s.standalone();
            if (stream != null && stream.send(message.deepCopy())) {
                sent++;
            }
        }
        return sent;
    }

    /** Forgets every session, as a restarted server has (fault {@code restart}). */
    void clear() {
        sessions.keySet().forEach(this::remove);
    }

    int size() {
        return open.get();
    }

    int maxSessions() {
        return maxSessions;
    }
}
