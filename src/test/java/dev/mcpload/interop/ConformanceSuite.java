package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Running a version of {@code @modelcontextprotocol/conformance} (0.1.16 for ConformanceTest, the 0.2 alpha for
 * ConformanceModernTest) under Node 22 and the loopback preload, with {@link ConformanceClient} as the client under
 * test; bounded, and stopped with what it started by PID.
 */
final class ConformanceSuite {
    private ConformanceSuite() {
    }

    /**
     * The command the suite runs as its client: {@link ConformanceClient} in a JVM, with {@code jvmFlags}. An
     * argfile in {@code dir} keeps the classpath (long, and possibly with spaces) out of the suite's naive
     * split(" ").
     */
    static String clientCommand(Path dir, String jvmFlags) throws IOException {
        Path argfile = dir.resolve("java.args");
        Files.writeString(argfile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\")
                + "\"\n", StandardCharsets.UTF_8);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "exec " + javaBin + " -XX:TieredStopAtLevel=1" + jvmFlags + " @" + argfile + " "
                + ConformanceClient.class.getName();
    }

    /** The suite at {@code suite} with {@code args}, in {@code dir}, its output to {@code log}. */
    static ProcessBuilder process(Path suite, Path dir, Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Peers.NODE_22.toString(), "-r", Peers.PRELOAD.toString(),
                suite.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // Node 22 first, for anything the suite starts through PATH (its shebangs say "env node").
        env.put("PATH", Peers.NODE_22.getParent() + File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("NO_COLOR", "1");
        env.remove("NODE_OPTIONS");
        env.remove("MCP_CONFORMANCE_PROTOCOL_VERSION"); // the suite sets it, from --spec-version
        env.remove("MCP_CONFORMANCE_CONTEXT");
        return builder;
    }

    /** Runs the suite to its end (within {@code waitMs}), stopping it and what it started by PID in any case. */
    static int runToEnd(ProcessBuilder builder, Path log, long waitMs) throws Exception {
        Process suite = builder.start();
        try {
            assertThat(suite.waitFor(waitMs, TimeUnit.MILLISECONDS))
                    .as("conformance suite finished; its log:%n%s", read(log)).isTrue();
            return suite.exitValue();
        } finally {
            Peers.stop(suite);
        }
    }

    /** The checks.json the suite wrote under {@code results}; {@code hint} says why there may be none. */
    static Path checksFile(Path results, String hint) throws IOException {
        try (Stream<Path> files = Files.walk(results)) {
            return files.filter(p -> p.getFileName().toString().equals("checks.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no checks.json under " + results + hint));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
