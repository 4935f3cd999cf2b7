package dev.mcpload.interop;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The official Java SDK server ({@code io.modelcontextprotocol.sdk:mcp}) in an embedded Jetty on 127.0.0.1 and
 * a free port, with a small fixed feature set:
 * <ul>
 *   <li>tool {@code echo(message)} → text {@code "Echo: <message>"};</li>
 *   <li>tool {@code progress(steps)} → one {@code notifications/progress} per step when the request carries
 *       {@code _meta.progressToken} (the SDK routes them to the request's own SSE stream), then the result;</li>
 *   <li>resource {@link #RESOURCE_URI} (text/plain, {@link #RESOURCE_TEXT});</li>
 *   <li>prompt {@code greeting(name)} → one user message {@code "Hello, <name>!"}.</li>
 * </ul>
 * The SDK does not paginate its lists (no {@code nextCursor}, cursors ignored; checked in 2.1.0's
 * {@code McpAsyncServer}), so more than one page cannot be produced here.
 */
final class JavaSdkServer implements HttpPeer {
    enum Mode { STREAMABLE_HTTP, SSE }

    static final String NAME = "mcpload-interop-java-sdk";
    static final String RESOURCE_URI = "test://static/hello.txt";
    static final String RESOURCE_TEXT = "Hello from the Java SDK";

    final Mode mode;
    private final Server jetty;
    private final McpSyncServer mcp;
    private final int port;

    private JavaSdkServer(Mode mode, Server jetty, McpSyncServer mcp, int port) {
        this.mode = mode;
        this.jetty = jetty;
        this.mcp = mcp;
        this.port = port;
    }

    @SuppressWarnings("deprecation") // the legacy HTTP+SSE transport is deprecated, and exactly what we test
    static JavaSdkServer start(Mode mode) throws Exception {
        HttpServlet servlet;
        McpSyncServer mcp;
        if (mode == Mode.STREAMABLE_HTTP) {
            var transport = HttpServletStreamableServerTransportProvider.builder()
                    .mcpEndpoint("/mcp")
                    // the GET stream sends no headers until its first event: keep-alives make it flow
                    .keepAliveInterval(Duration.ofSeconds(2))
                    .build();
            servlet = transport;
            mcp = features(McpServer.sync(transport));
        } else {
            var transport = HttpServletSseServerTransportProvider.builder()
                    .sseEndpoint("/sse")
                    .messageEndpoint("/message")
                    .build();
            servlet = transport;
            mcp = features(McpServer.sync(transport));
        }
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            jetty.stop();
            throw e;
        }
        return new JavaSdkServer(mode, jetty, mcp, connector.getLocalPort());
    }

    private static McpSyncServer features(McpServer.SyncSpecification<?> spec) {
        Tool echo = Tool.builder("echo", Map.of("type", "object",
                        "properties", Map.of("message", Map.of("type", "string")),
                        "required", List.of("message")))
                .description("Echoes the message back")
                .build();
        Tool progress = Tool.builder("progress", Map.of("type", "object",
                        "properties", Map.of("steps", Map.of("type", "integer"))))
                .description("Sends one progress notification per step when asked to, then answers")
                .build();
        var echoSpec = SyncToolSpecification.builder()
                .tool(echo)
                .callHandler((exchange, request) -> CallToolResult.builder()
                        .addTextContent("Echo: " + request.arguments().get("message"))
                        .build())
                .build();
        var progressSpec = SyncToolSpecification.builder()
                .tool(progress)
                .callHandler((exchange, request) -> {
                    Object steps = request.arguments() == null ? null : request.arguments().get("steps");
                    int n = steps instanceof Number number ? number.intValue() : 3;
                    Object token = request.meta() == null ? null : request.meta().get("progressToken");
                    for (int i = 1; i <= n && token != null; i++) {
                        exchange.progressNotification(ProgressNotification.builder(token, i)
                                .total((double) n)
                                .message("step " + i + " of " + n)
                                .build());
                    }
                    return CallToolResult.builder().addTextContent("done after " + n + " steps").build();
                })
                .build();
        var resource = new SyncResourceSpecification(
                Resource.builder(RESOURCE_URI, "hello").mimeType("text/plain").build(),
                (exchange, request) -> ReadResourceResult.builder(List.of(
                        TextResourceContents.builder(request.uri(), RESOURCE_TEXT).mimeType("text/plain").build()))
                        .build());
        var prompt = new SyncPromptSpecification(
                Prompt.builder("greeting")
                        .description("Greets someone")
                        .arguments(List.of(PromptArgument.builder("name").description("who").required(true).build()))
                        .build(),
                (exchange, request) -> GetPromptResult.builder(List.of(PromptMessage.builder(Role.USER,
                                TextContent.builder("Hello, " + request.arguments().get("name") + "!").build())
                        .build()))
                        .description("a greeting")
                        .build());
        return spec.serverInfo(NAME, "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .prompts(false)
                        .build())
                .tools(echoSpec, progressSpec)
                .resources(resource)
                .prompts(prompt)
                .build();
    }

    @Override
    public String url() {
        return base() + (mode == Mode.STREAMABLE_HTTP ? "/mcp" : "/sse");
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            mcp.close();
        } finally {
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException("stopping Jetty failed", e);
            }
        }
    }
}
