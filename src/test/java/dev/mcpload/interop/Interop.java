package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.McpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers shared by the interop tests; every wait is bounded. */
final class Interop {
    /** Longest a test waits for one client future. */
    static final long WAIT_SECONDS = 15;
    /** Upper bound on pages followed, so a server that loops its cursors fails instead of hanging. */
    static final int MAX_PAGES = 100;

    private static final HttpClient RAW = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Interop() {
    }

    /** The future's value, waiting at most {@link #WAIT_SECONDS}; a failure is rethrown as is (classified). */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw McpException.classify(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the client future did not complete within " + WAIT_SECONDS
                    + " s: the client broke its own 'every wait has a deadline' promise", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The classified failure of a future that must fail (waiting at most {@link #WAIT_SECONDS}). */
    static McpException failure(CompletableFuture<?> future) {
        try {
            Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return McpException.classify(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the client future did not complete within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static ObjectNode args(Object... keyValues) {
        ObjectNode node = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object value = keyValues[i + 1];
            if (value instanceof Integer n) {
                node.put(key, n);
            } else {
                node.put(key, String.valueOf(value));
            }
        }
        return node;
    }

    /**
     * Every item of a paginated list ({@code tools/list} → {@code tools}, …), following {@code nextCursor} until
     * it is absent. Also records the number of pages in {@code pages} (if non-null).
     */
    static List<JsonNode> listAll(McpSession session, String method, String itemsField, int[] pages) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            assertThat(page).as("pages of %s", method).isLessThan(MAX_PAGES);
            IncomingMessage response = await(session.request(McpRequests.list(method, cursor)));
            JsonNode result = response.result();
            assertThat(result.path(itemsField).isArray()).as("%s result has an array '%s': %s", method,
                    itemsField, response).isTrue();
            result.path(itemsField).forEach(items::add);
            JsonNode next = result.path("nextCursor");
            cursor = next.isString() && !next.asString().isEmpty() ? next.asString() : null;
            page++;
        } while (cursor != null);
        if (pages != null) {
            pages[0] = page;
        }
        return items;
    }

    static List<String> names(List<JsonNode> items, String field) {
        return items.stream().map(i -> i.path(field).asString(null)).toList();
    }

    /** The text of the first content item of a tool result. */
    static String firstText(IncomingMessage response) {
        return response.result().path("content").path(0).path("text").asString(null);
    }

    /** DELETE the session behind the client's back, as a server restart or an admin would. Returns the status. */
    static int deleteSession(String url, String sessionId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Mcp-Session-Id", sessionId)
                .DELETE()
                .build();
        try {
            return RAW.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A raw POST of {@code body} on a session, for checking what the server thinks of a session id. */
    static HttpResponse<String> rawPost(String url, String sessionId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        try {
            return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
