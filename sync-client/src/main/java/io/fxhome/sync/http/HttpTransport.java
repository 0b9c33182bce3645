package io.fxhome.sync.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.fxhome.sync.error.NetworkException;

/**
 * The one place the Sync client touches {@link HttpClient}: sets the User-Agent, asks for gzip, applies the
 * {@link HttpTimeouts} (headers, silence in a body, the whole exchange), and turns I/O failures into
 * {@link NetworkException} named after the route (never the query, which can hold opaque offsets, nor headers, which
 * hold credentials). {@link #withDeadline} gives a view that also ends every call by a fixed time: one sync's budget.
 */
public final class HttpTransport {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = HttpTimeouts.DEFAULTS.connect();
    public static final Duration DEFAULT_REQUEST_TIMEOUT = HttpTimeouts.DEFAULTS.response();

    private final HttpClient client;
    private final String userAgent;
    private final HttpTimeouts timeouts;
    /** {@link System#nanoTime()} by which every call must be over, or null. */
    private final Long deadlineNanos;
    private final Duration deadlineBudget;

    public HttpTransport(HttpClient client, String userAgent, HttpTimeouts timeouts) {
        this(client, userAgent, timeouts, null, null);
    }

    private HttpTransport(HttpClient client, String userAgent, HttpTimeouts timeouts, Long deadlineNanos,
            Duration deadlineBudget) {
        this.client = client;
        this.userAgent = userAgent;
        this.timeouts = timeouts;
        this.deadlineNanos = deadlineNanos;
        this.deadlineBudget = deadlineBudget;
    }

    /** A transport over a new HTTP/1.1 client that does not follow redirects (a redirect is a protocol error here). */
    public static HttpTransport create(String userAgent) {
        return create(userAgent, HttpTimeouts.DEFAULTS);
    }

    /** As {@link #create(String)}, with these timeouts. */
    public static HttpTransport create(String userAgent, HttpTimeouts timeouts) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // The client's own work (parsing headers, handing body buffers on) runs on its selector thread instead
                // of being passed to a thread pool and from there to the waiting caller: every call here is blocking
                // (send), and nothing the client runs on that thread blocks. One hand-off less per exchange was a
                // measurable share of a worker's CPU in a fleet whose syncs are one small request each
                // (docs/benchmarks.md, "A fleet under load").
                .executor(Runnable::run)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HttpTransport(client, userAgent, timeouts);
    }

    /**
     * The same client (and connection pool), with every call also ending {@code budget} from now at the latest: a call
     * that would start later fails at once, one under way fails when the time comes.
     */
    public HttpTransport withDeadline(Duration budget) {
        return new HttpTransport(client, userAgent, timeouts, System.nanoTime() + budget.toNanos(), budget);
    }

    public String userAgent() {
        return userAgent;
    }

    public HttpTimeouts timeouts() {
        return timeouts;
    }

    /** A request builder with the common headers set. */
    public HttpRequest.Builder newRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeouts.response())
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "gzip");
    }

    /**
     * Sends and returns once headers arrived; the caller must close the {@link HttpAnswer}. Its body fails with an
     * {@link HttpTimeoutException} when it falls silent for the read timeout or outlasts the exchange's.
     */
    public HttpAnswer send(HttpRequest request, String route) {
        long start = System.nanoTime();
        long end = start + timeouts.exchange().toNanos();
        if (deadlineNanos != null && deadlineNanos - end < 0) {
            end = deadlineNanos;
            long left = deadlineNanos - start;
            if (left <= 0) {
                throw new NetworkException(route, new HttpTimeoutException("the sync's deadline of "
                        + deadlineBudget.toSeconds() + " s passed"));
            }
            Duration headers = request.timeout().orElse(timeouts.response());
            if (headers.toNanos() > left) {
                request = HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofNanos(left)).build();
            }
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new HttpAnswer(route, response,
                    BodyWatchdog.guard(response.body(), timeouts.read().toNanos(), end));
        } catch (IOException e) {
            throw new NetworkException(route, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(route, e);
        }
    }

    /** {@code "GET /storage/history"}: method and path, no query, no host. */
    public static String route(String method, String path) {
        return method + " " + path;
    }
}
