package dev.mcpload.interop;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.testing.SavedReports;
import java.io.IOException;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** The interop tests' CLI run: {@link InProcessCli} with both streams as one, as a terminal shows them. */
final class CliRun {
    record Output(int code, String out) {
    }

    private CliRun() {
    }

    static Output run(String... args) {
        InProcessCli.Result r = InProcessCli.mcpload(args);
        return new Output(r.code(), r.all());
    }

    /** The one JSON report a run wrote into {@code dir}, after checking it against docs/report.schema.json. */
    static JsonNode onlyReport(Path dir) throws IOException {
        return SavedReports.onlyJson(dir);
    }
}
