/**
 * The embedded reference MCP server: a fast, spec-following target for the demo, the benchmarks and the
 * fault tests. It shares {@code dev.mcpload.protocol.ProtocolVersions} with the tool and nothing else.
 *
 * <p>Following one request through the package:
 * <ol>
 *   <li>{@link dev.mcpload.server.ReferenceServer} binds 127.0.0.1 with Netty (NIO); each connection gets
 *       {@code HttpServerCodec → HttpObjectAggregator → HttpRouter}.</li>
 *   <li>{@code HttpRouter} keeps HTTP/1.1 response order on the connection and routes by path:
 *       {@code /mcp} to {@code HttpMcpHandler} (Streamable HTTP), {@code /sse} and {@code /messages} to
 *       {@code LegacySseHandler} (the 2024-11-05 HTTP+SSE transport).</li>
 *   <li>The transport parses and classifies the message ({@code JsonRpc}), finds the {@code Session}
 *       ({@code SessionRegistry}), and hands requests to {@code McpDispatcher} with an {@code Exchange}: the way
 *       back to the client (a JSON body, a short SSE stream, the legacy GET stream, or a stdout line).</li>
 *   <li>{@code McpDispatcher} maps the method to a result: {@code ReferenceTools} (validated by
 *       {@code SchemaValidator}), {@code ReferenceResources}, {@code ReferencePrompts}, {@code Pagination}.</li>
 * </ol>
 * {@link dev.mcpload.server.StdioServer} runs the same dispatcher over newline-delimited stdio, and
 * {@link dev.mcpload.server.ServeMain} runs the HTTP server as a standalone process for scripts.
 */
package dev.mcpload.server;
