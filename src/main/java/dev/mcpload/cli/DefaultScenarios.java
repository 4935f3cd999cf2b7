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

            [[scenario]]
            type = "tools/call"
            weight = 25
            tool = "add"
            arguments = { a = 42, b = 17 }

            [[scenario]]
            type = "tools/call"
            weight = 25
            tool = "subtract"
            arguments = { a = 100, b = 37 }

            [[scenario]]
            type = "tools/call"
            weight = 20
            tool = "multiply"
            arguments = { a = 6, b = 7 }

            [[scenario]]
            type = "tools/call"
            weight = 20
            tool = "divide"
            arguments = { dividend = 100, divisor = 4 }

            [[scenario]]
            type = "tools/call"
            weight = 10
            tool = "echo"
            arguments = { message = "hello from mcpload" }
            """;

    static final String ANY_SERVER = """
            [[scenario]]
            type = "tools/list"
            weight = 1
            """;

    private DefaultScenarios() {
    }

    static TestConfig embeddedDemo() {
        return ConfigLoader.parse(EMBEDDED_DEMO, null);
    }

    static TestConfig anyServer() {
        return ConfigLoader.parse(ANY_SERVER, null);
    }
}
