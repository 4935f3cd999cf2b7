package dev.mcpload.testing;

import dev.mcpload.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The real command line run in this JVM, its output captured: what the CLI tests run, in every package. System.out
 * and System.err are global, so runs take turns (one lock for all of them).
 */
public final class InProcessCli {
    /**
     * What a run did: its exit code, what it printed on each stream, and both as a terminal would show them
     * ({@code all}, in the order written).
     */
    public record Result(int code, String out, String err, String all) {
    }

    private InProcessCli() {
    }

    public static synchronized Result mcpload(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(new Both(out, all), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Both(err, all), true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    all.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes to its own stream and to the one both streams share (locked: threads of a run may print at once). */
    private static final class Both extends OutputStream {
        private final ByteArrayOutputStream own;
        private final ByteArrayOutputStream shared;

        Both(ByteArrayOutputStream own, ByteArrayOutputStream shared) {
            this.own = own;
            this.shared = shared;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (shared) {
                own.write(b, off, len);
                shared.write(b, off, len);
            }
        }
    }
}
