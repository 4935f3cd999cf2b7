package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A deliberately plain MCP client for the server tests, on {@code java.net.http}, with bounded waits. */
final class TestHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String BOTH = "application/json, text/event-stream";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final String url;

    TestHttp(String url) {
        this.url = url;
    }

    HttpResponse<String> post(String sessionId, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length == 0) {
            request.header("Accept", BOTH);
        } else {
            request.headers(headers);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    }

    static String initializeBody(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    }

    /** Initializes (and confirms with notifications/initialized); returns the session id. */
    String initialize(String version) {
        HttpResponse<String> response = post(null, initializeBody(version));
        assertThat(response.statusCode()).isEqualTo(200);
        String sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post(sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                .isEqualTo(202);
        return sessionId;
    }

    /** A request in JSON mode; returns the parsed JSON-RPC response. */
    JsonNode call(String sessionId, int id, String method, String params) {
        HttpResponse<String> response = post(sessionId, request(id, method, params));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return parse(response.body());
    }

    JsonNode callTool(String sessionId, String name, String arguments) {
        return call(sessionId, 7, "tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}");
    }

    /** A request; {@code id} is inserted as raw JSON (a number, or a quoted string). */
    static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    /** One parsed SSE event. */
    record Event(String id, String event, String data) {
    }

    /** Parses a complete {@code text/event-stream} body (the per-request streams of SSE mode end). */
    static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line : (body + "\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (id != null || event != null || data != null) {
                    events.add(new Event(id, event, data == null ? null : data.toString()));
                }
                id = null;
                event = null;
                data = null;
            } else if (line.startsWith("id:")) {
                id = value(line);
            } else if (line.startsWith("event:")) {
                event = value(line);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
            }
        }
        return events;
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
