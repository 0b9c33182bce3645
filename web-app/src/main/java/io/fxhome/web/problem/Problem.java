package io.fxhome.web.problem;

import java.time.Duration;
import java.util.Map;

/**
 * An error answered as RFC 9457 problem details ({@code application/problem+json}). {@code code} is a stable,
 * machine-readable name (e.g. {@code incorrect-password}); {@code detail} is one sentence for the user. Neither ever
 * holds a secret.
 */
public class Problem extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final Duration retryAfter;
    private final Map<String, Object> extensions;

    public Problem(int status, String code, String title, String detail, Duration retryAfter, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfter = retryAfter;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public Problem(int status, String code, String title, String detail) {
        this(status, code, title, detail, null, null);
    }

    public static Problem notSignedIn() {
        return new Problem(401, "not-signed-in", "Not signed in", "Sign in with your Firefox Account first.");
    }

    public static Problem notFound(String what) {
        return new Problem(404, "not-found", "Not found", what + " was not found.");
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail);
    }

    public static Problem csrf() {
        return new Problem(403, "csrf", "Request refused",
                "This request did not come from fxhome's own pages (missing or wrong CSRF token). Reload the page and try again.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
