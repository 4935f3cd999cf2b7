package dev.mcpload.protocol;

/** MCP method names, in one place. */
public final class McpMethods {
    public static final String INITIALIZE = "initialize";
    public static final String INITIALIZED = "notifications/initialized";
    public static final String PING = "ping";
    /** The modern era's first contact (2026-07-28): supported versions and capabilities, cacheable. */
    public static final String SERVER_DISCOVER = "server/discover";
    public static final String ROOTS_LIST = "roots/list";
    public static final String SAMPLING_CREATE_MESSAGE = "sampling/createMessage";
    public static final String ELICITATION_CREATE = "elicitation/create";
    public static final String TOOLS_LIST = "tools/list";
    public static final String TOOLS_CALL = "tools/call";
    /** 2026-07-28: the long-lived notification stream that replaces the GET stream and resources/subscribe. */
    public static final String SUBSCRIPTIONS_LISTEN = "subscriptions/listen";
    public static final String RESOURCES_LIST = "resources/list";
    public static final String RESOURCES_READ = "resources/read";
    public static final String PROMPTS_LIST = "prompts/list";
    public static final String PROMPTS_GET = "prompts/get";
    public static final String PROGRESS = "notifications/progress";
    public static final String CANCELLED = "notifications/cancelled";

    private McpMethods() {
    }
}
