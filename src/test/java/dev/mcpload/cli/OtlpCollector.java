package dev.mcpload.cli;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real OTLP/HTTP receiver for tests, on 127.0.0.1 and a free port: the JDK's HTTP server at {@code /v1/metrics},
 * each body decoded by protobuf's own JSON parser into OpenTelemetry's {@code ExportMetricsServiceRequest}
 * (what a collector does with {@code application/json}); it answers {@code status}.
 */
final class OtlpCollector implements AutoCloseable {
    /** One request as received. */
    record Received(String method, String path, String contentType, Map<String, List<String>> headers,
                    ExportMetricsServiceRequest request) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    OtlpCollector(int status) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                try {
                    ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
                    JsonFormat.parser().merge(new String(body, StandardCharsets.UTF_8), b);
                    Map<String, List<String>> headers = new ConcurrentHashMap<>();
                    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
                    synchronized (this) {
                        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                                exchange.getRequestHeaders().getFirst("Content-Type"), headers, b.build()));
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        problems.add(e.toString());
                    }
                }
                byte[] answer = status / 100 == 2 ? "{}".getBytes(StandardCharsets.UTF_8)
                        : "{\"code\":14,\"message\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Bodies that did not decode as OTLP/JSON. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
