package dev.mcpload.report;

import dev.mcpload.engine.IntervalListener;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Durations;
import dev.mcpload.metrics.Sample;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Live progress, one line per interval: elapsed, stage, VUs holding a session (and how many the schedule wants),
 * req/s, the interval's p50/p95/p99
 * and errors. In a terminal the line is rewritten in place; piped or in CI each interval is its own line.
 */
public final class ProgressPrinter implements IntervalListener {
    public enum Mode { TTY, PLAIN, NONE }

    private final PrintStream out;
    private final Mode mode;
    private final Style style;
    private final int stageCount;
    private boolean lineOpen;

    /** {@code stageCount}: the plan's stages (0 without), for "[stage 2/3]". */
    public ProgressPrinter(PrintStream out, Mode mode, Style style, int stageCount) {
        this.out = out;
        this.mode = mode;
        this.style = style;
        this.stageCount = stageCount;
    }

    /** auto: a terminal (and not CI, not TERM=dumb) gets TTY, anything else PLAIN. */
    public static Mode resolve(String setting) {
        switch (setting == null ? "auto" : setting.toLowerCase(Locale.ROOT)) {
            case "tty":
                return Mode.TTY;
            case "plain":
                return Mode.PLAIN;
            case "none":
                return Mode.NONE;
            case "auto":
                boolean tty = System.console() != null && System.getenv("CI") == null
                        && !"dumb".equals(System.getenv("TERM"));
                return tty ? Mode.TTY : Mode.PLAIN;
            default:
                throw new IllegalArgumentException("--progress must be auto, tty, plain or none, not '" + setting
                        + "'");
        }
    }

    @Override
    public synchronized void onInterval(Interval interval) {
        Sample s = interval.sample();
        if (mode == Mode.NONE) {
            return;
        }
        String stage = stageCount > 0 ? String.format(Locale.ROOT, "[stage %d/%d] ", s.stage(), stageCount) : "";
        String line = String.format(Locale.ROOT,
                "%6.1fs %svus %d/%d  %8.1f req/s  p50=%s p95=%s p99=%s  errors=%d (%s)%s%s",
                s.endMs() / 1000.0, stage, s.vus(), s.targetVus(), s.throughput(), Durations.ms(s.p50Ms(), s.successes()),
                Durations.ms(s.p95Ms(), s.successes()), Durations.ms(s.p99Ms(), s.successes()), s.errorCount(), Rates.percent(s.errorRate()),
                s.setupErrors() > 0 ? " init_errors=" + s.setupErrors() : "",
                s.sessionReinits() > 0 ? "  reinit=" + s.sessionReinits() : "");
        if (mode == Mode.TTY) {
            out.print("\r\u001b[2K" + line);
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public synchronized void onBreakingPoint(BreakingPoint bp) {
        if (mode == Mode.NONE) {
            return;
        }
        finishLine();
        out.println(style.yellow("! " + bp.describe()));
    }

    /** Ends an in-place line before other output. */
    public synchronized void finishLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    /** A line of its own, e.g. "running..." messages, between progress lines. */
    public synchronized void note(String message) {
        if (mode == Mode.NONE) {
            return;
        }
        finishLine();
        out.println(message);
    }
}
