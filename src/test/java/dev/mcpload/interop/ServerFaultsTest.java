package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.Step;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault modes of the server as a whole and of its sessions (stall, restart, expiry, refused initialize),
 * and several modes at once, through the real client and engine. Each run must be sound, as in
 * {@link FaultModesTest}; what "healthy requests go on" means differs per mode and is said in each test.
 */
class ServerFaultsTest {
    private static final int VUS = 3;

    @RegisterExtension
    final SessionFixture fixture = new SessionFixture();

    private String serve(String... faults) {
        return fixture.own(ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).faults(faults)
                .build())).mcpUrl();
    }

    /** The whole server holds every request once, for 600 ms: nothing fails, nothing is answered meanwhile. */
    @Test
    @Timeout(15)
    void aStallHoldsEveryRequestOnceThenServiceResumes() {
        FaultRun.Result r = FaultRun.run(serve("stall:600ms@0.01"), VUS, 1_500, 2_000, FaultRun.ECHO);

        System.out.println("ServerFaultsTest stall: " + r);
        r.countedAs(null).sound().recovered();
        assertThat(r.run().latency().raw().getMaxValue()).as("slowest answer, µs").isGreaterThanOrEqualTo(500_000);
        List<Sample> samples = r.run().samples();
        assertThat(samples.subList(0, samples.size() - 1)).as("an interval inside the stall, with no answer at all")
                .anySatisfy(s -> assertThat(s.requests()).isZero());
    }

    /**
     * Down for 400 ms, connections and sessions dropped: the requests cut off and those refused meanwhile fail as
     * connection errors, then the VUs reconnect, open new sessions (the old ones are gone) and carry on.
     */
    @Test
    @Timeout(15)
    void aRestartFailsAsConnectionAndTheVusComeBack() {
        FaultRun.Result r = FaultRun.run(serve("restart:400ms@0.0002"), VUS, 2_000, 1_000, FaultRun.ECHO);

        System.out.println("ServerFaultsTest restart: " + r);
        r.countedAs(ErrorClass.CONNECTION).sound();
        assertThat(r.run().counters().sessionReinits()).as("sessions re-opened after the restart").isPositive();
        List<Sample> samples = r.run().samples();
        int firstDown = -1;
        for (int i = 0; i < samples.size() && firstDown < 0; i++) {
            firstDown = samples.get(i).errors().isEmpty() ? -1 : i;
        }
        assertThat(firstDown).as("an interval with the restart's errors").isNotNegative();
        assertThat(samples.subList(firstDown + 1, samples.size())).as("service after the first restart")
                .anySatisfy(s -> assertThat(s.successes()).isPositive());
    }

    /**
     * A session the server forgot is re-opened and its request sent again, so nothing fails — unless the fault
     * hits the retried request too, which the client does not retry forever: then it is counted as http.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"expire-404@0.05", "expire-400@0.05"})
    @Timeout(15)
    void anExpiredSessionIsReopenedAndTheRequestSentAgain(String fault) {
        FaultRun.Result r = FaultRun.run(serve(fault), VUS, 1_000, 2_000, FaultRun.ECHO);

        System.out.println("ServerFaultsTest " + fault + ": " + r);
        r.sound().successesInEveryInterval();
        long reinits = r.run().counters().sessionReinits();
        assertThat(reinits).as("sessions re-opened").isPositive();
        assertThat(r.errors()).containsOnlyKeys(r.errors().isEmpty() ? List.of() : List.of(ErrorClass.HTTP));
        if (!r.errors().isEmpty()) {
            assertThat(r.example(ErrorClass.HTTP)).contains("keeps rejecting the session");
            assertThat(r.errors().get(ErrorClass.HTTP)).as("given up after re-initializing")
                    .isLessThan(reinits / 10 + 1);
        }
    }

    /**
     * Half the sessions are refused at initialize (counted there, as jsonrpc, and retried a second later); the
     * VUs that got in are unaffected. The picker is seeded, so which of the first initialize requests are refused
     * is the same on every run.
     */
    @Test
    @Timeout(15)
    void refusedSessionsAreCountedAtInitializeAndTheOthersRunOn() {
        FaultRun.Result r = FaultRun.run(serve("init-refused@0.5"), 4, 1_000, 2_000, FaultRun.ECHO);

        System.out.println("ServerFaultsTest init-refused: " + r);
        r.countedAs(null).sound().successesInEveryInterval();
        assertThat(r.initialize().errors()).containsOnlyKeys(ErrorClass.JSONRPC);
        assertThat(r.example(ErrorClass.JSONRPC)).contains("initialize refused");
        assertThat(r.run().counters().sessionsOpened()).as("sessions that got in").isPositive();
    }

    /** tool-error hits tools/call only: the other methods of the same run are answered as usual. */
    @Test
    @Timeout(15)
    void toolErrorLeavesOtherMethodsAlone() {
        Step read = new Step(new MetricKey("resources/read", "mcpload://reference/readme"),
                McpRequests.resourcesRead("mcpload://reference/readme"), 1);
        FaultRun.Result r = FaultRun.run(serve("tool-error"), VUS, 1_000, 2_000, FaultRun.ECHO, read);

        System.out.println("ServerFaultsTest tool-error: " + r);
        r.sound().successesInEveryInterval();
        KeyTotals calls = r.run().operations().get(FaultRun.ECHO.key());
        assertThat(calls.errors()).containsOnlyKeys(ErrorClass.TOOL_ERROR);
        assertThat(calls.successes()).as("tools/call is hit every time (fraction 1)").isZero();
        assertThat(r.run().operations().get(read.key()).errors()).isEmpty();
    }

    /** Several modes at once, each on its own share: each failure keeps its own class, the rest is answered. */
    @Test
    @Timeout(15)
    void severalModesAtOnceKeepTheirOwnClasses() {
        FaultRun.Result r = FaultRun.run(serve("latency:5ms@0.1", "http500@0.1", "wrong-id@0.1", "never@0.005"),
                VUS, 1_000, 200, FaultRun.ECHO); // a timeout shorter than an interval: see FaultModesTest

        System.out.println("ServerFaultsTest several: " + r);
        r.sound().successesInEveryInterval();
        assertThat(r.errors()).containsOnlyKeys(ErrorClass.HTTP, ErrorClass.PROTOCOL, ErrorClass.TIMEOUT);
        assertThat(r.run().latency().raw().getMaxValue()).as("slowest answer, µs").isGreaterThanOrEqualTo(5_000);
    }
}
