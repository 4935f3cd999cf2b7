package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.server.fault.FaultRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every fault mode is documented where a user looks: {@code serve --help} and the README's section. */
class ServeFaultsHelpTest {
    @Test
    void serveHelpListsEveryModeWithItsHelp() {
        InProcessCli.Result r = mcpload("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--fault=NAME[:PARAM][@FRACTION]").contains("Fault modes");
        for (FaultRegistry.Mode m : FaultRegistry.modes()) {
            assertThat(r.out()).as(m.name()).contains(m.usage()).contains(m.help());
        }
    }

    @Test
    void theReadmeDocumentsEveryMode() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("mcpload.projectDir", "."), "README.md"));
        int at = readme.indexOf("## Fault modes: see how your setup behaves");
        assertThat(at).as("the README's fault section").isNotNegative();
        String section = readme.substring(at, readme.indexOf("\n## ", at + 3) < 0 ? readme.length()
                : readme.indexOf("\n## ", at + 3));
        for (FaultRegistry.Mode m : FaultRegistry.modes()) {
            assertThat(section).as(m.name()).contains("`" + m.usage() + "`");
        }
    }
}
