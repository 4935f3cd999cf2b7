package dev.mcpload.cli;

import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ConfigLocator;
import dev.mcpload.config.TestConfig;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ParamHeaders;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** What every load command does before the load: find the config, and open one session to check the target. */
final class Preflight {
    private Preflight() {
    }

    /** Whether a plan sends {@code tools/call}, so its calls may need the tools' Mcp-Param headers. */
    static boolean callsTools(dev.mcpload.engine.Plan plan) {
        return plan.steps().stream().anyMatch(s -> dev.mcpload.protocol.McpMethods.TOOLS_CALL.equals(
                s.key().operation()));
    }

    /** One session before the load: a wrong URL or a broken server fails here, in one clear paragraph. */
    static InitializeResult open(McpClient client, ClientOptions options) {
        return open(client, options, null);
    }

    /**
     * As {@link #open(McpClient, ClientOptions)}; against a modern server it also reads {@code tools/list} once, so
     * the load's calls carry the {@code Mcp-Param-*} headers the server's tools ask for (a client MUST mirror
     * them); tools whose annotations are invalid are named on {@code warnings} (null: not said).
     */
    static InitializeResult open(McpClient client, ClientOptions options, PrintStream warnings) {
        return open(client, options, warnings, true);
    }

    /**
     * As above; {@code callsTools}: whether the load sends {@code tools/call} at all. Without calls there are no
     * {@code Mcp-Param-*} headers to learn, so the preflight does not list the tools (one request fewer).
     */
    static InitializeResult open(McpClient client, ClientOptions options, PrintStream warnings, boolean callsTools) {
        McpSession session = client.newSession(SessionListener.NONE);
        try {
            InitializeResult result = session.initialize().get(options.connectTimeoutMs()
                    + options.requestTimeoutMs() + 1000L, TimeUnit.MILLISECONDS);
            if (callsTools && ProtocolVersions.isModern(result.protocolVersion())) {
                learnParamHeaders(client, session, options, warnings);
            }
            return result;
        } catch (ExecutionException e) {
            McpException m = McpException.classify(e.getCause());
            throw new UserError("cannot open an MCP session with " + options.targetLabel() + ": "
                    + m.getMessage() + hint(m, options), Errors.UNREACHABLE);
        } catch (TimeoutException e) {
            throw new UserError("cannot open an MCP session with " + options.targetLabel()
                    + ": no answer to initialize", Errors.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", Errors.FAILED);
        } finally {
            session.close().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** Every page of tools/list (at most 100), then the tools' x-mcp-header parameters for the load's sessions. */
    private static void learnParamHeaders(McpClient client, McpSession session, ClientOptions options,
                                          PrintStream warnings) throws InterruptedException {
        List<JsonNode> tools = new ArrayList<>();
        String cursor = null;
        try {
            for (int page = 0; page < 100; page++) {
                IncomingMessage m = session.request(McpRequests.list(McpMethods.TOOLS_LIST, cursor),
                        options.requestTimeoutMs()).get(options.requestTimeoutMs() + 1000L, TimeUnit.MILLISECONDS);
                if (m.kind() != IncomingMessage.Kind.RESPONSE) {
                    break;
                }
                m.result().path("tools").forEach(tools::add);
                cursor = m.result().path("nextCursor").asString(null);
                if (cursor == null || cursor.isEmpty()) {
                    break;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            if (warnings != null) {
                warnings.println("mcpload: could not list the tools of " + options.targetLabel() + " ("
                        + McpException.classify(e.getCause() == null ? e : e.getCause()).getMessage()
                        + "): calls go without Mcp-Param headers");
            }
        }
        ParamHeaders headers = ParamHeaders.of(tools);
        if (warnings != null) {
            headers.invalid().forEach((tool, why) -> warnings.println("mcpload: tool '" + tool + "' has an invalid"
                    + " x-mcp-header annotation (" + why + "); a conforming client leaves it out, and its calls here"
                    + " go without Mcp-Param headers"));
        }
        client.useParamHeaders(headers);
    }

    /** What to check next; it depends on the transport and the cause (a host:port hint is wrong for stdio or TLS). */
    private static String hint(McpException m, ClientOptions options) {
        if (options.transport() == TransportKind.STDIO) {
            return m.getCause() instanceof IOException ? "." // could not start it: the message says why
                    : ". Does '" + options.targetLabel() + "' start an MCP server that speaks JSON-RPC on"
                    + " stdin/stdout? Run it in a terminal to see what it does.";
        }
        for (Throwable c = m.getCause(); c != null; c = c.getCause()) {
            if (c instanceof io.netty.handler.ssl.NotSslRecordException) {
                return "."; // the message says to use http://
            }
            if (c instanceof javax.net.ssl.SSLException) {
                return ". Does the server speak TLS on that port, with a certificate this Java trusts for that host?";
            }
        }
        return switch (m.errorClass()) {
            case CONNECTION -> ". Is the server running, and are the host and port right?";
            case HTTP -> m.httpStatus() == 401 || m.httpStatus() == 403
                    ? ". The server wants credentials: pass them with --header 'Authorization: Bearer ${TOKEN}'."
                    : m.httpStatus() == 404 ? ". Is the path right (often /mcp, or /sse for legacy servers)?" : ".";
            default -> ".";
        };
    }

    /** {@code --config FILE}, else the config found here or in a parent directory, else empty. */
    static Optional<TestConfig> loadConfig(Path config, boolean quiet, PrintStream out) {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new UserError("--config " + config + ": no such file");
            }
            return Optional.of(ConfigLoader.load(config));
        }
        Optional<Path> found = ConfigLocator.find(Path.of(""));
        if (found.isPresent() && ConfigLocator.isPmcp(found.get()) && !quiet) {
            out.println("Using " + found.get() + " (the cargo pmcp loadtest file; mcpload reads the same schema).");
        }
        return found.map(ConfigLoader::load);
    }
}
