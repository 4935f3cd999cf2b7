package dev.mcpload.report;

import dev.mcpload.engine.LiveView;
import dev.mcpload.engine.IntervalListener;
import dev.mcpload.metrics.Interval;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Durations;
import dev.mcpload.metrics.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * The live view in a terminal: a few lines redrawn twice a second with JLine (only what changed is rewritten).
 * Elapsed time and running VUs are live; rates and percentiles are those of the last closed interval; totals
 * add up the intervals. Reads samples and two engine getters, never live histograms.
 */
public final class LiveDisplay implements IntervalListener, AutoCloseable {

    private static final long REFRESH_MS = 500;

    private final Terminal terminal;
    private final Display display;
    private volatile LiveView engine;
    private final Executor executor;
    private final Style style;
    private final Thread refresher;
    private volatile Sample last;
    private volatile BreakingPoint breakingPoint;
    private long totalRequests;
    private long totalErrors;
    private long totalReinits;
    private long totalSetupErrors;
    private volatile boolean closed;

    LiveDisplay(Terminal terminal, Executor executor, Style style) {
        this.terminal = terminal;
        this.display = new Display(terminal, false);
        this.display.resize(terminal.getSize());
        this.executor = executor;
        this.style = style;
        this.refresher = new Thread(this::refreshLoop, "mcpload-live");
        this.refresher.setDaemon(true);
    }

    /** A live display on the system terminal, or null when there is no usable one (then print plain lines). */
    public static LiveDisplay open(Executor executor, Style style) {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
            if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())
                    || t.getSize().getColumns() < 40) {
                t.close();
                return null;
            }
            return new LiveDisplay(t, executor, style);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Starts redrawing; {@code engine} gives elapsed time and running VUs. */
    public void start(LiveView engine) {
        this.engine = engine;
        refresher.start();
    }

    @Override
    public void onInterval(Interval interval) {
        record(interval.sample());
    }

    /** The figures of one closed interval (package-private for tests, which make their own). */
    synchronized void record(Sample s) {
        last = s;
        totalRequests += s.requests();
        totalErrors += s.errorCount();
        totalReinits += s.sessionReinits();
        totalSetupErrors += s.setupErrors();
    }

    @Override
    public void onBreakingPoint(BreakingPoint bp) {
        breakingPoint = bp;
    }

    private void refreshLoop() {
        while (!closed) {
            draw();
            try {
                Thread.sleep(REFRESH_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        display.update(lines(), -1);
        terminal.flush();
    }

    /** The lines as plain text, as they would be drawn now (for tests). */
    List<String> renderLines() {
        return lines().stream().map(AttributedString::toString).toList();
    }

    private List<AttributedString> lines() {
        long elapsed = Math.min(engine.elapsedMs(), executor.durationMs());
        int width = Math.max(40, terminal.getSize().getColumns());
        List<AttributedString> lines = new ArrayList<>();
        String stage = executor.stageCount() > 0
                ? String.format(Locale.ROOT, "  [stage %d/%d]", executor.stageAt(elapsed), executor.stageCount()) : "";
        int barWidth = 24;
        int filled = (int) (barWidth * elapsed / Math.max(1, executor.durationMs()));
        String bar = "[" + "=".repeat(filled) + (filled < barWidth ? ">" + " ".repeat(barWidth - filled - 1) : "")
                + "]";
        lines.add(line(String.format(Locale.ROOT, "  running %s %6.1fs / %ds%s  vus %d/%d",
                bar, elapsed / 1000.0,
                executor.durationMs() / 1000, stage, engine.activeVus(), engine.targetVus()), width));
        Sample s = last;
        if (s != null) {
            lines.add(line(String.format(Locale.ROOT,
                    "  last %.0fs  %9.1f req/s  p50=%s  p95=%s  p99=%s  errors %d (%s)",
                    (s.endMs() - s.startMs()) / 1000.0, s.throughput(), Durations.ms(s.p50Ms(), s.successes()),
                    Durations.ms(s.p95Ms(), s.successes()), Durations.ms(s.p99Ms(), s.successes()), s.errorCount(), Rates.percent(s.errorRate())), width));
            synchronized (this) {
                lines.add(line(String.format(Locale.ROOT, "  total     %d requests, %d errors%s, %d sessions"
                        + " re-initialized", totalRequests, totalErrors, totalSetupErrors > 0
                        ? " (" + totalSetupErrors + " in session setup)" : "", totalReinits), width));
            }
        } else {
            lines.add(line("  first figures at the end of the first interval...", width));
        }
        BreakingPoint bp = breakingPoint;
        if (bp != null) {
            lines.add(AttributedString.fromAnsi(style.yellow(truncate("  ! " + bp.describe(), width))));
        }
        return lines;
    }

    private static AttributedString line(String s, int width) {
        return new AttributedString(truncate(s, width));
    }

    private static String truncate(String s, int width) {
        return s.length() < width ? s : s.substring(0, width - 1);
    }

    /** Draws the final state, leaves it on screen, and gives the terminal back. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            display.update(lines(), -1);
            closed = true;
        }
        refresher.interrupt();
        terminal.writer().println();
        terminal.flush();
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is going away with us
        }
    }
}
