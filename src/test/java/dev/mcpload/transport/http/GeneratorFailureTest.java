package dev.mcpload.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: mcpload running out of memory or file descriptors is the generator's failure, never the server's.
 * A request whose reading ran out of heap, or whose socket the OS refused (EMFILE), fails as {@code generator} with
 * a message that says so; a real connection failure stays {@code connection}.
 */
class GeneratorFailureTest {
    private static final String TARGET = "http://127.0.0.1:1/mcp";

    /** An exchange that only records how it failed. */
    private static final class Recorder implements Exchange {
        final List<McpException> failures = new ArrayList<>();

        @Override
        public void onHead(HttpResponse head) {
        }

        @Override
        public void onContent(ByteBuf chunk) {
        }

        @Override
        public void onEnd(HttpConnection connection, boolean reusable) {
        }

        @Override
        public void onFailure(McpException failure) {
            failures.add(failure);
        }
    }

    /** What the exchange in flight on a connection is told when {@code cause} reaches the connection's handler. */
    private static McpException failureOf(Throwable cause) {
        HttpConnection connection = new HttpConnection(TARGET);
        EmbeddedChannel channel = new EmbeddedChannel(connection);
        Recorder exchange = new Recorder();
        connection.start(exchange, new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/mcp"));
        channel.pipeline().fireExceptionCaught(cause);
        channel.finishAndReleaseAll();
        assertThat(exchange.failures).hasSize(1);
        return exchange.failures.get(0);
    }

    @Test
    void runningOutOfHeapWhileReadingAnAnswerIsTheGeneratorsFailure() {
        // as Netty delivers it: the handler reading the body threw
        McpException e = failureOf(new OutOfMemoryError("Java heap space"));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.GENERATOR);
        assertThat(e.getMessage()).isEqualTo("mcpload ran out of memory (Java heap space) reading the answer of "
                + TARGET + ", not the server's fault: give the JVM more heap (-Xmx), or lower the VUs or"
                + " max_message_bytes");
        assertThat(e.getCause()).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void anOutOfMemoryErrorWrappedByNettyIsStillTheGenerators() {
        McpException e = failureOf(new io.netty.handler.codec.DecoderException(
                new OutOfMemoryError("Direct buffer memory")));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.GENERATOR);
        assertThat(e.getMessage()).startsWith("mcpload ran out of memory (Direct buffer memory) reading the answer of "
                + TARGET);
    }

    @Test
    void aResetIsStillTheConnectionsFailure() {
        McpException e = failureOf(new IOException("Connection reset by peer"));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(e.getMessage()).isEqualTo("connection error with " + TARGET + ": Connection reset by peer");
    }

    @Test
    void aSocketTheOsRefusedIsTheGeneratorsFailureWithTheNumbers() {
        // Netty's wrapping of EMFILE when it cannot create the channel
        Exception emfile = new IllegalStateException("Unable to create Channel from class NioSocketChannel",
                new IOException("Too many open files"));
        McpException e = ConnectionPool.connectFailure(URI.create(TARGET), emfile);
        assertThat(e.errorClass()).isEqualTo(ErrorClass.GENERATOR);
        assertThat(e.getMessage()).startsWith("cannot connect to " + TARGET + ": the OS refused a new socket (Too many"
                + " open files)").contains("ulimit -n").endsWith("not the server's");
        assertThat(e.getCause()).isSameAs(emfile);
    }

    @Test
    void aRefusedConnectIsStillTheConnectionsFailure() {
        McpException e = ConnectionPool.connectFailure(URI.create(TARGET),
                new ConnectException("Connection refused: /127.0.0.1:1"));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(e.getMessage()).isEqualTo("cannot connect to " + TARGET + ": Connection refused: /127.0.0.1:1");
    }

    @Test
    void theEnginesCatchAllClassifiesAnOutOfMemoryErrorAsTheGenerators() {
        // what RequestDriver, SessionHolder and the sessions' own catch-alls (a request that could not be sent,
        // legacy SSE's re-initialization, stdio's writer) call on any throwable not already classified
        McpException e = McpException.classify(new java.util.concurrent.CompletionException(
                new OutOfMemoryError("Java heap space")));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.GENERATOR);
        assertThat(e.getMessage()).startsWith("mcpload ran out of memory (Java heap space), not the server's fault");
        assertThat(McpException.classify(new IOException("Broken pipe")).errorClass())
                .isEqualTo(ErrorClass.CONNECTION);
    }
}
