package dev.mcpload.bench;

import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.RequestTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding one request: the template's prefix, the id's digits, the closing brace. {@code writeTo} into a
 * reused buffer is the encoder alone; {@code writeToAllocated} adds what StreamableHttpSession.post does
 * around it (a buffer from the channel's allocator, released after the write).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestTemplateBench {
    private RequestTemplate template;
    private ByteBuf reused;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    private long id = 1_000_000;

    @Setup
    public void setup() {
        template = McpRequests.toolsCall("add", Json.object().put("a", 42).put("b", 17));
        reused = Unpooled.directBuffer(template.encodedLengthUpperBound());
    }

    @Benchmark
    public int writeTo() {
        reused.clear();
        template.writeTo(reused, id++);
        return reused.writerIndex();
    }

    @Benchmark
    public int writeToAllocated() {
        ByteBuf buf = alloc.buffer(template.encodedLengthUpperBound());
        template.writeTo(buf, id++);
        int n = buf.writerIndex();
        buf.release();
        return n;
    }
}
