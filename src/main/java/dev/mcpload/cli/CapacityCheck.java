package dev.mcpload.cli;

import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether this machine can hold the virtual users a plan asks for, checked before anything starts: every VU holds
 * a session for the whole run, and {@code --vus 2147483647} used to end in an OutOfMemoryError. The limits are
 * the JVM's heap, the open-file limit (a socket per HTTP session, two for legacy SSE, three pipes per stdio
 * server process) and, for stdio, the process limit. The figures are conservative: the check exists to turn an
 * impossible number into a clear message, not to cap what a machine can actually do.
 */
final class CapacityCheck {
    /**
     * Heap per VU: 3.63 KiB measured with 10,000 held HTTP sessions (bench/README.md, "Held sessions"); 16 KiB
     * leaves room for what a busy session holds on top (buffers, an SSE parser, its share of the histograms).
     */
    static final long HEAP_PER_VU = 16 * 1024;
    /** The JVM, Netty, the metrics, an embedded server: what the heap holds with no VU at all. */
    static final long HEAP_BASE = 32L * 1024 * 1024;
    /** Descriptors kept free for what else the run opens (the report, the config, a terminal, JDK internals). */
    static final long FD_SPARE = 32;
    /** A stdio VU's server process, plus this JVM's reader, stderr and writer threads for it (RLIMIT_NPROC). */
    static final int TASKS_PER_STDIO_VU = 4;
    static final long UNLIMITED = Long.MAX_VALUE;
    static final long UNKNOWN = -1;

    /** What this process may use; {@code memory} is the machine's physical memory. */
    record Machine(long maxHeap, long memory, long fdSoft, long fdHard, long fdOpen, long procSoft) {
        static Machine current() {
            long[] files = limit("Max open files");
            long[] procs = limit("Max processes");
            long fdSoft = files[0];
            long open = openFds();
            long memory = UNKNOWN;
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean o) {
                memory = o.getTotalMemorySize();
            }
            if (fdSoft == UNKNOWN && os instanceof com.sun.management.UnixOperatingSystemMXBean u) {
                fdSoft = u.getMaxFileDescriptorCount(); // not Linux: no /proc, but the JDK knows the soft limit
                open = u.getOpenFileDescriptorCount();
            }
            return new Machine(Runtime.getRuntime().maxMemory(), memory, fdSoft, files[1], open, procs[0]);
        }
    }

    private CapacityCheck() {
    }

    /** Throws when {@code vus} cannot be held; {@code source} says where the number came from. */
    static void check(int vus, TransportKind kind, String source, boolean fromConfig) {
        check(vus, kind, false, source, fromConfig);
    }

    /**
     * As {@link #check(int, TransportKind, String, boolean)}; {@code stream}: each Streamable HTTP session also holds
     * its event stream (the 2025 era's GET stream, or 2026-07-28's subscriptions/listen) on a socket of its own.
     */
    static void check(int vus, TransportKind kind, boolean stream, String source, boolean fromConfig) {
        check(vus, kind, stream, false, source, fromConfig);
    }

    /**
     * As above; {@code embedded}: the server runs in this process (no URL: the embedded reference server), so
     * every socket a VU opens is accepted here too, and each costs this process two descriptors, not one.
     */
    static void check(int vus, TransportKind kind, boolean stream, boolean embedded, String source,
                      boolean fromConfig) {
        String problem = problem(vus, kind, stream, embedded, Machine.current(), source);
        if (problem != null) {
            if (fromConfig) {
                throw new dev.mcpload.config.ConfigException(problem);
            }
            throw new UserError(problem);
        }
    }

    static int fdsPerVu(TransportKind kind, boolean stream) {
        return switch (kind) {
            case STDIO -> 3; // stdin, stdout and stderr pipes of its server process
            case SSE -> 2; // the event stream and the connection the POSTs go on
            // Streamable HTTP (auto falls back to SSE only for a server that refuses the POST): the requests'
            // connection, and the event stream's when the session holds one
            default -> stream ? 2 : 1;
        };
    }

    /** The message when {@code vus} exceed what {@code m} can hold, else null (sessions without a stream). */
    static String problem(int vus, TransportKind kind, Machine m, String source) {
        return problem(vus, kind, false, m, source);
    }

    /** The message when {@code vus} exceed what {@code m} can hold, else null (a server in another process). */
    static String problem(int vus, TransportKind kind, boolean stream, Machine m, String source) {
        return problem(vus, kind, stream, false, m, source);
    }

    /** The message when {@code vus} exceed what {@code m} can hold, else null. */
    static String problem(int vus, TransportKind kind, boolean stream, boolean embedded, Machine m, String source) {
        long byHeap = m.maxHeap() == UNLIMITED ? UNLIMITED : Math.max(0, m.maxHeap() - HEAP_BASE) / HEAP_PER_VU;
        int perVu = fdsPerVu(kind, stream) * (embedded && kind != TransportKind.STDIO ? 2 : 1);
        long open = Math.max(m.fdOpen(), 0);
        long byFds = m.fdSoft() == UNKNOWN || m.fdSoft() == UNLIMITED ? UNLIMITED
                : Math.max(0, m.fdSoft() - open - FD_SPARE) / perVu;
        long byProcs = kind != TransportKind.STDIO || m.procSoft() == UNKNOWN || m.procSoft() == UNLIMITED
                ? UNLIMITED : m.procSoft() / TASKS_PER_STDIO_VU;
        long most = Math.min(byHeap, Math.min(byFds, byProcs));
        if (vus <= most) {
            return null;
        }
        int sockets = fdsPerVu(kind, stream);
        String holds = kind == TransportKind.STDIO ? "a server process with 3 pipes"
                : (sockets == 1 ? "a socket" : kind == TransportKind.SSE ? "2 sockets"
                : "2 sockets (its requests' and its event stream's)")
                + (embedded ? ", whose other end the embedded server holds in this process too (" + perVu
                + " descriptors here)" : "");
        List<String> limits = new ArrayList<>();
        List<String> raise = new ArrayList<>();
        String beyond = "";
        if (vus > byHeap) {
            limits.add("the JVM's heap (at most " + size(m.maxHeap()) + ") holds " + count(byHeap));
            long heap = vus * HEAP_PER_VU + HEAP_BASE;
            if (m.memory() != UNKNOWN && heap > m.memory()) {
                beyond = " (" + count(vus) + " would need " + size(heap) + " of heap; this machine has "
                        + size(m.memory()) + " of memory)";
            } else {
                raise.add("the heap with JDK_JAVA_OPTIONS=-Xmx" + (heap / (1L << 30) + 1) + "g");
            }
        }
        if (vus > byFds) {
            limits.add("the open-file limit (" + count(m.fdSoft()) + (m.fdOpen() > 0 ? ", " + count(open)
                    + " already open" : "") + ") allows " + count(byFds));
            long wanted = (long) vus * perVu + open + FD_SPARE;
            raise.add(m.fdHard() != UNKNOWN && m.fdHard() != UNLIMITED && m.fdHard() <= m.fdSoft()
                    ? "the open-file limit, which is at its hard limit already: as root, to at least "
                    + count(wanted) + " (nofile in /etc/security/limits.conf, or LimitNOFILE= for a systemd service)"
                    : "the open-file limit with 'ulimit -n " + wanted + "' (up to the hard limit, 'ulimit -Hn')");
        }
        if (vus > byProcs) {
            limits.add("the process limit (" + count(m.procSoft()) + " for this user; each stdio VU is a process"
                    + " plus 3 threads here) allows " + count(byProcs));
            raise.add("the process limit with 'ulimit -u'");
        }
        if (!beyond.isEmpty()) {
            raise.clear(); // no limit worth raising for a number no machine like this one can hold
        }
        return source + " asks for more virtual users than this machine can hold: each VU holds a session, about "
                + HEAP_PER_VU / 1024 + " KiB of heap (a conservative figure) and " + holds + ", and "
                + String.join("; ", limits) + beyond + ". Use at most " + count(most) + " VUs here"
                + (raise.isEmpty() ? "." : ", or raise " + String.join(", and ", raise) + ".");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String size(long bytes) {
        return bytes >= 1L << 40 ? String.format(Locale.ROOT, "%,.1f TiB", bytes / (double) (1L << 40))
                : bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : (bytes >> 20) + " MiB";
    }

    /** {soft, hard} of a /proc/self/limits row, {UNKNOWN, UNKNOWN} where there is no /proc. */
    private static long[] limit(String row) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
            return lines.filter(l -> l.startsWith(row)).findFirst().map(l -> {
                String[] f = l.substring(row.length()).trim().split("\\s+");
                return new long[] {parse(f[0]), parse(f[1])};
            }).orElse(new long[] {UNKNOWN, UNKNOWN});
        } catch (IOException | RuntimeException e) {
            return new long[] {UNKNOWN, UNKNOWN};
        }
    }

    private static long parse(String s) {
        return s.equals("unlimited") ? UNLIMITED : Long.parseLong(s);
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
