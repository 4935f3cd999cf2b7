package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** [session] keys reach the client through the real CLI: the standalone stream is held by default, or not. */
@Timeout(60)
class SessionKeysCliTest {
    @TempDir
    Path dir;

    private int streamRequests(String session) throws Exception {
        Path config = dir.resolve("t" + session.hashCode() + ".toml");
        Files.writeString(config, session + "\n[[scenario]]\ntype = \"ping\"\n");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            CliTest.Result r = CliTest.mcpload("run", server.mcpUrl(), "--config", config.toString(), "--vus", "3",
                    "--duration", "1", "--no-report", "-q");
            assertThat(r.code()).as(r.err()).isZero();
            return server.standaloneStreamRequests();
        }
    }

    @Test
    void eachSessionHoldsTheStandaloneStreamUnlessTheConfigSaysNot() throws Exception {
        // one stream per VU (the preflight session may close before its stream is asked for)
        assertThat(streamRequests("")).isBetween(3, 4);
        assertThat(streamRequests("[session]\nstandalone_stream = false")).isZero();
    }
}
