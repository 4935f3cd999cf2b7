package dev.mcpload.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.threshold.ThresholdMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --fail-on} rules: what each spelling means, how a change is measured, and every malformed rule refused. */
class FailOnTest {
    private static final Noise.Verdict UNJUDGED = Noise.Verdict.notJudged("test", null, null);

    private static Delta delta(FailOn rule, Double baseline, Double current) {
        return new Delta(rule.figure(), baseline, current, UNJUDGED);
    }

    @Test
    void shortNamesAndFullNamesMeanTheSameFigures() {
        FailOn p99 = FailOn.parse("p99 > +10%");
        assertThat(p99.figure().metric()).isEqualTo(ThresholdMetric.MCP_REQ_DURATION);
        assertThat(p99.figure().aggregation().percentile()).isEqualTo(99.0);
        assertThat(p99.unit()).isEqualTo("%");
        assertThat(FailOn.parse("p999 > 5%").figure().aggregation().percentile()).isEqualTo(99.9);
        assertThat(FailOn.parse("p100 > 5%").figure().aggregation().percentile()).isEqualTo(100.0);
        assertThat(FailOn.parse("p(99.5) > 5%").figure().aggregation().percentile()).isEqualTo(99.5);
        assertThat(FailOn.parse("mcp_req_duration p(99) > +10%").figure()).isEqualTo(p99.figure());
        assertThat(FailOn.parse("avg >= 2ms").figure().aggregation().name()).isEqualTo("avg");
        assertThat(FailOn.parse("mean > 2ms").figure().aggregation().name()).isEqualTo("avg");
        FailOn err = FailOn.parse("error_rate > +0.5pp");
        assertThat(err.figure().metric()).isEqualTo(ThresholdMetric.MCP_REQ_ERROR_RATE);
        assertThat(err.unit()).isEqualTo("pp");
        assertThat(FailOn.parse("throughput < -5%").figure().better()).isEqualTo(Figure.Better.HIGHER);
        assertThat(FailOn.parse("mcp_init_duration p(95) > 25%").figure().metric())
                .isEqualTo(ThresholdMetric.MCP_INIT_DURATION);
        assertThat(FailOn.parse("mcp_req_error_count > 10").figure().aggregation().name()).isEqualTo("count");
        FailOn tagged = FailOn.parse("p(95){tool:search} > +20ms");
        assertThat(tagged.figure().tags()).isEqualTo(Map.of("tool", "search"));
        assertThat(tagged.unit()).isEmpty();
        assertThat(tagged.bound()).isEqualTo(20.0);
    }

    @Test
    void aRuleFailsWhenTheChangeSatisfiesIt() {
        FailOn p99 = FailOn.parse("p99 > +10%");
        assertThat(p99.judge(delta(p99, 10.0, 11.5)).failed()).isTrue();
        assertThat(p99.judge(delta(p99, 10.0, 11.5)).observed()).isEqualTo("+15.0%");
        assertThat(p99.judge(delta(p99, 10.0, 10.9)).failed()).isFalse();
        assertThat(p99.judge(delta(p99, 10.0, 5.0)).failed()).isFalse(); // faster never fails a '>' rule
        FailOn pp = FailOn.parse("error_rate > +0.5pp");
        assertThat(pp.judge(delta(pp, 0.001, 0.007)).failed()).isTrue();
        assertThat(pp.judge(delta(pp, 0.001, 0.007)).observed()).isEqualTo("+0.60pp");
        assertThat(pp.judge(delta(pp, 0.001, 0.005)).failed()).isFalse();
        FailOn relative = FailOn.parse("error_rate > +10%");
        assertThat(relative.judge(delta(relative, 0.0, 0.001)).failed()).as("from 0 is an infinite rise").isTrue();
        assertThat(relative.judge(delta(relative, 0.0, 0.001)).observed()).isEqualTo("from 0 to 0.10%");
        FailOn rps = FailOn.parse("throughput < -5%");
        assertThat(rps.judge(delta(rps, 1000.0, 940.0)).failed()).isTrue();
        assertThat(rps.judge(delta(rps, 1000.0, 960.0)).failed()).isFalse();
        FailOn ms = FailOn.parse("p95 >= +2ms");
        assertThat(ms.judge(delta(ms, 3.0, 5.0)).failed()).isTrue();
        assertThat(ms.judge(delta(ms, 3.0, 5.0)).observed()).isEqualTo("+2.00ms");
    }

    @Test
    void nothingToCompareFailsAsAThresholdOnNothingDoes() {
        FailOn p99 = FailOn.parse("p99{tool:search} > +10%");
        FailOn.Outcome o = p99.judge(delta(p99, 10.0, null));
        assertThat(o.failed()).isTrue();
        assertThat(o.observed()).isEqualTo("the current run measured nothing it selects");
        assertThat(p99.judge(delta(p99, null, 3.0)).observed()).isEqualTo("the baseline measured nothing it selects");
    }

    @Test
    void malformedRulesAreRefusedWithWhatWouldBeRight() {
        assertThatThrownBy(() -> FailOn.parse("p99 >")).hasMessageContaining("write FIGURE OPERATOR CHANGE");
        assertThatThrownBy(() -> FailOn.parse("p98x > 1%")).hasMessageContaining("unknown figure 'p98x'")
                .hasMessageContaining("did you mean");
        assertThatThrownBy(() -> FailOn.parse("error_rate > 1")).hasMessageContaining("percentage points");
        assertThatThrownBy(() -> FailOn.parse("throughput > 5pp")).hasMessageContaining("pp (percentage points)"
                + " is for error rates");
        assertThatThrownBy(() -> FailOn.parse("error_rate > 5ms")).hasMessageContaining("ms is for latency");
        assertThatThrownBy(() -> FailOn.parse("p99 > 5/s")).hasMessageContaining("/s is for rates per second");
        assertThatThrownBy(() -> FailOn.parse("mcp_req_duration > 1%")).hasMessageContaining("say which figure");
        assertThatThrownBy(() -> FailOn.parse("mcp_req_duration rate > 1%"))
                .hasMessageContaining("'rate' is not an aggregation of mcp_req_duration");
        assertThatThrownBy(() -> FailOn.parse("p99{tol:search} > 1%")).hasMessageContaining("unknown tag 'tol'");
        assertThatThrownBy(() -> FailOn.parse("p(0) > 1%")).hasMessageContaining("above 0 and at most 100");
        assertThatThrownBy(() -> FailOn.parse("p99 avg > 1%")).hasMessageContaining("is already a figure");
    }
}
