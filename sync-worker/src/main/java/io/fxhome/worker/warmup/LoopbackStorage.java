package io.fxhome.worker.warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.fxhome.sync.token.SyncToken;

/**
 * A storage server for the warm-up, on the loopback interface of this process: it answers the collection downloads of
 * the Sync storage API (paged by {@code limit} and {@code offset}) with {@link SyntheticPages}, so that the warm-up's
 * pages come through the worker's real HTTP client, Hawk signing and streamed body reads, as a sync's do. Every other
 * page is sent gzip-compressed (the client asks for it; Mozilla's servers may send either), so both body streams are
 * known to the JIT before the first sync. It serves {@code records} records per collection and stops offering a next
 * page once {@code more} says no. Never reachable from outside the process: it listens on 127.0.0.1 only, on a port the
 * system picks, for as long as the warm-up runs.
 */
final class LoopbackStorage implements AutoCloseable {
    private final HttpServer server;
    private final SyntheticPages pages;
    private final Map<String, Integer> records;
    private final BooleanSupplier more;
    /** Page bodies already made, by collection, first record and size: encrypting them is not what is warmed up. */
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    /** @param records how many records each collection holds (history, bookmarks, tabs) */
    LoopbackStorage(SyntheticPages pages, Map<String, Integer> records, BooleanSupplier more) {
        this.pages = pages;
        this.records = records;
        this.more = more;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/1.5/1/storage/", this::handle);
        server.start();
    }

    /** A token for this server, under a made-up Hawk key (the server does not check it: no secret is involved). */
    SyncToken token(String hawkKey) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/1.5/1");
        return new SyncToken("warm-up", hawkKey, 1, endpoint, 3600, Instant.now().plus(Duration.ofHours(1)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String collection = path.substring(path.lastIndexOf('/') + 1);
            Integer total = records.get(collection);
            if (total == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int limit = Integer.parseInt(param(exchange, "limit", "1000"));
            int first = Integer.parseInt(param(exchange, "offset", "0"));
            int count = Math.max(0, Math.min(limit, total - first));
            int pageNumber = first / Math.max(1, limit);
            boolean gzip = pageNumber % 2 == 1;
            byte[] body = bodies.computeIfAbsent(collection + "/" + (first % (2 * limit)) + "/" + count + "/" + gzip,
                    key -> body(collection, first % (2 * limit), count, gzip));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Last-Modified", "1700000000.00");
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            if (first + count < total && more.getAsBoolean()) {
                exchange.getResponseHeaders().set("X-Weave-Next-Offset", Integer.toString(first + count));
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private byte[] body(String collection, int first, int count, boolean gzip) {
        byte[] json = switch (collection) {
            case "history" -> pages.history(first, count);
            case "bookmarks" -> pages.bookmarks(first, count);
            default -> pages.tabs(first, count);
        };
        if (!gzip) {
            return json;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(json.length / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreachable: compressing in memory", e);
        }
        return compressed.toByteArray();
    }

    private static String param(HttpExchange exchange, String name, String otherwise) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return otherwise;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
