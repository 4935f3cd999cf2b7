package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.server.ResponseMode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault suite (issue 17): every {@code serve --fault} mode against the real client and engine, one short run
 * each. Every run must be sound (no VU past its deadline, no descriptor leaked, the report valid and readable),
 * count each failure under the class the mode calls for, and — the fraction being below 1 — keep answering the
 * other requests in every interval. Modes whose point is the server as a whole (stall, restart) and those of
 * sessions are in {@link ServerFaultsTest}.
 */
class FaultModesTest {
    private static final int VUS = 3;
    private static final long RUN_MS = 1_000;
    /** Long enough for every answer here; the modes that never answer use a short one instead. */
    private static final int TIMEOUT_MS = 2_000;
    /**
     * Shorter than an interval ({@link FaultRun#SAMPLE_MS}), so that a VU stuck on an unanswered request is
     * free again within every interval: with a longer one, all VUs could be stuck through a whole interval
     * (a fault every ~100 requests is a fault every few ms here), and "successes in every interval" would flake.
     */
    private static final int SHORT_TIMEOUT_MS = 200;

    @RegisterExtension
    final SessionFixture fixture = new SessionFixture();

    /**
     * One mode as a test: the {@code --fault} text, the reply mode of the server, the class its failures are
     * counted under (null: the client must absorb it), the request timeout, whether successes must go on in
     * every interval, and what else to check.
     */
    record Case(String fault, ResponseMode mode, ErrorClass counted, int timeoutMs, boolean steady,
                Consumer<FaultRun.Result> also) {
        @Override
        public String toString() {
            return fault + (mode == ResponseMode.SSE ? " (sse replies)" : "");
        }
    }

    private static Case json(String fault, ErrorClass counted, Consumer<FaultRun.Result> also) {
        return new Case(fault, ResponseMode.JSON, counted, TIMEOUT_MS, true, also);
    }

    private static Case sse(String fault, ErrorClass counted, Consumer<FaultRun.Result> also) {
        return new Case(fault, ResponseMode.SSE, counted, TIMEOUT_MS, true, also);
    }

    private static Consumer<FaultRun.Result> says(ErrorClass c, String... fragments) {
        return r -> assertThat(r.example(c)).contains(fragments);
    }

    static Stream<Case> modes() {
        return Stream.of(
                json("http500@0.2", ErrorClass.HTTP, says(ErrorClass.HTTP, "500", "Internal Server Error")),
                json("http500:empty@0.2", ErrorClass.HTTP, says(ErrorClass.HTTP, "500")),
                json("http503@0.2", ErrorClass.HTTP, says(ErrorClass.HTTP, "503", "Service Unavailable")),
                json("http503:empty@0.2", ErrorClass.HTTP, says(ErrorClass.HTTP, "503")),
                json("http429:0@0.2", ErrorClass.HTTP, says(ErrorClass.HTTP, "429")),
                // Retry-After: 1 is honoured: after its 429 a VU waits a second, so few 429s fit in the run (and
                // every VU may be waiting at once: no check of successes per interval)
                new Case("http429:1@0.2", ResponseMode.JSON, ErrorClass.HTTP, TIMEOUT_MS, false, r -> {
                    assertThat(r.example(ErrorClass.HTTP)).contains("429");
                    assertThat(r.errors().get(ErrorClass.HTTP)).isLessThanOrEqualTo(VUS * 2L);
                }),
                json("jsonrpc-error:-32042@0.2", ErrorClass.JSONRPC, says(ErrorClass.JSONRPC, "-32042")),
                sse("jsonrpc-error@0.2", ErrorClass.JSONRPC, says(ErrorClass.JSONRPC, "-32603")),
                json("tool-error@0.2", ErrorClass.TOOL_ERROR, says(ErrorClass.TOOL_ERROR, "the tool failed")),
                json("latency:30ms@0.2", null, r -> assertThat(r.run().latency().raw().getMaxValue())
                        .as("slowest answer, µs").isGreaterThanOrEqualTo(30_000)),
                json("jitter:40ms@0.2", null, r -> assertThat(r.run().latency().raw().getMaxValue())
                        .as("slowest answer, µs").isGreaterThan(1_000)),
                new Case("never@0.01", ResponseMode.JSON, ErrorClass.TIMEOUT, SHORT_TIMEOUT_MS, true,
                        says(ErrorClass.TIMEOUT, "200 ms")),
                json("reset@0.2", ErrorClass.CONNECTION, r -> { }),
                json("close-after-headers@0.2", ErrorClass.CONNECTION, r -> { }),
                json("close-mid-sse@0.2", ErrorClass.CONNECTION, r -> { }),
                json("malformed-json@0.2", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "JSON")),
                sse("malformed-json@0.2", ErrorClass.PROTOCOL, r -> { }),
                json("wrong-id@0.2", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "instead of a response to id")),
                // on a stream, a message with another id may be someone else's: what fails is the stream
                // ending without ours
                sse("wrong-id@0.2", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "ended without a response")),
                json("wrong-content-type@0.2", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "text/html")),
                json("sse-no-data@0.2", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "without a response")),
                new Case("endless-sse@0.01", ResponseMode.JSON, ErrorClass.TIMEOUT, SHORT_TIMEOUT_MS, true,
                        says(ErrorClass.TIMEOUT, "200 ms")),
                json("oversized:5m@0.1", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "response larger than")),
                sse("oversized:5m@0.1", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "response larger than")),
                json("wrong-shape@0.2", ErrorClass.PROTOCOL, says(ErrorClass.PROTOCOL, "wrong shape")),
                json("continue-100@0.5", null, r -> { }),
                sse("continue-100@0.5", null, r -> { }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    @Timeout(15)
    void eachModeIsCountedRightAndHarmsNothingElse(Case c) {
        check(c, ProtocolEra.LEGACY);
    }

    /** The same faults on 2026-07-28 requests: the reference server applies them to every modern request too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    @Timeout(15)
    void eachModeIsCountedRightInTheModernEra(Case c) {
        check(c, ProtocolEra.MODERN);
    }

    private void check(Case c, ProtocolEra era) {
        ReferenceServer server = fixture.own(ReferenceServer.start(ReferenceServerOptions.builder()
                .responseMode(c.mode()).ioThreads(1).faults(c.fault()).build()));

        FaultRun.Result r = FaultRun.run(server.mcpUrl(), era, VUS, RUN_MS, c.timeoutMs(), FaultRun.ECHO);

        System.out.println("FaultModesTest " + era.label() + " " + c + ": " + r);
        assertThat(ProtocolEra.of(r.run().server().protocolVersion())).as("the era spoken").isEqualTo(era);
        r.countedAs(c.counted()).sound();
        if (c.steady()) {
            r.successesInEveryInterval();
        }
        if (c.counted() != null) {
            assertThat(r.errors().get(c.counted())).as("failures the fault caused").isPositive();
        }
        c.also().accept(r);
    }
}
