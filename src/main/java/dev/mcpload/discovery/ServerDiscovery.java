package dev.mcpload.discovery;

import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * What a server offers, read through one session: initialize, then every page of tools/list, resources/list
 * and prompts/list (following {@code nextCursor}). A list method the server does not offer is an empty list.
 */
public final class ServerDiscovery {
    /** A bounded crawl: a server whose cursors never end stops here instead of looping forever. */
    static final int MAX_PAGES = 100;

    /** What was found. */
    public record Catalog(InitializeResult server, List<JsonNode> tools, List<JsonNode> resources,
                          List<JsonNode> prompts) {
    }

    private ServerDiscovery() {
    }

    public static Catalog discover(McpSession session, long timeoutMs) throws Exception {
        InitializeResult init = session.initialize().get(timeoutMs, TimeUnit.MILLISECONDS);
        List<JsonNode> tools = init.has("tools") ? list(session, McpMethods.TOOLS_LIST, "tools", timeoutMs)
                : List.of();
        List<JsonNode> resources = init.has("resources")
                ? list(session, McpMethods.RESOURCES_LIST, "resources", timeoutMs) : List.of();
        List<JsonNode> prompts = init.has("prompts") ? list(session, McpMethods.PROMPTS_LIST, "prompts", timeoutMs)
                : List.of();
        return new Catalog(init, tools, resources, prompts);
    }

    static List<JsonNode> list(McpSession session, String method, String field, long timeoutMs) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode result = session.request(McpRequests.list(method, cursor)).get(timeoutMs, TimeUnit.MILLISECONDS)
                    .result();
            result.path(field).forEach(items::add);
            cursor = result.path("nextCursor").asString(null);
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return items;
    }
}
