package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code serve --era} is documented where a user looks, for HTTP and stdio. */
class ServeEraHelpTest {
    @Test
    void serveHelpDocumentsTheEras() {
        InProcessCli.Result r = mcpload("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--era=ERA").contains("modern (2026-07-28").contains("legacy (2024-11-05")
                .contains("dual").contains("--cache-ttl-ms").contains("With --stdio, the same");
    }

    @Test
    void theReadmeServeSectionDocumentsEra() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("mcpload.projectDir", "."), "README.md"));
        int at = readme.indexOf("### `mcpload serve`");
        String section = readme.substring(at, readme.indexOf("\n## ", at));
        assertThat(section).contains("--era modern").contains("--era legacy").contains("dual")
                .contains("server/discover").contains("input_required");
    }
}
