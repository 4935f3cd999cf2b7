package dev.mcpload.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpload.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A tiny Streamable HTTP server on 127.0.0.1 whose answers a test scripts, for failures and framings no real
 * server produces on demand. By default it answers {@code initialize} with JSON and session id
 * {@link #SESSION}, ping with an empty result, other requests with -32601, notifications and client answers
 * with 202, DELETE with 200 and GET with 405; a test
 * replaces the answer to a method ({@link #on}) or to GET ({@link #onGet}). Every request is recorded.
 */
final class ScriptedServer implements AutoCloseable {
    static final String SESSION = "scripted-session-1";

    /** One request as the server saw it. */
    record Request(String httpMethod, String path, Map<String, List<String>> headers, String body, JsonNode json,
                   long nanoTime) {
        /** Every value the request carried for this header, over all its lines. */
        List<String> headerValues(String name) {
            List<String> all = new java.util.ArrayList<>();
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    all.addAll(e.getValue());
                }
            }
            return all;
        }

        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }

        String method() {
            return json == null ? null : json.path("method").asString(null);
        }

        /** The JSON-RPC id as it appeared (a number, for mcpload). */
        long id() {
            return json.path("id").asLong();
        }
    }

    /** Answers one request. */
    interface Handler {
        void handle(Request request, HttpExchange exchange) throws Exception;
    }

    private final HttpServer http;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private volatile Handler getHandler = (request, exchange) -> empty(exchange, 405);
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    final List<Request> all = new CopyOnWriteArrayList<>();
    /** Released on close, so handlers that never answer end with the server. */
    final CountDownLatch closing = new CountDownLatch(1);

    ScriptedServer() {
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(executor);
        http.createContext("/", this::dispatch);
        on("initialize", (request, exchange) -> {
            exchange.getResponseHeaders().set("Mcp-Session-Id", SESSION);
            json(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + request.id() + ",\"result\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"scripted\","
                    + "\"version\":\"1\"}}}");
        });
        on("ping", (request, exchange) -> json(exchange, 200, response(request.id(), "{}")));
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/mcp";
    }

    int port() {
        return http.getAddress().getPort();
    }

    /** Replaces the answer to JSON-RPC requests of {@code method}. */
    ScriptedServer on(String method, Handler handler) {
        handlers.put(method, handler);
        return this;
    }

    ScriptedServer onGet(Handler handler) {
        getHandler = handler;
        return this;
    }

    /** The next request matching {@code method} ("GET" for GETs), waiting at most 10 s. */
    Request next(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long left = deadline - System.nanoTime();
            Request r = requests.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no " + method + " request within 10 s; saw " + all);
            }
            if (method.equals(r.httpMethod()) || method.equals(r.method())) {
                return r;
            }
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = null;
            if (!body.isBlank()) {
                try {
                    json = Json.parse(body);
                } catch (RuntimeException e) {
                    json = null;
                }
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, json, System.nanoTime());
            all.add(request);
            requests.add(request);
            switch (request.httpMethod()) {
                case "GET" -> getHandler.handle(request, exchange);
                case "DELETE" -> empty(exchange, 200);
                case "POST" -> {
                    Handler handler = request.method() == null ? null : handlers.get(request.method());
                    if (handler != null) {
                        handler.handle(request, exchange);
                    } else if (request.method() != null && request.json().has("id")) {
                        json(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + request.id()
                                + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
                    } else {
                        empty(exchange, 202); // notifications and answers to server requests
                    }
                }
                default -> empty(exchange, 405);
            }
        } catch (IOException e) {
            // the client went away (abandoned request): nothing to tell it
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    // ---- answers ------------------------------------------------------------------------------------------------

    static void empty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Starts an SSE body (chunked); write events with {@link Sse#write} and end it with {@link Sse#close}. */
    static Sse sse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new Sse(exchange.getResponseBody());
    }

    /** An SSE body being written: each write is flushed at once, so it reaches the client as its own chunk. */
    static final class Sse implements AutoCloseable {
        private final OutputStream out;

        Sse(OutputStream out) {
            this.out = out;
        }

        Sse write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        }

        /** Writes, then pauses briefly so the next write arrives in another TCP segment. */
        Sse writeApart(String text) throws IOException, InterruptedException {
            write(text);
            Thread.sleep(20);
            return this;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static String response(long id, String resultJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + resultJson + "}";
    }

    static String textResult(long id, String text) {
        return response(id, "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}");
    }

    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
        executor.shutdownNow();
    }
}
