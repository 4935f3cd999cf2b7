package dev.mcpload.config;

import tools.jackson.databind.JsonNode;

/**
 * One {@code [[scenario]]} entry: an MCP operation and its relative weight.
 *
 * @param type      tools/call, resources/read, prompts/get, tools/list or ping
 * @param name      the tool, URI or prompt (empty for tools/list and ping)
 * @param arguments tool or prompt arguments (null when none)
 * @param line      where it starts in the file (0 when built in code)
 */
public record ScenarioStep(String type, double weight, String name, JsonNode arguments, int line) {
    public static final String TOOLS_CALL = "tools/call";
    public static final String RESOURCES_READ = "resources/read";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String TOOLS_LIST = "tools/list";
    public static final String PING = "ping";

    public static ScenarioStep tool(String tool, double weight, JsonNode arguments) {
        return new ScenarioStep(TOOLS_CALL, weight, tool, arguments, 0);
    }
}
