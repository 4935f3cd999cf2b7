package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, end to end: a run whose process runs out of file descriptors (a real EMFILE, under a low {@code ulimit
 * -n}) fails the requests the OS refused as {@code generator} — mcpload's limit, said with the numbers — not as
 * the server's {@code connection} failures; the run still ends on time and reports what it measured, the requests
 * that had a descriptor succeeding. The child JVM ({@link DescriptorStarvedRun}) runs the engine past the CLI's
 * capacity check, which would refuse such a run up front: this is what the check cannot foresee.
 */
@Timeout(120)
class DescriptorExhaustionTest {
    /** Enough for the JVM (about 20 at start) and some sockets, far too few for the VUs. */
    private static final int LIMIT = 160;
    /** Enough for the JVM and about ten stdio servers (three pipes each). */
    private static final int STDIO_LIMIT = 100;

    @TempDir
    Path dir;

    @Test
    void refusedSocketsAreTheGeneratorsFailures() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            JsonNode report = starvedRun(LIMIT, List.of(server.mcpUrl(), "400", "3000"));
            JsonNode metrics = report.path("metrics");
            System.out.println("DescriptorExhaustionTest http: " + metrics.path("errors") + ", initialize "
                    + metrics.path("initialize").path("errors") + ", total " + metrics.path("total_requests")
                    + ", successes " + metrics.path("success_count") + "; " + report.path("error_examples"));
            assertThat(metrics.path("errors").path("generator").asLong()).isPositive();
            assertThat(metrics.path("errors").has("connection")).as("refusals counted as the server's").isFalse();
            assertThat(metrics.path("success_count").asLong()).isPositive();
            assertThat(report.path("error_examples").toString()).contains("Too many open files")
                    .contains("ulimit -n").contains("not the server's");
        }
    }

    /** A stdio server the OS cannot give pipes to is refused as the generator's failure, not the server's. */
    @Test
    void refusedPipesAreTheGeneratorsFailures() throws Exception {
        Path node = Peers.systemNode();
        Peers.require(node != null, "no 'node' on PATH (the SDK v2 stdio server runs on the system Node 20)");
        Peers.require(Files.isRegularFile(Sdk2Server.SDK), Sdk2Server.SDK + " is missing");
        // Only mcpload is starved: the servers it starts inherit its limit, so each gets its own back (the soft
        // limit was lowered, the hard one kept), and what happens to them is the test's subject, not their own
        // shortage. Without this, under CI's load, node processes ended on their own (exit 0) while starting.
        Path wrapper = dir.resolve("sdk2-stdio.sh");
        Files.writeString(wrapper, "#!/bin/bash\nulimit -Sn \"$(ulimit -Hn)\"\nexec '" + node + "' '"
                + Peers.PROJECT.resolve("src/test/resources/peers/sdk2-stdio.mjs") + "' '" + Sdk2Server.SDK
                + "' reject\n");
        wrapper.toFile().setExecutable(true);
        JsonNode report = starvedRun(STDIO_LIMIT, List.of("--command", wrapper.toString(), "30", "4000"));
        JsonNode metrics = report.path("metrics");
        System.out.println("DescriptorExhaustionTest stdio: " + metrics.path("errors") + ", total "
                + metrics.path("total_requests") + ", successes " + metrics.path("success_count") + "; "
                + report.path("error_examples"));
        assertThat(metrics.path("errors").path("generator").asLong()).isPositive();
        // no refusal of mcpload's own is ever the server's: a connection failure here is a server that ended
        for (JsonNode e : report.path("error_examples")) {
            if (e.path("class").asString().equals("connection")) {
                assertThat(e.path("message").asString()).as("a refusal counted as the server's")
                        .doesNotContain("Too many open files").doesNotContain("could not start");
            }
        }
        assertThat(metrics.path("success_count").asLong()).isPositive();
        assertThat(report.path("error_examples").toString()).contains("could not start")
                .contains("the OS refused pipes for a new process (Too many open files)").contains("ulimit -n");
    }

    /**
     * The test class path with mcpload's classes in a jar, as {@code ./mcpload} runs them: a class loaded from an
     * open jar needs no new descriptor, one loaded from a directory opens its file (and fails when none is left).
     */
    private String asShipped() throws IOException {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path jar = dir.resolve("mcpload-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        List<String> path = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            path.add(Path.of(entry).toAbsolutePath().equals(classes) ? jar.toString() : entry);
        }
        assertThat(path).as("the test class path holds target/classes").contains(jar.toString());
        return String.join(java.io.File.pathSeparator, path);
    }

    private static void skipUnless(boolean ok, String why) {
        if (!ok) {
            System.out.println("DescriptorExhaustionTest skipped: " + why);
            Assumptions.abort(why);
        }
    }

    /** The child's JSON report (its last stdout line), after it ended by itself. */
    private JsonNode starvedRun(int limit, List<String> args) throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        skipUnless(Files.isExecutable(bash), "no /bin/bash to set the child's ulimit -n with");
        skipUnless(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd: not Linux");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(bash.toString(), "-c", "ulimit -Sn " + limit
                + " && exec \"$@\"", "starved", java, "-Xmx256m",
                "-XX:-MaxFDLimit", // else the JVM raises its soft limit to the hard one at start
                "-cp", asShipped(), DescriptorStarvedRun.class.getName()));
        command.addAll(args);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the starved run ended by itself").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
        System.out.println("DescriptorExhaustionTest child: " + stderr.lines().filter(l -> l.startsWith("descriptors"))
                .findFirst().orElse("(no descriptor count)"));
        List<String> lines = stdout.lines().toList();
        assertThat(lines).as("stderr:%n%s", stderr).isNotEmpty();
        return Json.parse(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
    }
}
