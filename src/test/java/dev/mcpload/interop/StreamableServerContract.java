package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.firstText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The contract plus what only Streamable HTTP has: a session id the server can forget. */
abstract class StreamableServerContract<S extends HttpPeer> extends McpServerContract<S> {
    /** What the server answers a request on a session it no longer knows (the spec says 404). */
    protected abstract int statusForForgottenSession();

    @Override
    protected TransportKind expectedTransport() {
        return TransportKind.STREAMABLE_HTTP;
    }

    /** The Streamable HTTP endpoint (for raw requests beside the client). */
    private String mcpUrl() {
        return server.url();
    }

    @Test
    void aDeletedSessionIsReinitializedTransparentlyOnTheNextRequest() {
        initialize();
        assertThat(firstText(await(session.request(McpRequests.toolsCall("echo", args("message", "before"))))))
                .isEqualTo("Echo: before");
        String before = session.sessionId();
        assertThat(before).isNotBlank();

        // The server forgets the session behind the client's back.
        assertThat(Interop.deleteSession(mcpUrl(), before)).isEqualTo(200);
        assertThat(Interop.rawPost(mcpUrl(), before, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                .statusCode()).as("the server really forgot the session").isEqualTo(statusForForgottenSession());
        assertThat(listener.reinitializations.get()).isZero();

        var after = await(session.request(McpRequests.toolsCall("echo", args("message", "after"))));

        assertThat(firstText(after)).isEqualTo("Echo: after");
        assertThat(listener.reinitializations.get()).isEqualTo(1);
        assertThat(session.sessionId()).isNotBlank().isNotEqualTo(before);
        // and the new session keeps working without another re-initialization
        assertThat(firstText(await(session.request(McpRequests.toolsCall("echo", args("message", "again"))))))
                .isEqualTo("Echo: again");
        assertThat(listener.reinitializations.get()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsOnAnExpiredSessionShareOneReinitialization() {
        initialize();
        String before = session.sessionId();
        assertThat(Interop.deleteSession(mcpUrl(), before)).isEqualTo(200);

        List<CompletableFuture<IncomingMessage>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(session.request(McpRequests.toolsCall("echo", args("message", "c" + i))));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(firstText(await(calls.get(i)))).isEqualTo("Echo: c" + i);
        }

        assertThat(listener.reinitializations.get()).isEqualTo(1);
        assertThat(session.sessionId()).isNotBlank().isNotEqualTo(before);
        assertThat(listener.lateResponses).isEmpty();
    }

    @Test
    void closingTheSessionEndsItOnTheServer() {
        initialize();
        String id = session.sessionId();
        assertThat(Interop.rawPost(mcpUrl(), id, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode())
                .as("the session is alive before close").isEqualTo(200);

        await(session.close());

        assertThat(Interop.rawPost(mcpUrl(), id, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode())
                .as("close sent DELETE for the session").isEqualTo(statusForForgottenSession());
    }
}
