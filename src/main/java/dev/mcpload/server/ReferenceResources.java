package dev.mcpload.server;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The one resource of the reference server: a short text, enough to exercise resources/list and read. */
final class ReferenceResources {
    static final String README_URI = "mcpload://reference/readme";
    static final String README_TEXT = """
            mcpload reference server
            ========================
            An MCP server embedded in mcpload, used by its demo, benchmarks and tests.
            Tools: add, subtract, multiply, divide, echo, sleep, fail.
            Prompts: greeting(name).
            """;

    private final List<JsonNode> resources;

    ReferenceResources() {
        ObjectNode readme = JsonRpc.object();
        readme.put("uri", README_URI);
        readme.put("name", "readme");
        readme.put("title", "Reference server README");
        readme.put("description", "What this server offers.");
        readme.put("mimeType", "text/plain");
        readme.put("size", README_TEXT.length());
        resources = List.of(readme);
    }

    List<JsonNode> list() {
        return resources;
    }

    /** @throws McpError -32602 without a uri, -32002 for a uri this server does not have */
    ObjectNode read(JsonNode params) {
        JsonNode uri = params.get("uri");
        if (uri == null || !uri.isString()) {
            throw McpError.invalidParams("Invalid params: resources/read needs a string \"uri\"");
        }
        if (!README_URI.equals(uri.stringValue())) {
            throw new McpError(JsonRpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri.stringValue());
        }
        ObjectNode result = JsonRpc.object();
        ObjectNode content = result.putArray("contents").addObject();
        content.put("uri", README_URI);
        content.put("mimeType", "text/plain");
        content.put("text", README_TEXT);
        return result;
    }
}
