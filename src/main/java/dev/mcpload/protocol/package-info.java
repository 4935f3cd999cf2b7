/**
 * JSON-RPC and MCP as bytes: {@link dev.mcpload.protocol.RequestEncoder} (what a transport sends; the constant,
 * pre-encoded {@link dev.mcpload.protocol.RequestTemplate} is the fast path), the streaming
 * {@link dev.mcpload.protocol.MessageScanner} (id, error, {@code isError} and result shape without building a
 * tree), protocol versions, and the one outcome taxonomy, {@link dev.mcpload.protocol.ErrorClass}.
 */
package dev.mcpload.protocol;
