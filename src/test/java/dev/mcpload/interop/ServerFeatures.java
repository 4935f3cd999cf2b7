package dev.mcpload.interop;

import dev.mcpload.protocol.IncomingMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.node.ObjectNode;

/** What one real server offers and how it answers, for {@link McpServerContract}. */
interface ServerFeatures {
    String serverName();

    /** The version the server settles on when offered mcpload's newest. */
    String protocolVersion();

    /** Tools and prompts its lists must contain. */
    List<String> tools();

    List<String> prompts();

    /** Picks the resource to read from the URIs resources/list gave. */
    String pickResource(List<String> uris);

    void checkResourceText(String uri, String text);

    String promptName();

    ObjectNode promptArguments();

    String promptTextFragment();

    /** A tool that sends one progress notification per step when given a progress token. */
    String progressTool();

    ObjectNode progressArguments(int steps);

    /** Checks how the server reports a call to a tool it does not have. */
    void checkUnknownTool(CompletableFuture<IncomingMessage> call);
}
