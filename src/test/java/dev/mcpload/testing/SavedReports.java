package dev.mcpload.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The tests' one way to find the report a run wrote: exactly one, checked against the documented schema. */
public final class SavedReports {
    private SavedReports() {
    }

    /** The only file ending in {@code ext} in {@code dir}. */
    public static Path only(Path dir, String ext) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(ext)).toList();
            assertThat(files).as("files ending in " + ext + " in " + dir).hasSize(1);
            return files.get(0);
        }
    }

    /** The only JSON report in {@code dir}, parsed, after checking it against {@code docs/report.schema.json}. */
    public static JsonNode onlyJson(Path dir) throws IOException {
        JsonNode json = Json.parse(Files.readAllBytes(only(dir, ".json")));
        assertThat(new MiniSchema(Json.parse(Files.readAllBytes(JsonReportTest.SCHEMA))).validate(json)).isEmpty();
        return json;
    }
}
