package dev.mcpload.config;

import tools.jackson.databind.JsonNode;

/**
 * One {@code [[scenario]]} entry: an MCP operation and its relative weight.
 *
 * @param type      tools/call, resources/read, prompts/get, tools/list or ping
 * @param name      the tool, URI or prompt (empty for tools/list and ping)
 * @param arguments tool or prompt arguments (null when none)
 * @param line      where it starts in the file (0 when built in code)
 * @param label     the step's own name in reports ({@code name = "..."}), or null: then the tool, URI or prompt,
 *                  with {@code #2}, {@code #3} ... for a later step naming the same one with other arguments
 */
public record ScenarioStep(String type, double weight, String name, JsonNode arguments, int line, String label) {
    public static final String TOOLS_CALL = "tools/call";
    public static final String RESOURCES_READ = "resources/read";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String TOOLS_LIST = "tools/list";
    public static final String PING = "ping";

    public static ScenarioStep tool(String tool, double weight, JsonNode arguments) {
        return new ScenarioStep(TOOLS_CALL, weight, tool, arguments, 0, null);
    }
}
