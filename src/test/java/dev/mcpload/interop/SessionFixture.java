package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.await;

import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up and teardown every client-against-a-server test repeats: servers it owns, a client with one I/O
 * thread and a session on it, all closed after the test, newest first (session, client, server), each close
 * bounded. Use as {@code @RegisterExtension final SessionFixture fixture = new SessionFixture();}.
 */
final class SessionFixture implements AfterEachCallback {
    /** What the session reported besides responses. */
    final RecordingListener listener = new RecordingListener();
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** Closes {@code resource} after the test (before what was owned earlier). */
    <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** A session, not yet initialized, of a new client with {@code options} and one I/O thread. */
    McpSession session(ClientOptions options) {
        McpClient client = own(new McpClient(options.withIoThreads(1)));
        McpSession session = client.newSession(listener);
        owned.push(() -> await(session.close()));
        return session;
    }

    /** A session with {@code options}, initialized. */
    McpSession initialized(ClientOptions options) {
        McpSession session = session(options);
        await(session.initialize());
        return session;
    }

    /** A Streamable HTTP session on {@code url}, initialized. */
    McpSession initialized(String url) {
        return initialized(ClientOptions.http(url).withTransport(TransportKind.STREAMABLE_HTTP));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception | AssertionError e) {
                // keep closing the rest; a session that failed to close must not leak its server
                if (first == null) {
                    first = e instanceof Exception ex ? ex : new Exception(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
