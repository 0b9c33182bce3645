package io.fxhome.sync.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 for exercising the client's HTTP layer: routes by method and path prefix to
 * lambdas, records every request (method, raw URI, headers, body).
 */
public final class TestHttpServer implements AutoCloseable {

    /** What the server saw. */
    public record Request(String method, URI uri, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String path() {
            return uri.getRawPath();
        }

        public String rawQuery() {
            return uri.getRawQuery();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Decoded query parameters (first value each). */
        public Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            String q = uri.getRawQuery();
            if (q == null) {
                return out;
            }
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
            return out;
        }
    }

    /** What to answer. */
    public static final class Response {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final byte[] body;

        private Response(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }

        public static Response json(int status, String json) {
            return new Response(status, json.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "application/json");
        }

        public static Response text(int status, String text, String contentType) {
            return new Response(status, text.getBytes(StandardCharsets.UTF_8)).header("Content-Type", contentType);
        }

        public static Response bytes(int status, byte[] body, String contentType) {
            return new Response(status, body).header("Content-Type", contentType);
        }

        public static Response empty(int status) {
            return new Response(status, new byte[0]);
        }

        public byte[] bodyBytes() {
            return body.clone();
        }

        public int status() {
            return status;
        }

        public Response header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Response>> routes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public TestHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Routes {@code "GET /path"} (exact path) or {@code "GET /prefix*"} to a handler; later routes win on ties. */
    public TestHttpServer on(String methodAndPath, Function<Request, Response> handler) {
        routes.put(methodAndPath, handler);
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String method, String path) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests()) {
            if (r.method().equals(method) && r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            Request req = new Request(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders(), body);
            requests.add(req);
            Function<Request, Response> handler = find(req);
            Response resp = handler == null ? Response.text(404, "no route", "text/plain") : handler.apply(req);
            resp.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            boolean noBody = resp.body.length == 0 || resp.status == 304 || "HEAD".equals(req.method());
            ex.sendResponseHeaders(resp.status, noBody ? -1 : resp.body.length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(resp.body);
                }
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            throw e;
        } finally {
            ex.close();
        }
    }

    private Function<Request, Response> find(Request req) {
        String key = req.method() + " " + req.path();
        synchronized (routes) {
            Function<Request, Response> exact = routes.get(key);
            if (exact != null) {
                return exact;
            }
            Function<Request, Response> best = null;
            int bestLen = -1;
            for (Map.Entry<String, Function<Request, Response>> e : routes.entrySet()) {
                String k = e.getKey();
                if (k.endsWith("*") && key.startsWith(k.substring(0, k.length() - 1)) && k.length() > bestLen) {
                    best = e.getValue();
                    bestLen = k.length();
                }
            }
            return best;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
