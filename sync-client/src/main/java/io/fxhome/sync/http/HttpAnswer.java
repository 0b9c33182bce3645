package io.fxhome.sync.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.fxhome.sync.error.NetworkException;

/**
 * A received HTTP response whose body has not been read yet. The body stream is transparently gunzipped.
 * Close it (try-with-resources) so the connection returns to the pool.
 */
public final class HttpAnswer implements AutoCloseable {
    /** Non-streamed bodies (JSON documents, error bodies) larger than this are refused. */
    public static final int MAX_BUFFERED_BODY = 32 * 1024 * 1024;

    private final String route;
    private final HttpResponse<InputStream> response;
    /** The raw body, guarded against stalls (see HttpTransport). */
    private final InputStream raw;
    private InputStream body;

    HttpAnswer(String route, HttpResponse<InputStream> response, InputStream raw) {
        this.route = route;
        this.response = response;
        this.raw = raw;
    }

    public String route() {
        return route;
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The (decompressed) body stream. */
    public InputStream body() throws IOException {
        if (body == null) {
            boolean gzip = header("Content-Encoding").map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
            if (gzip) {
                // An empty body (304, some error answers) may still be labelled gzip: no gzip header to read then.
                PushbackInputStream in = new PushbackInputStream(raw, 1);
                int first = in.read();
                if (first < 0) {
                    body = InputStream.nullInputStream();
                } else {
                    in.unread(first);
                    body = new GZIPInputStream(in, 64 * 1024);
                }
            } else {
                body = raw;
            }
        }
        return body;
    }

    /** Reads the whole body (bounded). @throws NetworkException when the connection fails mid-body */
    public byte[] bodyBytes() {
        try {
            InputStream in = body();
            byte[] bytes = in.readNBytes(MAX_BUFFERED_BODY + 1);
            if (bytes.length > MAX_BUFFERED_BODY) {
                throw new NetworkException(route, new IOException("response body exceeds " + MAX_BUFFERED_BODY
                        + " bytes"));
            }
            return bytes;
        } catch (IOException e) {
            throw new NetworkException(route, e);
        }
    }

    public String bodyText() {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /** True when the Content-Type is JSON (used to tell FxA errors from WAF pages). */
    public boolean isJson() {
        return header("Content-Type").map(v -> v.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            } else {
                raw.close();
            }
        } catch (IOException ignored) {
            // Closing only returns or drops the connection; nothing useful to report.
        }
    }
}
