package dev.mcpload.bench;

import dev.mcpload.transport.sse.SseParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing one SSE reply (event: message, one data line with the JSON response), fed as a Netty buffer the
 * way MessageExchange feeds it; the listener only consumes the event. {@code feedNewParser} adds what each
 * exchange does per reply: a new parser (MessageExchange.onHead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SseParserBench {
    private ByteBuf event;
    private SseParser parser;
    private Blackhole bh;

    @Setup
    public void setup(Blackhole blackhole) {
        bh = blackhole;
        event = Unpooled.directBuffer(Payloads.ADD_RESPONSE_SSE.length).writeBytes(Payloads.ADD_RESPONSE_SSE);
        parser = new SseParser(this::consume);
    }

    private void consume(String type, byte[] data, int length, String lastEventId) {
        bh.consume(type);
        bh.consume(length);
    }

    @Benchmark
    public void feed() {
        event.readerIndex(0);
        parser.feed(event);
    }

    @Benchmark
    public void feedNewParser() {
        event.readerIndex(0);
        new SseParser(this::consume).feed(event);
    }
}
