package dev.mcpload.cli;

import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.TestConfig;

/**
 * What runs when no config file is found: against the embedded reference server, the calculator mix of the
 * loadtest chapter for a short demo; against any other server, {@code tools/list}, which every tool server
 * answers and which changes nothing. Written as TOML so the defaults go through the same loader as files.
 */
final class DefaultScenarios {
    static final String EMBEDDED_DEMO = """
            [settings]
            virtual_users = 5
            duration_secs = 10
            timeout_ms = 5000
            """
            + toolCall(25, "add", "{ a = 42, b = 17 }")
            + toolCall(25, "subtract", "{ a = 100, b = 37 }")
            + toolCall(20, "multiply", "{ a = 6, b = 7 }")
            + toolCall(20, "divide", "{ dividend = 100, divisor = 4 }")
            + toolCall(10, "echo", "{ message = \"hello from mcpload\" }");

    /** The ceiling demo: sleep(20 ms) against a reference server limited to 4 calls at once. */
    static final String CEILING_DEMO = """
            [settings]
            timeout_ms = 5000
            """
            + toolCall(1, "sleep", "{ ms = 20 }");

    static final String ANY_SERVER = """
            [[scenario]]
            type = "tools/list"
            weight = 1
            """;

    private DefaultScenarios() {
    }

    /** One {@code tools/call} scenario block, preceded by the blank line that separates blocks. */
    static TestConfig ceilingDemo() {
        return ConfigLoader.parse(CEILING_DEMO, null);
    }

    private static String toolCall(int weight, String tool, String arguments) {
        return """

                [[scenario]]
                type = "tools/call"
                weight = %d
                tool = "%s"
                arguments = %s
                """.formatted(weight, tool, arguments);
    }

    static TestConfig embeddedDemo() {
        return ConfigLoader.parse(EMBEDDED_DEMO, null);
    }

    static TestConfig anyServer() {
        return ConfigLoader.parse(ANY_SERVER, null);
    }
}
