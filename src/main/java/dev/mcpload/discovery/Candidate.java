package dev.mcpload.discovery;

import dev.mcpload.config.ScenarioStep;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.RequestTemplate;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One scenario step a generated config may contain: the operation, its name and arguments, the server's
 * description, and why it is left out (commented) if it is.
 */
public record Candidate(String type, String name, JsonNode arguments, String description,
                        Optional<String> leftOut) {
    public Candidate withLeftOut(String reason) {
        return new Candidate(type, name, arguments, description, Optional.of(reason));
    }

    /** The request this step sends, for trying it once. */
    public RequestTemplate request() {
        return switch (type) {
            case ScenarioStep.TOOLS_CALL -> McpRequests.toolsCall(name, arguments);
            case ScenarioStep.RESOURCES_READ -> McpRequests.resourcesRead(name);
            case ScenarioStep.PROMPTS_GET -> McpRequests.promptsGet(name, arguments);
            default -> throw new IllegalStateException("not a discovered step: " + type);
        };
    }
}
