package io.fxhome.sync.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 whose handlers write the answer themselves, as slowly, as partly or as lazily as a
 * test needs: headers then silence, a byte now and then, a body generated while it is sent. Each request has a thread
 * of its own; {@link #close} interrupts the ones still stalling.
 */
public final class StreamingServer implements AutoCloseable {

    /** Writes one answer; may block (a stall) until interrupted. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    public StreamingServer(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client went away (it timed out, or read what it wanted): nothing to answer.
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sends the headers of a JSON answer of {@code length} bytes (-1: chunked, 0 is not allowed) and its first bytes. */
    public static OutputStream startJson(HttpExchange exchange, long length, byte[] first) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, length < 0 ? 0 : length);
        OutputStream out = exchange.getResponseBody();
        out.write(first);
        out.flush();
        return out;
    }

    /** Holds the connection open, sending nothing, until the server closes. */
    public static void stall() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
