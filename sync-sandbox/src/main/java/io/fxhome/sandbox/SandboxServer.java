package io.fxhome.sandbox;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The sandbox on its own Vert.x HTTP server on 127.0.0.1 and a free port (or a given one), for other modules' tests:
 * {@code try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults())) { s.baseUrl(); s.sandbox(); }}.
 * Needs no CDI.
 */
public final class SandboxServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final Sandbox sandbox;
    private final String baseUrl;

    private SandboxServer(Vertx vertx, HttpServer server, Sandbox sandbox) {
        this.vertx = vertx;
        this.server = server;
        this.sandbox = sandbox;
        this.baseUrl = "http://127.0.0.1:" + server.actualPort();
    }

    public static SandboxServer start(SandboxOptions options) {
        return start(options, 0);
    }

    /** As {@link #start(SandboxOptions)}, on {@code port} (0: a free one), for a run that must stay in a port range. */
    public static SandboxServer start(SandboxOptions options, int port) {
        Sandbox sandbox = new Sandbox(options);
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(32));
        try {
            Router router = Router.router(vertx);
            SandboxEndpoints.mount(router, sandbox);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                    .setCompressionSupported(false)).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new SandboxServer(vertx, server, sandbox);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("sandbox server did not start", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the FxA auth URL, the tokenserver URL and the storage host at once. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.actualPort();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
