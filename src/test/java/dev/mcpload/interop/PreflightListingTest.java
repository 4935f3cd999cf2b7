package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modern preflight reads {@code tools/list} to learn the tools' {@code Mcp-Param} headers only when the load
 * calls tools: a load of {@code resources/read} sends the server nothing it did not ask for. Counted on a scripted
 * 2026-07-28 server that records every request.
 */
@Timeout(60)
class PreflightListingTest {
    @TempDir
    Path dir;

    private static ScriptedServer modernServer() {
        ScriptedServer server = new ScriptedServer();
        server.on("server/discover", (request, exchange) -> ScriptedServer.json(exchange, 200,
                ScriptedServer.response(request.id(), "{\"supportedVersions\":[\"2026-07-28\"],"
                        + "\"capabilities\":{\"tools\":{},\"resources\":{}},\"resultType\":\"complete\"}")));
        server.on("tools/list", (request, exchange) -> ScriptedServer.json(exchange, 200,
                ScriptedServer.response(request.id(), "{\"tools\":[],\"resultType\":\"complete\"}")));
        server.on("tools/call", (request, exchange) -> ScriptedServer.json(exchange, 200,
                ScriptedServer.textResult(request.id(), "ok")));
        server.on("resources/read", (request, exchange) -> ScriptedServer.json(exchange, 200,
                ScriptedServer.response(request.id(), "{\"contents\":[{\"uri\":\"doc://a\",\"text\":\"a\"}],"
                        + "\"resultType\":\"complete\"}")));
        return server;
    }

    private long toolLists(String scenario) throws Exception {
        Path config = Files.writeString(dir.resolve(scenario.hashCode() + ".toml"), """
                [settings]
                virtual_users = 1
                duration_secs = 1

                [session]
                standalone_stream = false

                %s
                """.formatted(scenario));
        try (ScriptedServer server = modernServer()) {
            CliRun.Output out = CliRun.run("run", server.url(), "--config", config.toString(), "--protocol-era",
                    "modern", "--no-report", "--progress", "none", "--no-color");
            assertThat(out.code()).as(out.out()).isZero();
            return server.all.stream().filter(r -> "tools/list".equals(r.method())).count();
        }
    }

    @Test
    void theToolsAreListedBeforeALoadOfCallsAndNotBeforeALoadOfReads() throws Exception {
        assertThat(toolLists("[[scenario]]\ntype = \"tools/call\"\ntool = \"x\"\n")).isEqualTo(1);
        assertThat(toolLists("[[scenario]]\ntype = \"resources/read\"\nuri = \"doc://a\"\n")).isZero();
    }
}
