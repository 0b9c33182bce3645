package io.fxhome.sync.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.fxhome.sync.error.NetworkException;

/**
 * The one place the Sync client touches {@link HttpClient}: sets the User-Agent, asks for gzip, applies the request
 * timeout, and turns I/O failures into {@link NetworkException} named after the route (never the query, which can
 * hold opaque offsets, nor headers, which hold credentials).
 */
public final class HttpTransport {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient client;
    private final String userAgent;
    private final Duration requestTimeout;

    public HttpTransport(HttpClient client, String userAgent, Duration requestTimeout) {
        this.client = client;
        this.userAgent = userAgent;
        this.requestTimeout = requestTimeout;
    }

    /** A transport over a new HTTP/1.1 client that does not follow redirects (a redirect is a protocol error here). */
    public static HttpTransport create(String userAgent) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new HttpTransport(client, userAgent, DEFAULT_REQUEST_TIMEOUT);
    }

    public String userAgent() {
        return userAgent;
    }

    /** A request builder with the common headers set. */
    public HttpRequest.Builder newRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "gzip");
    }

    /** Sends and returns once headers arrived; the caller must close the {@link HttpAnswer}. */
    public HttpAnswer send(HttpRequest request, String route) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new HttpAnswer(route, response);
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
