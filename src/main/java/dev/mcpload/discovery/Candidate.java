package dev.mcpload.discovery;

import dev.mcpload.config.ScenarioStep;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.RequestTemplate;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One scenario step a generated config may contain: the operation, its name and arguments, the server's
 * description, what init did with it ({@link Status}) and, for a step written commented out, why.
 */
public record Candidate(String type, String name, JsonNode arguments, String description, Status status,
                        String reason) {
    /** What init did with a step, which decides whether it is written active or commented out. */
    public enum Status {
        /** Written active: tried once and it answered, or (with {@code --no-probe}) read-only and untried. */
        ACTIVE,
        /** Commented out and never called: it may have side effects ({@link SideEffects}). */
        UNSAFE,
        /** Commented out and never called: nothing marks it read-only, and {@code --probe} was not given. */
        NOT_READ_ONLY,
        /** Commented out: init called it once and it failed. */
        FAILED
    }

    static Candidate active(String type, String name, JsonNode arguments, String description) {
        return new Candidate(type, name, arguments, description, Status.ACTIVE, null);
    }

    Candidate with(Status newStatus, String why) {
        return new Candidate(type, name, arguments, description, newStatus, why);
    }

    /** Why the step is written commented out, or empty when it is written active. */
    public Optional<String> leftOut() {
        return status == Status.ACTIVE ? Optional.empty() : Optional.of(reason);
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
