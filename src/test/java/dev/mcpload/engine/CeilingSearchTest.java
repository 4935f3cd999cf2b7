package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.ceiling.CeilingResult;
import dev.mcpload.ceiling.CeilingSearch;
import dev.mcpload.ceiling.CeilingSettings;
import dev.mcpload.ceiling.StepMeasure;
import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ceiling search driving one engine in virtual time against a server with a known ceiling: 4 slots, 20 ms a
 * call, so N sessions wait about N × 5 ms once N passes 4.
 */
@Timeout(30)
class CeilingSearchTest {
    private static final Step CALL = new Step(new MetricKey("tools/call", "sleep"),
            McpRequests.toolsCall("sleep", Json.object().put("ms", 20)), 1);

    private final VirtualTime time = new VirtualTime();
    private final FakeServer server = new FakeServer(time).concurrency(4);

    private CeilingResult search(List<Integer> steps, double sloP99Ms, List<StepMeasure> seen) {
        return search(steps, sloP99Ms, seen, 40);
    }

    private CeilingResult search(List<Integer> steps, double sloP99Ms, List<StepMeasure> seen, int maxSessions) {
        Plan plan = Plan.of(new ConstantVusExecutor(1, 3_600_000), List.of(CALL))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        LoadEngine engine = new LoadEngine(plan, server, new MetricsRegistry(), List.of(), time,
                new BreakingPointDetector());
        engine.start();
        CeilingSettings s = new CeilingSettings(steps, 1.5, maxSessions, 4000, 1000, 0, sloP99Ms, Double.NaN, 0.01, 0.75);
        CeilingResult r = new CeilingSearch(engine, s, seen::add).run();
        engine.stop();
        return r;
    }

    @Test
    void findsTheLargestStepWithinTheSloAndStopsOnceTheBreakIsConfirmed() {
        server.on(CALL, t -> Reply.after(20));
        List<StepMeasure> seen = new ArrayList<>();
        CeilingResult r = search(List.of(1, 5, 10, 20), 45, seen);
        assertThat(r.ceiling()).isEqualTo(5);
        assertThat(seen).extracting(StepMeasure::sessions).containsExactly(1, 5, 10, 10);
        assertThat(seen).extracting(StepMeasure::passed).containsExactly(true, true, false, false);
        assertThat(r.stopReason()).contains("confirmed by a repeat");
        // the known ceiling: 4 slots × 20 ms = 200 calls/s once the slots are full
        assertThat(seen.get(2).requestsPerSec()).isBetween(199.0, 201.0);
        assertThat(seen.get(0).p99Ms()).isBetween(19.9, 20.2);
        assertThat(seen.get(2).p99Ms()).isGreaterThan(45);
        assertThat(r.trigger()).isEqualTo(3); // 75 % of 5
        assertThat(r.diagnosis()).anySatisfy(d -> assertThat(d).startsWith("saturation"));
    }

    @Test
    void oneNoisyStepIsRepeatedAndDoesNotEndTheSearch() {
        // a 300 ms hiccup inside the measured window of the 5-session step (it runs 5–10 s, measured from 6 s)
        server.on(CALL, t -> Reply.after(t >= 7000 && t < 7300 ? 200 : 20));
        List<StepMeasure> seen = new ArrayList<>();
        CeilingResult r = search(List.of(1, 5, 10, 20), 45, seen);
        assertThat(seen).extracting(StepMeasure::sessions).containsExactly(1, 5, 5, 10, 10);
        assertThat(seen).extracting(StepMeasure::passed).containsExactly(true, false, true, false, false);
        assertThat(seen.get(1).verdict()).contains("p99");
        assertThat(r.ceiling()).isEqualTo(5);
    }

    @Test
    void theGeneratorGivingOutEndsTheSearchWithoutBlamingTheServer() {
        // from the 10-session step on (10–15 s), one request in ten fails in mcpload itself (out of descriptors, say)
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        server.on(CALL, t -> t >= 10_000 && n.incrementAndGet() % 10 == 0
                ? Reply.fail(dev.mcpload.protocol.ErrorClass.GENERATOR, 20) : Reply.after(20));
        List<StepMeasure> seen = new ArrayList<>();
        CeilingResult r = search(List.of(1, 5, 10, 20), 1000, seen);
        // the step fails (it did not apply its load) and is not repeated: the generator would give out again
        assertThat(seen).extracting(StepMeasure::sessions).containsExactly(1, 5, 10);
        assertThat(seen).extracting(StepMeasure::passed).containsExactly(true, true, false);
        StepMeasure at = seen.get(2);
        assertThat(at.generatorErrors()).isPositive();
        assertThat(at.errorRate()).as("every failure shows").isBetween(0.09, 0.11);
        assertThat(at.serverErrorRate()).as("none of them the server's").isZero();
        assertThat(at.verdict()).startsWith("mcpload itself failed " + at.generatorErrors() + " requests (generator")
                .doesNotContain("errors 1");
        assertThat(r.ceiling()).isEqualTo(5);
        assertThat(r.cliff()).as("the server's errors never passed the limit").isNull();
        assertThat(r.stopReason()).startsWith("mcpload itself gave out at 10 sessions")
                .contains("the generator's limit, not the server's").contains("at least 5");
        assertThat(r.diagnosis()).hasSize(1);
        assertThat(r.diagnosis().get(0)).startsWith("mcpload itself gave out at 10 sessions (")
                .contains("not the server");
    }

    @Test
    void theKneeIsWhereP99BendsUpwards() {
        server.on(CALL, t -> Reply.after(20));
        CeilingResult r = search(List.of(1, 2, 3, 4, 8, 16), 1000, new ArrayList<>(), 16);
        // flat at 20 ms up to the 4 slots, then linear in sessions: the bend is at 4
        assertThat(r.knee()).isEqualTo(4);
        assertThat(r.ceiling()).isEqualTo(16); // the SLO held to --max-sessions
        assertThat(r.stopReason()).contains("max-sessions");
        assertThat(r.trigger()).isEqualTo(4); // the knee, below 75 % of the ceiling (12)
        assertThat(r.triggerWhy()).contains("knee");
    }
}
