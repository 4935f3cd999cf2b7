package dev.mcpload.server.fault;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Faults of the event stream: the request is answered with {@code text/event-stream} (whatever the client would
 * otherwise get) and the stream goes wrong. No event carries an id, so there is nothing to resume from.
 */
final class SseFaults {
    private static final byte[] HALF_EVENT = ascii("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] NO_DATA = ascii("event: message\n\n");
    private static final byte[] KEEP_ALIVE = ascii(": still working (mcpload serve --fault)\n\n");
    private static final long KEEP_ALIVE_MS = 100;

    private SseFaults() {
    }

    /** The stream opens, half an event is sent, and the connection closes. */
    static Fault closeMidStream(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            x.startEventStream();
            x.event(Unpooled.wrappedBuffer(HALF_EVENT));
            x.ctx().flush();
            x.ctx().close();
        };
    }

    /** The stream carries an event without a data line and ends properly, without the answer. */
    static Fault eventWithoutData(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            x.startEventStream();
            x.event(Unpooled.wrappedBuffer(NO_DATA));
            x.endEventStream();
        };
    }

    /**
     * The stream stays open and sends a comment every 100 ms, forever, never the answer: only the client's
     * timeout ends it. The timer stops when the connection closes, so an abandoned stream costs nothing.
     */
    static Fault endless(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            ChannelHandlerContext ctx = x.ctx();
            x.startEventStream();
            ctx.flush();
            ScheduledFuture<?> ticks = x.scheduler().scheduleAtFixedRate(() -> {
                if (ctx.channel().isActive()) {
                    x.event(Unpooled.wrappedBuffer(KEEP_ALIVE));
                    ctx.flush();
                }
            }, KEEP_ALIVE_MS, KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
            ctx.channel().closeFuture().addListener(closed -> ticks.cancel(false));
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
