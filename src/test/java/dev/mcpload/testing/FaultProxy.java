package dev.mcpload.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for fault tests: it can add latency to every reply, stall
 * all replies until a moment (a server-side pause as clients see it), or cut every connection and refuse new
 * ones (a dead server). Threads per connection: fine for the handful of sessions tests use. Test code only.
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile long stallUntilNanos;
    private volatile boolean refusing;
    private volatile boolean closed;

    public FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every reply chunk waits this long before it is forwarded. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** Replies arriving from now until {@code millis} from now are held until then. */
    public void stall(long millis) {
        stallUntilNanos = System.nanoTime() + millis * 1_000_000;
    }

    /** Cuts every open connection and resets new ones until {@link #accept()}. */
    public void refuse() {
        refusing = true;
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    public void accept() {
        refusing = false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean reply) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (reply) {
                        hold();
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection over
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void hold() throws InterruptedException {
        long d = delayMillis;
        if (d > 0) {
            Thread.sleep(d);
        }
        long wait = stallUntilNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly2();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private void closeQuietly2() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
