package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import org.junit.jupiter.api.Test;

/** The connection flags {@code run} and {@code init} share through one mixin, each command in its own words. */
class ConnectionOptionsTest {
    @Test
    void initAndRunKeepTheirOwnWordsForTheSharedConnectionFlags() {
        // picocli wraps the help to the terminal's width: compare the words, not the line breaks
        assertThat(mcpload("run", "--help").out().replaceAll("\\s+", " "))
                .contains("auto (default), http (Streamable HTTP), sse (legacy")
                .contains("started once per session").contains("repeatable; ${VAR} takes the value");
        assertThat(mcpload("init", "--help").out().replaceAll("\\s+", " ")).contains("auto, http, sse or stdio (with --command).")
                .contains("Server command line for --transport stdio.").contains("Extra HTTP header.")
                .doesNotContain("started once per session");
    }

    @Test
    void theSharedFlagsAreReadTheSameWayInBoth() {
        String url = "http://127.0.0.1:1/mcp";
        for (InProcessCli.Result r : new InProcessCli.Result[] {
            mcpload("run", url, "--command", "server", "--no-report"),
            mcpload("init", url, "--command", "server", "--output", "never-written.toml")}) {
            assertThat(r.code()).isEqualTo(Errors.USAGE);
            assertThat(r.err()).contains("give either a URL or --command, not both");
        }
    }
}
