package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.node.ObjectNode;

/** What {@link JavaSdkServer} offers. */
final class JavaSdkFeatures implements ServerFeatures {
    private final String protocolVersion;

    JavaSdkFeatures(String protocolVersion) {
        this.protocolVersion = protocolVersion;
    }

    @Override
    public String serverName() {
        return JavaSdkServer.NAME;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    @Override
    public List<String> tools() {
        return List.of("echo", "progress");
    }

    @Override
    public List<String> prompts() {
        return List.of("greeting");
    }

    @Override
    public String pickResource(List<String> uris) {
        assertThat(uris).containsExactly(JavaSdkServer.RESOURCE_URI);
        return uris.get(0);
    }

    @Override
    public void checkResourceText(String uri, String text) {
        assertThat(text).isEqualTo(JavaSdkServer.RESOURCE_TEXT);
    }

    @Override
    public String promptName() {
        return "greeting";
    }

    @Override
    public ObjectNode promptArguments() {
        return args("name", "Ada");
    }

    @Override
    public String promptTextFragment() {
        return "Hello, Ada!";
    }

    @Override
    public String progressTool() {
        return "progress";
    }

    @Override
    public ObjectNode progressArguments(int steps) {
        return args("steps", steps);
    }

    /** The Java SDK answers an unknown tool with JSON-RPC error -32602 (invalid params). */
    @Override
    public void checkUnknownTool(CompletableFuture<IncomingMessage> call) {
        McpException e = Interop.failure(call);
        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.JSONRPC);
        assertThat(e.jsonRpcCode()).isEqualTo(-32602);
        assertThat(e.getMessage()).contains("-32602");
    }
}
