package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.firstText;
import static dev.mcpload.interop.Interop.listAll;
import static dev.mcpload.interop.Interop.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * What mcpload's client must do against any real MCP server, whatever the transport: one subclass per
 * (server, transport) pair supplies the server and what that server offers. Each test opens its own session
 * on a client shared by the class.
 *
 * @param <S> the kind of server, so a subclass can reach what only its server can do
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class McpServerContract<S extends HttpPeer> {
    protected S server;
    protected McpClient client;
    protected McpSession session;
    protected RecordingListener listener;

    // ---- what a subclass supplies ------------------------------------------------------------------------------

    /** Starts the server (called once per class). */
    protected abstract S startServer() throws Exception;

    /** The transport the session must end up on (AUTO resolves to one of the two HTTP kinds). */
    protected abstract TransportKind expectedTransport();

    /** How the client reaches the started server: its URL, on the transport the session must end up on. */
    protected ClientOptions clientOptions() {
        return ClientOptions.http(server.url()).withTransport(expectedTransport());
    }

    /** What the server offers. */
    protected abstract ServerFeatures features();

    protected static final int PROGRESS_STEPS = 4;

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @BeforeAll
    void startAll() throws Exception {
        server = startServer();
        client = new McpClient(clientOptions());
    }

    @AfterAll
    void stopAll() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @BeforeEach
    void openSession() {
        listener = new RecordingListener();
        session = client.newSession(listener);
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            await(session.close());
        }
    }

    protected InitializeResult initialize() {
        return await(session.initialize());
    }

    // ---- the contract ------------------------------------------------------------------------------------------

    @Test
    void initializeNegotiatesTheVersionAndNamesTheServer() {
        InitializeResult init = initialize();

        assertThat(init.protocolVersion()).isEqualTo(features().protocolVersion());
        assertThat(session.protocolVersion()).isEqualTo(features().protocolVersion());
        assertThat(init.serverName()).isEqualTo(features().serverName());
        assertThat(init.has("tools")).as("tools capability in %s", init.capabilities()).isTrue();
        assertThat(init.transport()).isEqualTo(expectedTransport());
        assertThat(session.transport()).isEqualTo(expectedTransport());
        if (clientOptions().transport() == TransportKind.AUTO) {
            assertThat(client.resolvedTransport()).isEqualTo(expectedTransport());
        }
        // ping works on the initialized session
        assertThat(await(session.request(McpRequests.ping())).result().isObject()).isTrue();
    }

    @Test
    void listsToolsResourcesAndPromptsFollowingCursorsToTheEnd() {
        initialize();

        List<JsonNode> tools = listAll(session, McpMethods.TOOLS_LIST, "tools", null);
        List<JsonNode> resources = listAll(session, McpMethods.RESOURCES_LIST, "resources", null);
        List<JsonNode> prompts = listAll(session, McpMethods.PROMPTS_LIST, "prompts", null);

        assertThat(names(tools, "name")).containsAll(features().tools()).doesNotHaveDuplicates();
        assertThat(tools).allSatisfy(t -> assertThat(t.path("inputSchema").isObject()).isTrue());
        assertThat(names(resources, "uri")).isNotEmpty().doesNotContainNull().doesNotHaveDuplicates();
        assertThat(names(prompts, "name")).containsAll(features().prompts());
    }

    @Test
    void echoAnswersWithTheMessage() {
        initialize();

        IncomingMessage response = await(session.request(McpRequests.toolsCall("echo", args("message",
                "hello from mcpload"))));

        assertThat(response.isToolError()).isFalse();
        assertThat(firstText(response)).isEqualTo("Echo: hello from mcpload");
        // several calls in a row on one session keep working (connection reuse, ids)
        for (int i = 0; i < 5; i++) {
            assertThat(firstText(await(session.request(McpRequests.toolsCall("echo", args("message", "n" + i))))))
                    .isEqualTo("Echo: n" + i);
        }
        assertThat(listener.lateResponses).isEmpty();
    }

    @Test
    void concurrentRequestsOnOneSessionEachGetTheirOwnResponse() {
        initialize();

        List<CompletableFuture<IncomingMessage>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(session.request(McpRequests.toolsCall("echo", args("message", "c" + i))));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(firstText(await(calls.get(i)))).isEqualTo("Echo: c" + i);
        }
        assertThat(listener.lateResponses).isEmpty();
    }

    @Test
    void readsAResourceFromTheList() {
        initialize();
        List<String> uris = names(listAll(session, McpMethods.RESOURCES_LIST, "resources", null), "uri");
        String uri = features().pickResource(uris);

        IncomingMessage response = await(session.request(McpRequests.resourcesRead(uri)));

        JsonNode contents = response.result().path("contents");
        assertThat(contents.size()).as("contents of %s", uri).isGreaterThanOrEqualTo(1);
        assertThat(contents.path(0).path("uri").asString(null)).isEqualTo(uri);
        features().checkResourceText(uri, contents.path(0).path("text").asString(null));
    }

    @Test
    void getsAPromptWithAnArgument() {
        initialize();

        IncomingMessage response = await(session.request(McpRequests.promptsGet(features().promptName(),
                features().promptArguments())));

        JsonNode messages = response.result().path("messages");
        assertThat(messages.size()).isGreaterThanOrEqualTo(1);
        assertThat(messages.path(0).path("role").asString(null)).isEqualTo("user");
        assertThat(messages.path(0).path("content").path("text").asString(""))
                .contains(features().promptTextFragment());
    }

    @Test
    void progressNotificationsArriveBeforeTheResult() {
        initialize();
        String token = "progress-" + System.nanoTime();
        AtomicInteger seenWhenResultArrived = new AtomicInteger(-1);

        var call = McpRequests.toolsCall(features().progressTool(), features().progressArguments(PROGRESS_STEPS),
                token);
        IncomingMessage response = await(session.request(call, 14_000)
                .thenApply(r -> {
                    // runs where the response completed: whatever the listener has now came before it
                    seenWhenResultArrived.set(listener.progress(token).size());
                    return r;
                }));

        assertThat(response.isToolError()).isFalse();
        assertThat(seenWhenResultArrived.get()).isEqualTo(PROGRESS_STEPS);
        List<IncomingMessage> progress = listener.progress(token);
        assertThat(progress).hasSize(PROGRESS_STEPS);
        assertThat(progress).extracting(n -> n.params().path("progress").asDouble())
                .containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(progress).allSatisfy(n -> assertThat(n.params().path("total").asDouble())
                .isEqualTo(PROGRESS_STEPS));
        assertThat(listener.lateResponses).isEmpty();
    }

    @Test
    void anUnknownToolIsReported() {
        initialize();

        features().checkUnknownTool(session.request(McpRequests.toolsCall("no-such-tool-" + System.nanoTime(),
                args())));
        // and the session still works afterwards
        assertThat(firstText(await(session.request(McpRequests.toolsCall("echo", args("message", "still"))))))
                .isEqualTo("Echo: still");
    }
}
