package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, as a user types it: each gets one paragraph saying what is wrong, where and how to fix it, and the
 * exit code of the README (2 bad usage or config, 1 the target could not be tested) — never a stack trace, an
 * internal error, or a hint that sends the user the wrong way. Everything runs against 127.0.0.1.
 */
@Timeout(120)
class BadInputTest {
    @TempDir
    Path dir;

    /** One paragraph: no stack trace, no exception class name, no internal error. */
    private static Result clean(Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error")
                .doesNotContain("OutOfMemory");
        return r;
    }

    private Path config(String name, String toml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, toml);
        return p;
    }

    private Path config(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static final String PING = "[[scenario]]\ntype = \"ping\"\n";

    // ---- load the machine cannot hold -------------------------------------------------------------------------

    @Test
    void moreVusThanTheMachineCanHoldIsAUsageErrorThatSaysTheMaximum() throws Exception {
        Result r = clean(mcpload("run", "--vus", "2147483647", "--duration", "1", "--no-report"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--vus 2147483647 asks for more virtual users than this machine can hold")
                .contains("KiB of heap").contains("Use at most ");
        assertThat(r.out()).doesNotContain("mcp_req_total");

        Path cfg = config("staged.toml", PING + "\n[[stage]]\ntarget_vus = 1\nduration_secs = 1\n\n"
                + "[[stage]]\ntarget_vus = 2000000000\nduration_secs = 1\n");
        Result staged = clean(mcpload("run", "--config", cfg.toString(), "--no-report"));
        assertThat(staged.code()).as(staged.err()).isEqualTo(2);
        assertThat(staged.err()).contains("config error: " + cfg + ":9: [[stage]] #2 target_vus = 2000000000 asks"
                + " for more virtual users");
    }

    /** Through the real CLI: with no URL, the embedded server's sockets count against the same open-file limit. */
    @Test
    void theEmbeddedServersSocketsCountAgainstTheOpenFileLimit() {
        var m = CapacityCheck.Machine.current();
        org.junit.jupiter.api.Assumptions.assumeTrue(m.fdSoft() > 0 && m.fdSoft() < 1_000_000,
                "needs a finite open-file limit");
        long between = (m.fdSoft() - m.fdOpen() - CapacityCheck.FD_SPARE) / 3; // fits at 2 a VU, not at 4
        Result r = clean(mcpload("run", "--vus", Long.toString(between), "--duration", "1", "--no-report"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the embedded server holds in this process too (4 descriptors here)");
    }

    @Test
    void theCapacityMessageNamesTheLimitThatBindsAndHowToRaiseIt() {
        var roomy = new CapacityCheck.Machine(8L << 30, 16L << 30, 1024, 4096, 40, 512);
        String http = CapacityCheck.problem(2000, TransportKind.STREAMABLE_HTTP, roomy, "--vus 2000");
        assertThat(http).contains("the open-file limit (1,024, 40 already open) allows 952")
                .contains("Use at most 952 VUs").contains("ulimit -n 2072").doesNotContain("heap (at most");
        assertThat(CapacityCheck.problem(900, TransportKind.STREAMABLE_HTTP, roomy, "--vus 900")).isNull();
        // with its event stream (GET stream, or subscriptions/listen), a session holds two sockets
        assertThat(CapacityCheck.problem(900, TransportKind.STREAMABLE_HTTP, true, roomy, "--vus 900"))
                .contains("2 sockets (its requests' and its event stream's)").contains("allows 476");
        // the embedded server (no URL) accepts each of those sockets in this same process: four descriptors a VU
        assertThat(CapacityCheck.problem(300, TransportKind.STREAMABLE_HTTP, true, true, roomy, "--vus 300"))
                .contains("whose other end the embedded server holds in this process too (4 descriptors here)")
                .contains("allows 238").contains("ulimit -n 1272");
        assertThat(CapacityCheck.problem(238, TransportKind.STREAMABLE_HTTP, true, true, roomy, "--vus 238")).isNull();
        String stdio = CapacityCheck.problem(400, TransportKind.STDIO, roomy, "--vus 400");
        assertThat(stdio).contains("a server process").contains("allows 317").contains("process limit (512")
                .contains("allows 128").contains("Use at most 128 VUs");
        var small = new CapacityCheck.Machine(256L << 20, 16L << 30, 1 << 20, 1 << 20, 40, -1);
        assertThat(CapacityCheck.problem(50_000, TransportKind.AUTO, small, "--vus 50000"))
                .contains("heap (at most 256 MiB) holds 14,336").contains("JDK_JAVA_OPTIONS=-Xmx1g");
    }

    // ---- flags ------------------------------------------------------------------------------------------------

    @Test
    void aHeaderValueWithALineBreakIsAUsageErrorThatNamesTheHeaderButNotTheValue() {
        Result r = clean(mcpload("run", "--duration", "1", "--no-report", "-H", "X-Token: s3cr3t\nInjected: yes"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--header X-Token").contains("line break").doesNotContain("s3cr3t")
                .doesNotContain("Injected");
    }

    @Test
    void aHeaderWithoutAColonPrintsItsWholeNameAndNothingAfterIt() {
        Result bare = clean(mcpload("run", "--no-report", "-H", "Authorization"));
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("--header 'Authorization' has no ':'").contains("'Authorization: value'");
        Result secret = clean(mcpload("run", "--no-report", "-H", "Authorization Bearer s3cr3t-token"));
        assertThat(secret.code()).isEqualTo(2);
        assertThat(secret.err()).contains("'Authorization …'").doesNotContain("s3cr3t").doesNotContain("Bearer");
    }

    @Test
    void aBadFlagValueIsOneLineWithAHelpHintNotTheWholeUsage() {
        Result r = mcpload("run", "--vus", "abc");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains("'abc' is not an int").contains("'mcpload run --help'");
        Result typo = mcpload("run", "--vu", "3");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err().strip().lines()).singleElement().asString().contains("did you mean --vus?");
    }

    @Test
    void anUnknownProtocolVersionListsTheSupportedOnes() {
        Result r = clean(mcpload("run", "--protocol-version", "banana", "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'banana'").contains("2025-11-25").contains("2025-06-18").contains("2025-03-26")
                .contains("2024-11-05").contains("2026-07-28");
    }

    @Test
    void theModernVersionOverSseIsAUsageErrorAndOverStdioItIsSpoken() {
        Result sse = clean(mcpload("run", "http://127.0.0.1:9/mcp", "--transport", "sse",
                "--protocol-version", "2026-07-28", "--no-report"));
        assertThat(sse.code()).isEqualTo(2);
        assertThat(sse.err().strip().lines()).singleElement().asString()
                .contains("2026-07-28").contains("no HTTP+SSE transport").contains("--transport is sse");
        // stdio speaks 2026-07-28 (StdioErasTest): here the server process exits at once, before or after it reads
        // the probe; either way the preflight says it exited, with its code
        Result stdio = clean(mcpload("run", "--transport", "stdio", "--command", "true",
                "--protocol-version", "2026-07-28", "--no-report"));
        assertThat(stdio.code()).as(stdio.err()).isEqualTo(Errors.UNREACHABLE);
        assertThat(stdio.err()).contains("cannot open an MCP session with true").contains("exited (code 0)")
                .doesNotContain("internal error");
    }

    @Test
    void commandAndUrlFlagsThatWouldBeIgnoredAreUsageErrors() {
        String url = "http://127.0.0.1:9/mcp";
        Result both = clean(mcpload("run", url, "--command", "server", "--no-report"));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("either a URL or --command");
        Result http = clean(mcpload("run", url, "--transport", "http", "--command", "server", "--no-report"));
        assertThat(http.code()).isEqualTo(2);
        assertThat(http.err()).contains("only --transport stdio uses");
        Result stdioUrl = clean(mcpload("run", url, "--transport", "stdio", "--command", "server", "--no-report"));
        assertThat(stdioUrl.code()).isEqualTo(2);
        assertThat(stdioUrl.err()).contains("does not use the URL");
        // --command alone means stdio: it is started (and here, not found)
        Result alone = clean(mcpload("run", "--command", "mcpload-no-such-server-xyz", "--duration", "1",
                "--no-report"));
        assertThat(alone.code()).isEqualTo(69);
        assertThat(alone.err()).contains("could not start 'mcpload-no-such-server-xyz'");
    }

    @Test
    void progressWithQuietIsAConflict() {
        Result r = clean(mcpload("run", "--progress", "plain", "-q", "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("-q").contains("--progress plain");
    }

    @Test
    void runHelpShowsTheEnvironmentVariableSyntax() {
        Result r = mcpload("run", "--help");
        assertThat(r.code()).isZero();
        // picocli wraps the help to the terminal's width: compare the words, not the line breaks
        assertThat(r.out().replaceAll("\\s+", " ")).contains("${VAR} takes the value").doesNotContain("null");
    }

    // ---- URLs and targets -------------------------------------------------------------------------------------

    @Test
    void aUrlWithoutASchemeSuggestsHttp() {
        for (String url : new String[] {"127.0.0.1:3000/mcp", "localhost:3000/mcp"}) {
            Result r = clean(mcpload("run", url, "--no-report"));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("has no scheme").contains("did you mean 'http://" + url + "'");
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorNotAConnectionFailure() {
        Result r = clean(mcpload("run", "http://127.0.0.1:70000/mcp", "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("port 70000").contains("1 to 65535").doesNotContain("Is the server running");
    }

    @Test
    void httpsToAPlainHttpServerIsOneSentence() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            String https = "https://127.0.0.1:" + server.port() + "/mcp";
            Result r = clean(mcpload("run", https, "--duration", "1", "--no-report"));
            assertThat(r.code()).isEqualTo(69);
            assertThat(r.err()).contains("the server at " + https + " does not speak TLS (it answered plain HTTP);"
                    + " use http://127.0.0.1:" + server.port() + "/mcp").doesNotContain("485454")
                    .doesNotContain("host and port");
            assertThat(r.err().strip().lines()).singleElement();
            assertThat(r.err().length()).isLessThan(300);
        }
    }

    @Test
    void aMissingStdioBinaryGetsAStdioHint() {
        Result r = clean(mcpload("run", "--transport", "stdio", "--command", "mcpload-no-such-server-xyz --flag",
                "--duration", "1", "--no-report"));
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err()).contains("could not start 'mcpload-no-such-server-xyz': no such file (is it on PATH?)")
                .doesNotContain("host and port").doesNotContain("error=2");
    }

    // ---- config files -----------------------------------------------------------------------------------------

    @Test
    void aScenarioArrayMixingATableAndANumberIsAConfigError() throws Exception {
        Path cfg = config("mixed.toml", "scenario = [{ type = \"ping\" }, 3]\n");
        Result r = clean(mcpload("run", "--config", cfg.toString(), "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(cfg + ":1: scenario: entry #2 is the number 3, not a table");
    }

    /** Three independent mistakes: one run names all three, each with its line, key and fix, by line. */
    @Test
    void aConfigWithThreeMistakesReportsAllThreeInOneMessage() throws Exception {
        Path cfg = config("three.toml", "[settings]\nvirtual_user = 3\ntimeout_ms = 0\n\n[[scenario]]\n"
                + "type = \"tools/call\"\n");
        Result r = clean(mcpload("run", "--config", cfg.toString(), "--no-report"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).containsSubsequence(
                "mcpload: config error: 3 problems in " + cfg + ":",
                cfg + ":2: [settings] unknown key 'virtual_user'; did you mean 'virtual_users'?",
                cfg + ":3: [settings] timeout_ms must be at least 1, not 0",
                cfg + ":5: [[scenario]] #1 of type 'tools/call' needs 'tool'");
        assertThat(r.out()).doesNotContain("mcp_req_total");
    }

    @Test
    void weightsWhoseSumOverflowsAreAConfigError() throws Exception {
        Path cfg = config("weights.toml", PING + "weight = 1.7e308\n\n" + PING + "weight = 1.7e308\n");
        Result r = clean(mcpload("run", "--config", cfg.toString(), "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(cfg + ":7: [[scenario]] #2 weight").contains("too large");
    }

    @Test
    void stagesThatAllTargetZeroVusAreAConfigError() throws Exception {
        Path cfg = config("zero.toml", PING + "\n[[stage]]\ntarget_vus = 0\nduration_secs = 5\n\n[[stage]]\n"
                + "target_vus = 0\nduration_secs = 5\n");
        Result r = clean(mcpload("run", "--config", cfg.toString(), "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(cfg + ":5: ").contains("target_vus").contains("0 VUs")
                .contains("nothing would be measured");
    }

    @Test
    void aDirectoryAsConfigSaysSo() throws Exception {
        Path d = Files.createDirectories(dir.resolve(".mcpload"));
        Files.writeString(d.resolve("loadtest.toml"), PING);
        Result r = clean(mcpload("run", "--config", d.toString(), "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is a directory").contains("--config " + d.resolve("loadtest.toml"))
                .doesNotContain("no such file");
    }

    @Test
    void aFileThatIsNotUtf8SaysTheByteAndWhereItIs() throws Exception {
        byte[] latin1 = (PING + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Path cfg = config("latin1.toml", latin1);
        Result r = clean(mcpload("run", "--config", cfg.toString(), "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(cfg + ":3:6: the file is not UTF-8: byte 0xE9 at byte offset 32 (line 3,"
                + " column 6)").doesNotContain("Input length");

        Path utf16 = config("utf16.toml", PING.getBytes(StandardCharsets.UTF_16));
        Result r16 = clean(mcpload("run", "--config", utf16.toString(), "--no-report"));
        assertThat(r16.code()).isEqualTo(2);
        assertThat(r16.err()).contains("UTF-16").contains("save it as UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = (PING + "[settings]\ntimeout_ms = 5000\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(text, 0, both, bom.length, text.length);
        Path cfg = config("bom.toml", both);
        Result r = mcpload("run", "--config", cfg.toString(), "--vus", "1", "--iterations", "5", "--no-report",
                "--progress", "none");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void anInvisibleCharacterInAKeyIsNamed() throws Exception {
        Path zwsp = config("zwsp.toml", "[settings]\ndura\u200Btion_secs = 3\n\n" + PING);
        Result r = clean(mcpload("run", "--config", zwsp.toString(), "--no-report"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(zwsp + ":2:5: key 'dura\\u200Btion_secs' contains an invisible character"
                + " U+200B ZERO WIDTH SPACE at column 5");

        Path nbsp = config("nbsp.toml", "[settings]\nduration_secs\u00A0= 3\n\n" + PING);
        Result n = clean(mcpload("run", "--config", nbsp.toString(), "--no-report"));
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.err()).contains(nbsp + ":2:14:").contains("U+00A0 NO-BREAK SPACE at column 14");

        Path quoted = config("quoted.toml", "[settings]\n\"dura\u200Btion_secs\" = 3\n\n" + PING);
        Result q = clean(mcpload("run", "--config", quoted.toString(), "--no-report"));
        assertThat(q.code()).isEqualTo(2);
        assertThat(q.err()).contains(quoted + ":2:").contains("U+200B ZERO WIDTH SPACE")
                .contains("did you mean 'duration_secs'");
    }

    @Test
    void vusAndDurationAgainstAStagedConfigSayExactlyWhatRuns() throws Exception {
        Path cfg = config("staged.toml", "[settings]\nvirtual_users = 7\n\n" + PING
                + "\n[[stage]]\ntarget_vus = 3\nduration_secs = 30\n");
        Result r = mcpload("run", "--config", cfg.toString(), "--vus", "2", "--duration", "1", "--no-report",
                "--progress", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("--vus and --duration replace the 1 [[stage]] block of " + cfg)
                .contains("flat 2 VUs (--vus) for 1 s (--duration)").doesNotContain("ignored because");
        assertThat(r.out()).contains("Running 2 VUs for 1s");
    }

    // ---- the report -------------------------------------------------------------------------------------------

    @Test
    void anUnwritableReportDirFailsBeforeTheLoadWithTheOsError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Result r = clean(mcpload("run", "--duration", "1", "--report-dir", file.resolve("reports").toString()));
        assertThat(r.code()).isEqualTo(74);
        assertThat(r.err()).contains("cannot write the JSON report under " + file.resolve("reports"))
                .contains("Not a directory");
        assertThat(r.out()).doesNotContain("mcp_req_total"); // nothing ran
    }

    @Test
    void aReportDirThatBreaksDuringTheRunSaysWhyAfterTheSummary() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            Path reports = dir.resolve("reports");
            CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> mcpload("run", server.mcpUrl(),
                    "--vus", "1", "--duration", "2", "--report-dir", reports.toString(), "--progress", "none",
                    "--protocol-era", "legacy")); // legacy: the wait below watches the server's sessions
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.activeSessions() == 0 && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(10); // sessions open after the report check
            }
            Files.writeString(reports, "now a file"); // where the report's directory should be
            Result r = clean(run.get(60, TimeUnit.SECONDS));
            assertThat(r.code()).isEqualTo(74);
            assertThat(r.out()).contains("mcp_req_total");
            assertThat(r.err()).contains("could not write the JSON report under " + reports + ": File exists")
                    .contains("the summary above is complete");
        }
    }

    // ---- counts and exit codes --------------------------------------------------------------------------------

    @Test
    void initCountsAgreeWithTheirNouns() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            Result r = mcpload("init", server.mcpUrl(), "--output", dir.resolve("init.toml").toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("1 resource,").contains("1 prompt.").doesNotContain("1 resources")
                    .doesNotContain("1 prompts");
        }
    }

    /** A bad --fault is a usage error like any bad flag: one paragraph naming the flag and every valid mode. */
    @Test
    void aBadFaultIsOneParagraphListingTheModes() {
        Result r = clean(mcpload("serve", "--port", "0", "--fault", "http500@0.1", "--fault", "stal:5s@0.01"));
        assertThat(r.code()).as(r.err()).isEqualTo(Errors.USAGE);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("mcpload: --fault 'stal:5s@0.01': there is no fault mode 'stal'")
                .contains("NAME[:PARAM][@FRACTION]").contains("stall").contains("restart").contains("serve --help");
        assertThat(r.out()).doesNotContain("listening");

        Result stdio = clean(mcpload("serve", "--stdio", "--fault", "http500"));
        assertThat(stdio.code()).as(stdio.err()).isEqualTo(Errors.USAGE);
        assertThat(stdio.err()).contains("--fault works on the HTTP server").contains("--stdio");
    }

    @Test
    void ctrlCExitsWith130AsDocumented() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("sigint.txt");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.mcpload.cli.Main",
                "run", "--duration", "60", "--no-report", "--progress", "plain")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.readString(out).contains("vus 5/5") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start(); // what Ctrl-C sends
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(Errors.INTERRUPTED).isEqualTo(130);
            assertThat(Files.readString(out)).contains("Interrupted").contains("mcp_req_total");
        } finally {
            p.destroyForcibly();
        }
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("#### Exit codes").containsPattern("#### Exit codes[^#]*\\| 130 / 143 \\| interrupted");
    }
}
