package dev.mcpload.output;

import dev.mcpload.config.FileErrors;
import dev.mcpload.metrics.Interval;
import dev.mcpload.result.RunResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * An export written as the run goes, one file named by {@code --out NAME=FILE} ({@code csv}, {@code json-lines},
 * {@code hdr}): checked before the load (a file name, not a directory, somewhere writable), replaced when the
 * load starts, written and flushed at each closed interval (so {@code tail -f} sees every interval as it
 * closes), ended at {@link #finish}. Flushing a few KB to the page cache is what the clock thread waits for.
 *
 * <p>A write that fails stops the export (the rest of the run goes on) and is reported at the end as an
 * {@link OutputException}: the run's exit code says an output failed.
 */
abstract class FileExport implements Output {
    private final String noun;
    private final PrintStream out;
    protected final Path file;
    private OutputStream stream;
    private IOException failure;
    private boolean closed;

    /**
     * @param name    the output's name, for messages ("csv")
     * @param noun    what the file is, for messages ("the CSV time series")
     * @param example a file name for the usage message ("run.csv")
     */
    FileExport(String name, String target, String noun, String example, OutputContext context) {
        this.noun = noun;
        this.out = context.out();
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("--out " + name + (target == null ? "" : "=") + ": name the file, e.g."
                    + " --out " + name + "=" + example);
        }
        try {
            this.file = Path.of(target);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--out " + name + "=" + target + ": not a file name: " + e.getReason());
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--out " + name + "=" + target + " is a directory: name the file, e.g."
                    + " --out " + name + "=" + file.resolve(example));
        }
        WriteCheck.check(file.toAbsolutePath().getParent(), noun, "to " + file,
                "choose another --out " + name + "=FILE");
    }

    /** What goes first (a header), once the file is open. */
    protected void begin(OutputStream to, RunStart run) throws IOException {
    }

    /** One closed interval, on the engine's clock thread. */
    protected abstract void write(Interval interval, OutputStream to) throws IOException;

    /** What goes last, with the finished run. */
    protected void end(RunResult result, OutputStream to) throws IOException {
    }

    @Override
    public final void start(RunStart run) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            stream = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            begin(stream, run);
            stream.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public final void onInterval(Interval interval) {
        if (stream == null || failure != null) {
            return;
        }
        try {
            write(interval, stream);
            stream.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public final void finish(RunResult result) {
        if (stream != null && failure == null) {
            try {
                end(result, stream);
                stream.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
        close();
        if (failure != null) {
            throw new OutputException("could not write " + noun + " to " + file + ": " + FileErrors.reason(failure)
                    + " (the summary above is complete)");
        }
        String label = noun.startsWith("the ") ? noun.substring(4) : noun;
        out.println("  " + Character.toUpperCase(label.charAt(0)) + label.substring(1) + ": " + file);
        out.println();
    }

    @Override
    public final void close() {
        if (closed || stream == null) {
            return;
        }
        closed = true;
        try {
            stream.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    /** A {@link PrintStream} error (PrintStream keeps them to itself) as an exception for {@link #finish}. */
    static void check(PrintStream p) throws IOException {
        if (p.checkError()) {
            throw new IOException("the write failed (disk full, or the file system went away?)");
        }
    }
}
