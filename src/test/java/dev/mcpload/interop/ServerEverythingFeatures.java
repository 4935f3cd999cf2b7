package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.ProtocolVersions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.node.ObjectNode;

/**
 * What server-everything (2026.8.31) offers. Never calls gzip-file-as-resource: it fetches a URL from the
 * internet.
 */
final class ServerEverythingFeatures implements ServerFeatures {
    static final ServerEverythingFeatures INSTANCE = new ServerEverythingFeatures();
    static final String STATIC_DOCUMENTS = "demo://resource/static/document/";

    private ServerEverythingFeatures() {
    }

    @Override
    public String serverName() {
        return "mcp-servers/everything";
    }

    @Override
    public String protocolVersion() {
        return ProtocolVersions.LATEST; // it echoes the client's version when it supports it
    }

    @Override
    public List<String> tools() {
        return List.of("echo", "get-sum", "trigger-long-running-operation");
    }

    @Override
    public List<String> prompts() {
        return List.of("simple-prompt", "args-prompt");
    }

    @Override
    public String pickResource(List<String> uris) {
        return uris.stream().filter(u -> u.startsWith(STATIC_DOCUMENTS)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + STATIC_DOCUMENTS + "… resource in " + uris));
    }

    @Override
    public void checkResourceText(String uri, String text) {
        assertThat(text).as("text of %s", uri).isNotBlank();
    }

    @Override
    public String promptName() {
        return "args-prompt";
    }

    @Override
    public ObjectNode promptArguments() {
        return args("city", "Paris");
    }

    @Override
    public String promptTextFragment() {
        return "Paris";
    }

    @Override
    public String progressTool() {
        return "trigger-long-running-operation";
    }

    @Override
    public ObjectNode progressArguments(int steps) {
        return args("duration", 1, "steps", steps);
    }

    /** It answers an unknown tool with a result flagged isError, not with a JSON-RPC error. */
    @Override
    public void checkUnknownTool(CompletableFuture<IncomingMessage> call) {
        IncomingMessage response = Interop.await(call);
        assertThat(response.isToolError()).as("isError in %s", response).isTrue();
        assertThat(Interop.firstText(response)).contains("not found");
    }
}
