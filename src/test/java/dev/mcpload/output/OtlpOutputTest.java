package dev.mcpload.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mcpload.metrics.Events;
import dev.mcpload.metrics.Interval;
import dev.mcpload.report.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The OTLP output's endpoint and headers as OpenTelemetry's variables give them; header values never printed. */
@Timeout(30)
class OtlpOutputTest {
    private static final Interval EMPTY = new Interval(0, 0, 2000, 0, 1, 1, 0, Events.NONE, Map.of());

    @Test
    void headersFromTheEnvironmentAreSentAndNeverPrinted() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        List<String> auth = new CopyOnWriteArrayList<>();
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                auth.add(ex.getRequestHeaders().getFirst("Authorization") + "|"
                        + ex.getRequestHeaders().getFirst("X-Scope-OrgID"));
                // refuse, so the warning (with the endpoint, the status and the answer) is printed too
                ex.sendResponseHeaders(401, -1);
            }
        });
        server.start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            OutputContext context = new OutputContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new Style(false), null, null);
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            OtlpOutput o = new OtlpOutput(url, context, Map.of("OTEL_EXPORTER_OTLP_HEADERS",
                    "Authorization=Bearer%20s3cr3t-token, X-Scope-OrgID=tenant-7"),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            o.start(new RunStart(null, null, "http://127.0.0.1:1/mcp"));
            o.onInterval(EMPTY);
            o.finish(null);
            o.close();
            assertThat(auth).containsExactly("Bearer s3cr3t-token|tenant-7");
            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("HTTP 401").contains(url + "/v1/metrics").doesNotContain("s3cr3t")
                    .doesNotContain("tenant-7");
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMalformedHeaderEntryIsNamedByPositionNotByValue() {
        assertThatThrownBy(() -> OtlpOutput.headers(Map.of("OTEL_EXPORTER_OTLP_METRICS_HEADERS",
                "api-key=ok,s3cr3t-without-name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 2")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void theEndpointFollowsOpenTelemetrysVariables() {
        assertThat(OtlpOutput.endpoint("http://h:4318", Map.of())).isEqualTo(URI.create("http://h:4318/v1/metrics"));
        assertThat(OtlpOutput.endpoint("http://h:4318/custom", Map.of())).isEqualTo(URI.create("http://h:4318/custom"));
        assertThat(OtlpOutput.endpoint(null, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/")))
                .isEqualTo(URI.create("http://c:4318/v1/metrics"));
        assertThat(OtlpOutput.endpoint(null, Map.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://m:1/x",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"))).isEqualTo(URI.create("http://m:1/x"));
        assertThat(OtlpOutput.endpoint(null, Map.of())).isEqualTo(URI.create(OtlpOutput.DEFAULT_ENDPOINT));
    }
}
