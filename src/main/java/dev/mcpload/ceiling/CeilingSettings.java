package dev.mcpload.ceiling;

import java.util.List;

/**
 * How the session-ceiling search steps and judges.
 *
 * @param steps           the concurrency steps to try first (sessions), ascending; after the last, ×{@code growth}
 * @param growth          factor from one step to the next once {@code steps} are used up (1.5)
 * @param maxSessions     no step above this
 * @param holdMs          how long each step is measured
 * @param settleMs        how long each step runs before its measurement starts (sessions opening, queues filling)
 * @param pauseMs         idle time with no sessions between steps (0: step straight on)
 * @param sloP99Ms        a step passes only with its tool-call P99 at or below this (NaN: not judged)
 * @param sloP95Ms        likewise for P95 (NaN: not judged)
 * @param maxErrorRate    a step passes only with at most this share of failed requests (0..1)
 * @param triggerFraction the scaling trigger recommended, as a share of the ceiling (0.75)
 */
public record CeilingSettings(List<Integer> steps, double growth, int maxSessions, long holdMs, long settleMs,
                              long pauseMs, double sloP99Ms, double sloP95Ms, double maxErrorRate,
                              double triggerFraction) {
    public static final List<Integer> DEFAULT_STEPS = List.of(1, 5, 10, 20, 30, 50);

    public CeilingSettings {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("steps must be one or more session counts >= 1");
        }
        if (Double.isNaN(sloP99Ms) && Double.isNaN(sloP95Ms)) {
            throw new IllegalArgumentException("an SLO is needed: a P99 or a P95 latency bound");
        }
    }

    /** The session counts to try, in order: the given steps, then ×growth, up to {@code maxSessions}. */
    public List<Integer> sequence() {
        List<Integer> seq = new java.util.ArrayList<>();
        for (int s : steps) {
            if (s <= maxSessions && (seq.isEmpty() || s > seq.get(seq.size() - 1))) {
                seq.add(s);
            }
        }
        int last = seq.isEmpty() ? steps.get(0) : seq.get(seq.size() - 1);
        while (seq.size() < 200) {
            int next = Math.max(last + 1, (int) Math.ceil(last * growth));
            if (next > maxSessions) {
                break;
            }
            seq.add(next);
            last = next;
        }
        return seq;
    }

    /** The SLO in words, e.g. "p99 <= 2000 ms, errors <= 1%". */
    public String describeSlo() {
        StringBuilder sb = new StringBuilder();
        if (!Double.isNaN(sloP99Ms)) {
            sb.append("p99 <= ").append(ms(sloP99Ms));
        }
        if (!Double.isNaN(sloP95Ms)) {
            sb.append(sb.length() > 0 ? ", " : "").append("p95 <= ").append(ms(sloP95Ms));
        }
        return sb.append(", errors <= ").append(percent(maxErrorRate)).toString();
    }

    static String ms(double ms) {
        return ms == Math.rint(ms) ? (long) ms + " ms" : ms + " ms";
    }

    static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
}
