package dev.mcpload.interop;

/** A peer server started for a test and reached over HTTP at one URL, for {@link McpServerContract}. */
interface HttpPeer extends AutoCloseable {
    /** The URL a client connects to: {@code /mcp} (Streamable HTTP) or {@code /sse} (legacy). */
    String url();

    @Override
    void close();
}
