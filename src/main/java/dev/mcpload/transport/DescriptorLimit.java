package dev.mcpload.transport;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import java.lang.management.ManagementFactory;

/**
 * When the OS refuses a socket because the process is out of file descriptors (EMFILE), what failed is mcpload's
 * machine, not the server: the request fails as {@link ErrorClass#GENERATOR} (not {@code connection}, which is the
 * server's or the network's), and the message says so with the numbers — how many are open, the limit and how to
 * raise it — instead of Netty's "Unable to create Channel from class …". The capacity check before the run
 * catches the impossible VU counts; this catches what it cannot see (an embedded server's sockets, other files).
 */
public final class DescriptorLimit {
    private static final String EMFILE = "Too many open files";
    private static final String SOCKET = "a new socket";
    /** What a stdio server process needs: pipes to its stdin, stdout and stderr (and a few more to start it). */
    public static final String PIPES = "pipes for a new process";
    /** Looked up now: when descriptors run out, loading a class may itself need one. */
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private DescriptorLimit() {
    }

    /**
     * Loads this class and what it uses while descriptors are still there (a class file is opened to load it):
     * called once by whoever may need {@link #describe} when they run out.
     */
    public static void preload() {
        describe();
        refused("preload", PIPES, null);
    }

    /** Whether {@code t} (or a cause) is the OS refusing a descriptor. */
    public static boolean exhausted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(EMFILE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request that failed because the OS refused a descriptor, as the {@link ErrorClass#GENERATOR} failure it is:
     * {@code what} ("cannot connect to URL"), then {@link #describe()}.
     */
    public static McpException refused(String what, Throwable cause) {
        return refused(what, SOCKET, cause);
    }

    /** As {@link #refused(String, Throwable)} for what else needs descriptors ({@code resource}: "pipes"). */
    public static McpException refused(String what, String resource, Throwable cause) {
        return new McpException(ErrorClass.GENERATOR, what + ": " + describe(resource), cause);
    }

    /** The sentence for a refused socket: descriptors open, the limit, what to do. */
    public static String describe() {
        return describe(SOCKET);
    }

    /** The sentence for a refused {@code resource} ("a new socket", "pipes for a new process"). */
    public static String describe(String resource) {
        long open = -1;
        long max = -1;
        if (OS instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            max = u.getMaxFileDescriptorCount();
            try {
                open = u.getOpenFileDescriptorCount();
            } catch (Throwable noneLeft) {
                open = max; // counting them needs one more (it opens /proc/self/fd): every one is in use
            }
        }
        return "the OS refused " + resource + " (" + EMFILE + "): " + (open >= 0 ? open + " file descriptors open, "
                : "") + (max >= 0 ? "the limit (ulimit -n) is " + max : "at the open-file limit (ulimit -n)")
                + "; raise it (ulimit -n 65536) or run fewer VUs per process — this is the load generator's limit,"
                + " not the server's";
    }
}
