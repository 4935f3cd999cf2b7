package dev.mcpload.ceiling;

import java.util.List;

/**
 * What the ceiling search found.
 *
 * @param slo            the SLO the steps were judged against, in words
 * @param steps          every step measured, in order (a repeat follows the step it repeats)
 * @param ceiling        the most sessions that held the SLO (0 when even the first step broke it)
 * @param knee           where P99 started growing faster than linearly ({@link Knee}), or null
 * @param cliff          the first step where errors passed the limit or throughput fell, or null
 * @param trigger        the recommended scaling trigger in sessions per instance
 * @param triggerWhy     how the trigger was chosen
 * @param diagnosis      the bottleneck signatures seen (the guide's), first the strongest
 * @param stopReason     why the search stopped
 */
public record CeilingResult(String slo, List<StepMeasure> steps, int ceiling, Integer knee, Integer cliff,
                            int trigger, String triggerWhy, List<String> diagnosis, String stopReason) {
    public CeilingResult {
        steps = List.copyOf(steps);
        diagnosis = List.copyOf(diagnosis);
    }
}
