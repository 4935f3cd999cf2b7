package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.cli.Main;
import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The CLI run in this JVM with its output captured (System.out and System.err are global: one at a time). */
final class CliRun {
    record Output(int code, String out) {
    }

    private CliRun() {
    }

    static synchronized Output run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sink, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Output(code, sink.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The one JSON report a run wrote into {@code dir}, after checking it against docs/report.schema.json. */
    static JsonNode onlyReport(Path dir) throws IOException {
        JsonNode report;
        try (Stream<Path> files = Files.list(dir)) {
            report = Json.MAPPER.readTree(files.filter(p -> p.toString().endsWith(".json")).findFirst()
                    .orElseThrow().toFile());
        }
        assertThat(new MiniSchema(Json.parse(Files.readAllBytes(JsonReportTest.SCHEMA))).validate(report)).isEmpty();
        return report;
    }
}
