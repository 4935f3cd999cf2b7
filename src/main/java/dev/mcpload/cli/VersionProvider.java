package dev.mcpload.cli;

import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "mcpload " + McpRequests.CLIENT_VERSION,
            "MCP protocol versions: " + String.join(", ", ProtocolVersions.SUPPORTED),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
