/**
 * Sessions over the wire: {@link dev.mcpload.transport.McpSession} (initialize, request, close; futures that
 * always complete, failures already classified) made by {@link dev.mcpload.transport.McpClient} on a few shared
 * Netty event loops, one class family per transport (Streamable HTTP with JSON or SSE replies, legacy HTTP+SSE,
 * stdio) under {@link dev.mcpload.transport.AbstractMcpSession}, which owns ids, deadlines and routing.
 */
package dev.mcpload.transport;
