package dev.mcpload.cli;

import dev.mcpload.report.Plural;
import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ConfigLocator;
import dev.mcpload.discovery.Candidate;
import dev.mcpload.discovery.ConfigGenerator;
import dev.mcpload.discovery.InitSummary;
import dev.mcpload.discovery.ProbePolicy;
import dev.mcpload.discovery.ScenarioProbe;
import dev.mcpload.discovery.ServerDiscovery;
import dev.mcpload.discovery.SideEffects;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcpload init [URL]}: without URL a commented template; with URL, discovers the server and writes a
 * config with one scenario per tool, resource and prompt, arguments filled from the schemas, ready to run.
 *
 * <p>Discovery must never act on the user's behalf: by default init calls only initialize, the list methods,
 * and once each the reads (resources, prompts, tools annotated {@code readOnlyHint: true}) to check the file
 * runs. Every other tool is written commented out with the reason; {@code --probe} also tries tools nothing
 * marks either way, {@code --no-probe} tries nothing. See {@link ProbePolicy} and {@link SideEffects}.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = "dev.mcpload.cli.InitHelp",
        description = {"Write a load test config: discovered from a running server, or a commented template."})
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Server to discover.")
    String url;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default: .mcpload/loadtest.toml).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000", description = "Per-request timeout.")
    int timeoutMs;

    @Option(names = "--probe", description = "Also try once the tools not annotated readOnlyHint: true (never"
            + " those that look like they have side effects); those that answer are written active.")
    boolean probe;

    @Option(names = "--no-probe", description = "Call nothing but initialize and the list methods.")
    boolean noProbe;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path target = output != null ? output : ConfigLocator.DEFAULT_RELATIVE;
        if (Files.exists(target) && !force) {
            throw new UserError(target + " already exists; use --force to overwrite it or --output to write"
                    + " elsewhere");
        }
        TransportKind kind = connection.kind(url);
        connection.pinnedEra(kind);
        if (probe && noProbe) {
            throw new UserError("--probe and --no-probe contradict each other: give one of them");
        }
        ProbePolicy policy = probe ? ProbePolicy.UNFLAGGED : noProbe ? ProbePolicy.NONE : ProbePolicy.READ_ONLY;
        String runCommand = null; // only a discovered server has a command that runs it
        String text;
        String from;
        if (url == null && kind != TransportKind.STDIO) {
            if (probe || noProbe) {
                throw new UserError((probe ? "--probe" : "--no-probe") + " applies to discovering a server, and"
                        + " no URL was given (nor --transport stdio --command '...'): without one init writes a"
                        + " template and calls nothing");
            }
            text = ConfigGenerator.template();
            from = "template";
        } else {
            ClientOptions options = kind == TransportKind.STDIO
                    ? ClientOptions.stdio(CommandLineSplitter.split(connection.requireCommand()))
                    : ClientOptions.http(UrlCheck.check(url)).withTransport(kind);
            options = connection.applyProtocol(options, kind).withHeaders(connection.headers(System.getenv()))
                    .withRequestTimeoutMs(timeoutMs);
            String label = options.targetLabel();
            System.out.println("Discovering server schema at " + label + "...");
            runCommand = RunHint.run(kind, url, connection.command, output, connection.headers);
            text = discoverAndWrite(options, label, runCommand, policy);
            from = "server";
        }
        ConfigLoader.parse(text, target); // what we write must load: a bug here must not reach the user's file
        write(target, text);
        System.out.println("Created " + target + (from.equals("template") ? " (template)" : ""));
        System.out.println("Edit the file to customize your load test scenario.");
        if (runCommand != null) {
            System.out.println("Run it with: " + runCommand);
        }
        return 0;
    }

    /** Discovers the server, tries what {@code policy} allows once, and renders the config. */
    private String discoverAndWrite(ClientOptions options, String label, String runCommand, ProbePolicy policy)
            throws Exception {
        try (McpClient client = new McpClient(options)) {
            McpSession session = client.newSession(SessionListener.NONE);
            try {
                ServerDiscovery.Catalog catalog = ServerDiscovery.discover(session,
                        options.connectTimeoutMs() + (long) timeoutMs);
                List<Candidate> candidates = ConfigGenerator.candidates(catalog, policy);
                List<Candidate> checked = policy.calls() ? ScenarioProbe.verify(session, candidates, timeoutMs)
                        : candidates;
                System.out.println("Found " + Plural.of(catalog.tools().size(), "tool") + ", "
                        + Plural.of(catalog.resources().size(), "resource") + ", "
                        + Plural.of(catalog.prompts().size(), "prompt") + ".");
                System.out.println(InitSummary.of(checked, policy));
                return ConfigGenerator.render(label, runCommand, catalog, checked, policy);
            } catch (ExecutionException e) {
                McpException m = McpException.classify(e.getCause());
                throw new UserError("cannot discover " + label + ": " + m.getMessage(), Errors.FAILED);
            } catch (TimeoutException e) {
                throw new UserError("cannot discover " + label + ": no answer within " + timeoutMs + " ms",
                        Errors.FAILED);
            } finally {
                session.close().get();
            }
        }
    }

    private static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".loadtest-", ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
