package dev.mcpload.cli;

import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ConfigLocator;
import dev.mcpload.discovery.Candidate;
import dev.mcpload.discovery.ConfigGenerator;
import dev.mcpload.discovery.ScenarioProbe;
import dev.mcpload.discovery.ServerDiscovery;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcpload init [URL]}: without URL a commented template; with URL, discovers the server and writes a
 * config with one scenario per tool, resource and prompt, arguments filled from the schemas, ready to run.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a load test config: discovered from a running server, or a commented template."})
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Server to discover.")
    String url;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default: .mcpload/loadtest.toml).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Option(names = "--transport", paramLabel = "KIND", defaultValue = "auto",
            description = "auto, http, sse or stdio (with --command).")
    String transport;

    @Option(names = "--command", paramLabel = "CMD", description = "Server command line for --transport stdio.")
    String command;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "Extra HTTP header.")
    List<String> headers;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000", description = "Per-request timeout.")
    int timeoutMs;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path target = output != null ? output : ConfigLocator.DEFAULT_RELATIVE;
        if (Files.exists(target) && !force) {
            throw new UserError(target + " already exists; use --force to overwrite it or --output to write"
                    + " elsewhere");
        }
        TransportKind kind = TransportFlags.resolve(transport, command, url);
        String text;
        String from;
        if (url == null && kind != TransportKind.STDIO) {
            text = ConfigGenerator.template();
            from = "template";
        } else {
            ClientOptions options = kind == TransportKind.STDIO
                    ? ClientOptions.stdio(CommandLineSplitter.split(TransportFlags.requireCommand(command)))
                    : ClientOptions.http(UrlCheck.check(url)).withTransport(kind);
            options = options.withHeaders(HeaderOptions.parse(headers, System.getenv())).withRequestTimeoutMs(timeoutMs);
            String label = options.targetLabel();
            System.out.println("Discovering server schema at " + label + "...");
            text = discoverAndWrite(options, label);
            from = "server";
        }
        ConfigLoader.parse(text, target); // what we write must load: a bug here must not reach the user's file
        write(target, text);
        System.out.println("Created " + target + (from.equals("template") ? " (template)" : ""));
        System.out.println("Edit the file to customize your load test scenario.");
        return 0;
    }

    /** Discovers the server, tries each step once, and renders the config. */
    private String discoverAndWrite(ClientOptions options, String label) throws Exception {
        try (McpClient client = new McpClient(options)) {
            McpSession session = client.newSession(SessionListener.NONE);
            try {
                ServerDiscovery.Catalog catalog = ServerDiscovery.discover(session,
                        options.connectTimeoutMs() + (long) timeoutMs);
                List<Candidate> checked = ScenarioProbe.verify(session, ConfigGenerator.candidates(catalog),
                        timeoutMs);
                long ok = checked.stream().filter(c -> c.leftOut().isEmpty()).count();
                System.out.println("Found " + Plural.of(catalog.tools().size(), "tool") + ", "
                        + Plural.of(catalog.resources().size(), "resource") + ", "
                        + Plural.of(catalog.prompts().size(), "prompt") + "; tried each step once: " + ok
                        + " ready, " + (checked.size() - ok) + " left out (commented, with the reason).");
                return ConfigGenerator.render(label, catalog, checked, true);
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
