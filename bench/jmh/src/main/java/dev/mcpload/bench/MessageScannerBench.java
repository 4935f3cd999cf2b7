package dev.mcpload.bench;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.MessageScanner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Routing one JSON response: id, kind and result.isError, with Jackson's streaming parser. {@code scan} copies
 * the bytes first (the caller may reuse its buffer); {@code scanOwned} takes them over, as MessageExchange
 * does with a JSON body it sized from Content-Length.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageScannerBench {
    private final byte[] response = Payloads.ADD_RESPONSE;

    @Benchmark
    public long scan() {
        IncomingMessage m = MessageScanner.scan(response, 0, response.length);
        return m.id();
    }

    @Benchmark
    public long scanOwned() {
        IncomingMessage m = MessageScanner.scanOwned(response);
        return m.id();
    }
}
