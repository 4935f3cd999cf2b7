package dev.mcpload.output;

import dev.mcpload.metrics.Interval;
import dev.mcpload.result.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code otlp[=URL]}: live metrics for Grafana and any OpenTelemetry collector, pushed at each closed interval as
 * OTLP/HTTP metrics in the JSON encoding ({@code POST /v1/metrics}, {@code application/json}), the metrics and
 * attributes of {@link OtlpMetrics}. OTLP/JSON over the JDK's {@link HttpClient}, written with the Jackson mcpload
 * already has, costs no new dependency; Prometheus remote-write would need protobuf and snappy on the class path
 * (and a collector converts OTLP to remote-write, or Prometheus and Mimir take OTLP themselves).
 *
 * <p>The URL: {@code otlp=http://HOST:4318} posts to {@code /v1/metrics} there; a URL with a path is used as it
 * is. Without one, as OpenTelemetry's SDKs do: {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} as it is, else
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} + {@code /v1/metrics}, else {@code http://localhost:4318/v1/metrics}.
 * Headers (a token, a tenant) from {@code OTEL_EXPORTER_OTLP_METRICS_HEADERS} or {@code OTEL_EXPORTER_OTLP_HEADERS}
 * ({@code key=value,key2=value2}, values percent-decoded); their values are never printed.
 *
 * <p>Never on the load's way: {@link #onInterval} (the engine's clock thread) only encodes the interval (a few KB)
 * and offers it to a bounded queue; one sender thread posts, 2 s to connect, 5 s for an answer. When the queue is
 * full the interval is dropped and counted; as every figure is cumulative the next push carries what the dropped
 * one had (the quantiles of that interval excepted). A collector that is down, slow or refusing neither stalls
 * nor fails the run: at the end mcpload waits at most 5 s for the last pushes, then says once, on stderr, how many
 * failed and the first reason.
 */
final class OtlpOutput implements Output {
    static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/metrics";
    static final int QUEUE = 32;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final long FINISH_WAIT_MS = 5_000;
    private static final byte[] END = new byte[0];

    private final URI endpoint;
    private final Map<String, String> headers;
    private final PrintStream out;
    private final PrintStream err;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile String firstFailure;
    private OtlpMetrics metrics;
    private HttpClient client;
    private Thread sender;
    private long intervals;

    OtlpOutput(String target, OutputContext context) {
        this(target, context, System.getenv(), System.err);
    }

    OtlpOutput(String target, OutputContext context, Map<String, String> env, PrintStream err) {
        this.out = context.out();
        this.err = err;
        this.endpoint = endpoint(target, env);
        this.headers = headers(env);
    }

    /** Where the metrics go, checked: a usage error names what to type. */
    static URI endpoint(String target, Map<String, String> env) {
        if (target != null) {
            URI u = parse(target, "--out otlp=" + target);
            String path = u.getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? u.resolve("/v1/metrics") : u;
        }
        String metricsEndpoint = env.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (metricsEndpoint != null && !metricsEndpoint.isBlank()) {
            return parse(metricsEndpoint.trim(), "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT=" + metricsEndpoint);
        }
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base != null && !base.isBlank()) {
            String b = base.trim();
            return parse(b.endsWith("/") ? b + "v1/metrics" : b + "/v1/metrics", "OTEL_EXPORTER_OTLP_ENDPOINT=" + base);
        }
        return URI.create(DEFAULT_ENDPOINT);
    }

    private static URI parse(String url, String what) {
        String fix = ": give the collector's OTLP/HTTP address, e.g. --out otlp=http://127.0.0.1:4318";
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL (" + e.getReason() + ")" + fix);
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--out otlp: put credentials in OTEL_EXPORTER_OTLP_HEADERS, not in"
                    + " the URL (a URL is printed; headers never are)");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + " is not an http:// or https:// URL" + fix);
        }
        if (u.getHost() == null || u.getPort() == 0 || u.getPort() > 65535) {
            throw new IllegalArgumentException(what + " has no host or a port out of range" + fix);
        }
        return u;
    }

    /** The headers OpenTelemetry's variables ask for; a malformed entry is named by position, never by value. */
    static Map<String, String> headers(Map<String, String> env) {
        String var = env.get("OTEL_EXPORTER_OTLP_METRICS_HEADERS") != null ? "OTEL_EXPORTER_OTLP_METRICS_HEADERS"
                : "OTEL_EXPORTER_OTLP_HEADERS";
        String value = env.get(var);
        Map<String, String> h = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return h;
        }
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int eq = entry.indexOf('=');
            String name = eq <= 0 ? "" : entry.substring(0, eq).trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException(var + ": entry " + (i + 1) + " is not NAME=VALUE with a header"
                        + " name (the form is key1=value1,key2=value2, values percent-encoded)");
            }
            try {
                h.put(name, URLDecoder.decode(entry.substring(eq + 1).trim(), StandardCharsets.UTF_8));
                HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header(name, h.get(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(var + ": header '" + name + "' cannot be set (the HTTP client"
                        + " sets it itself, or its value is not a valid header value)");
            }
        }
        return h;
    }

    /** The endpoint as printed: scheme, host, port and path (no query). */
    String endpointLabel() {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + endpoint.getRawPath();
    }

    @Override
    public void start(RunStart run) {
        metrics = new OtlpMetrics(run.target());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
        sender = new Thread(this::sendAll, "mcpload-otlp");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void onInterval(Interval interval) {
        intervals++;
        byte[] body = metrics.encode(interval);
        if (!queue.offer(body)) {
            dropped.incrementAndGet();
        }
    }

    private void sendAll() {
        try {
            while (true) {
                byte[] body = queue.take();
                if (body == END) {
                    return;
                }
                post(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(byte[] body) throws InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        try {
            HttpResponse<String> response = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                pushed.incrementAndGet();
            } else {
                fail("HTTP " + response.statusCode() + answer(response.body()));
            }
        } catch (HttpTimeoutException e) {
            fail("no answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            // the JDK's client throws a ConnectException without a message for a refused connection
            fail(e instanceof java.net.ConnectException
                    || (e.getMessage() != null && e.getMessage().contains("Connection refused"))
                    ? "connection refused (is the collector running?)"
                    : e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }

    private static String answer(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return b.isEmpty() ? "" : ": " + (b.length() > 160 ? b.substring(0, 160) + "..." : b);
    }

    private void fail(String why) {
        failed.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = why;
        }
    }

    @Override
    public void finish(RunResult result) {
        if (sender == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINISH_WAIT_MS);
        try {
            while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long unsent = 0;
        if (sender.isAlive()) {
            sender.interrupt();
            for (byte[] b : queue) {
                unsent += b == END ? 0 : 1;
            }
            queue.clear();
        }
        long lost = failed.get() + dropped.get() + unsent;
        if (lost == 0) {
            out.println("  OTLP metrics: " + pushed.get() + " of " + intervals + " intervals pushed to "
                    + endpointLabel());
            out.println();
        } else {
            StringBuilder w = new StringBuilder("mcpload: warning: --out otlp: ").append(pushed.get()).append(" of ")
                    .append(intervals).append(" intervals reached ").append(endpointLabel());
            if (failed.get() > 0) {
                w.append("; ").append(failed.get()).append(" failed (first: ").append(firstFailure).append(')');
            }
            if (dropped.get() + unsent > 0) {
                w.append("; ").append(dropped.get() + unsent).append(" not sent, the collector being slower than"
                        + " the run");
            }
            err.println(w.append(" (the run and its other outputs are complete)"));
        }
    }

    @Override
    public void close() {
        if (sender != null && sender.isAlive()) {
            sender.interrupt();
        }
    }
}
