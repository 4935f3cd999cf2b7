package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --out NAME[=TARGET]}, through the command line against the embedded reference server. */
@Timeout(120)
class OutFlagTest {
    @TempDir
    Path dir;

    @Test
    void outJsonFileWritesAValidReportThereInsteadOfTheReportDir() throws Exception {
        Path file = dir.resolve("nested/run.json");
        Path reports = dir.resolve("reports");
        Result r = mcpload("run", "--duration", "2", "--progress", "none", "--no-color", "--out", "json=" + file);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("mcp_req_total").contains("  JSON report: " + file + "\n");
        JsonNode report = Json.parse(Files.readAllBytes(file));
        JsonNode schema = Json.parse(Files.readAllBytes(JsonReportTest.SCHEMA));
        assertThat(new MiniSchema(schema).validate(report)).isEmpty();
        assertThat(report.path("metrics").path("total_requests").asLong()).isPositive();
        assertThat(r.out().split("JSON report:", -1)).hasSize(2); // only there: it took the default report's place
        try (var s = Files.list(file.getParent())) {
            assertThat(s.toList()).containsExactly(file); // no temporary file left beside it
        }

        // run again: the file is replaced by the new report, as a named output file is
        String firstStart = report.path("started_at").asString();
        Result again = mcpload("run", "--duration", "1", "--progress", "none", "--out", "json=" + file,
                "--out", "json", "--report-dir", reports.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Json.parse(Files.readAllBytes(file)).path("started_at").asString()).isNotEqualTo(firstStart);
        try (var s = Files.list(reports)) {
            assertThat(s.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(1); // --out json too
        }
    }

    @Test
    void anUnknownOutputIsAUsageErrorInOneLineListingTheKnownOnes() {
        Result r = mcpload("run", "--out", "nope", "--no-report", "--duration", "1");
        assertThat(r.code()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).isEqualTo("mcpload: --out nope: unknown output 'nope' (known: json, csv,"
                + " json-lines, hdr, otlp, html; e.g. --out"
                + " json=report.json)" + System.lineSeparator());
        assertThat(r.out()).isEmpty(); // nothing started
    }

    @Test
    void flagsAnOutJsonWouldIgnoreAreUsageErrors() {
        Result r = mcpload("run", "--out", "json", "--no-report");
        assertThat(r.code()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains("--no-report").contains("--out json").contains("drop one of them");
        Result dir = mcpload("run", "--out", "json=a.json", "--report-dir", "reports");
        assertThat(dir.code()).isEqualTo(Errors.USAGE);
        assertThat(dir.err()).contains("--report-dir").contains("--out json=a.json writes it elsewhere")
                .contains("add --out json to write both");
        assertThat(Path.of("a.json")).doesNotExist();
    }

    @Test
    void anOutFileThatCannotBeWrittenFailsBeforeTheLoad() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        Result r = mcpload("run", "--duration", "1", "--out", "json=" + aFile.resolve("r.json"));
        assertThat(r.code()).isEqualTo(Errors.REPORT_NOT_WRITABLE);
        assertThat(r.err()).contains("cannot write the JSON report to " + aFile.resolve("r.json"))
                .contains("Not a directory").contains("--out json=FILE");
        assertThat(r.out()).doesNotContain("mcp_req_total");
        Result dirTarget = mcpload("run", "--duration", "1", "--out", "json=" + dir);
        assertThat(dirTarget.code()).isEqualTo(Errors.USAGE);
        assertThat(dirTarget.err()).contains("is a directory").contains("--report-dir");
    }
}
