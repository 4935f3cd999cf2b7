package dev.mcpload.cli;

import dev.mcpload.threshold.Threshold;
import dev.mcpload.threshold.ThresholdMetric;
import dev.mcpload.threshold.ThresholdParser;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Which thresholds a command judges. {@code run} judges the request metrics; {@code ceiling} judges
 * {@code mcp_ceiling}, the one figure a search finds (its whole-run request figures are of load pushed past the
 * SLO on purpose, so a threshold on them would judge the overload). One config file can serve both commands: a
 * threshold in {@code [thresholds]} for the other command is left to it, with a warning; one given as
 * {@code --threshold} to the wrong command is a usage error, as it can never be judged there.
 */
final class CommandThresholds {
    private CommandThresholds() {
    }

    /** {@code --threshold METRIC=EXPRESSION} flags, each checked; a malformed one is a usage error. */
    static List<Threshold> parseFlags(List<String> flags) {
        List<Threshold> parsed = new ArrayList<>();
        if (flags != null) {
            for (String flag : flags) {
                try {
                    parsed.add(ThresholdParser.parseFlag(flag));
                } catch (IllegalArgumentException e) {
                    throw new UserError("--threshold '" + flag + "': " + e.getMessage());
                }
            }
        }
        return parsed;
    }

    /** What {@code command} judges of the config's thresholds and the flags, in that order. */
    static List<Threshold> judgedBy(String command, List<Threshold> config, List<Threshold> flags, PrintStream err) {
        boolean ceiling = command.equals("ceiling");
        List<Threshold> out = new ArrayList<>();
        for (Threshold t : config) {
            if (ThresholdMetric.byName(t.metric()).ceilingOnly() == ceiling) {
                out.add(t);
            } else {
                err.println("mcpload: warning: " + t.source() + ": the threshold " + t.target() + " '"
                        + t.expression() + "' is judged by " + (ceiling ? "mcpload run" : "mcpload ceiling")
                        + ", not " + command + why(ceiling));
            }
        }
        for (Threshold t : flags) {
            if (ThresholdMetric.byName(t.metric()).ceilingOnly() != ceiling) {
                throw new UserError("--threshold '" + t.target() + "=" + t.expression() + "': " + command
                        + " does not judge " + t.metric() + why(ceiling));
            }
            out.add(t);
        }
        return out;
    }

    private static String why(boolean ceiling) {
        return ceiling ? " (a ceiling search pushes past the SLO on purpose: judge what it found, e.g."
                + " --threshold 'mcp_ceiling=value>=200')"
                : " (only a ceiling search finds a ceiling: mcpload ceiling --threshold 'mcp_ceiling=value>=200')";
    }
}
