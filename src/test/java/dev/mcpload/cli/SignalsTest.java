package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real CLI process stopped by a signal (issue 17): it prints the summary of what it measured, writes a valid
 * report that says it was interrupted, and exits with the shell's code for that signal (128 + signal) — for
 * SIGINT, SIGTERM, two SIGINTs in a row, and a SIGINT during start-up.
 */
@Timeout(120)
class SignalsTest {
    @TempDir
    Path dir;

    private record Ended(int code, String out, Path reports) {
    }

    /** Starts {@code mcpload run} (embedded server, 60 s), waits for {@code lines} progress lines, sends signals. */
    private Ended run(int lines, String... signals) throws Exception {
        Path reports = dir.resolve("reports");
        Path out = dir.resolve("out.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.mcpload.cli.Main",
                "run", "--duration", "60", "--report-dir", reports.toString(), "--progress", "plain", "--no-color")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (progressLines(out) < lines && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as("still running before the signal").isTrue();
            for (String s : signals) {
                new ProcessBuilder("kill", "-" + s, Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                Thread.sleep(100);
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s of the signal").isTrue();
            return new Ended(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), reports);
        } finally {
            p.destroyForcibly();
        }
    }

    private static long progressLines(Path out) throws IOException {
        if (!Files.exists(out)) {
            return 0;
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> l.contains("req/s")).count();
    }

    private static JsonNode report(Path reports) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSize(1);
        JsonNode json = Json.parse(Files.readAllBytes(files.get(0)));
        assertThat(new MiniSchema(Json.parse(Files.readAllBytes(JsonReportTest.SCHEMA))).validate(json)).isEmpty();
        return json;
    }

    private static void interruptedWithResults(Ended e) throws IOException {
        assertThat(e.out()).contains("mcp_req_total").contains("Interrupted: the figures cover the");
        JsonNode json = report(e.reports());
        assertThat(json.path("stop_reason").asString()).isEqualTo("interrupted");
        assertThat(json.path("metrics").path("total_requests").asLong()).isPositive();
    }

    @Test
    void sigintPrintsTheSummaryWritesTheReportAndExits130() throws Exception {
        Ended e = run(1, "INT");
        assertThat(e.code()).isEqualTo(130);
        interruptedWithResults(e);
    }

    @Test
    void sigtermDoesTheSameAndExits143() throws Exception {
        Ended e = run(1, "TERM");
        assertThat(e.code()).isEqualTo(143);
        interruptedWithResults(e);
    }

    @Test
    void aSecondSigintDoesNotLoseTheResults() throws Exception {
        Ended e = run(1, "INT", "INT");
        assertThat(e.code()).isEqualTo(130);
        interruptedWithResults(e);
    }

    @Test
    void sigintDuringStartUpEndsWithoutAHangOrAStackTrace() throws Exception {
        Ended e = run(0, "INT");
        assertThat(e.code()).isEqualTo(130);
        assertThat(e.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
