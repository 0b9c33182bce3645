package io.fxhome.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who is asking: the session behind the request's cookie, checked once per request. Every data query takes its
 * account id from here and nowhere else, so no id in a URL can reach another account's rows.
 */
@RequestScoped
public class CurrentUser {
    /** The header the JSON API expects the CSRF token in; HTML forms send it as the field {@value #CSRF_FIELD}. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";

    private final CurrentVertxRequest vertx;
    private final Sessions sessions;
    private final WebConfig config;
    private Optional<SignedIn> resolved;

    public CurrentUser(CurrentVertxRequest vertx, Sessions sessions, WebConfig config) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.config = config;
    }

    public Optional<SignedIn> optional() {
        if (resolved == null) {
            resolved = cookie().flatMap(c -> sessions.resolve(c).map(account -> new SignedIn(account, c)));
        }
        return resolved;
    }

    public SignedIn require() {
        return optional().orElseThrow(Problem::notSignedIn);
    }

    /** For a state-changing call: signed in, and the CSRF token (header or form field) matches the session's. */
    public SignedIn requireForChange(String csrfToken) {
        SignedIn user = require();
        if (!tokenMatches(user.csrfToken(), csrfToken)) {
            throw Problem.csrf();
        }
        return user;
    }

    /** The session cookie as sent, whether or not it is still live. */
    public Optional<SessionCookie> cookie() {
        Cookie c = request().getCookie(config.session().cookieName());
        return c == null ? Optional.empty() : SessionCookie.parse(c.getValue());
    }

    /** The client's address (the proxy's view when quarkus.http.proxy.proxy-address-forwarding is on). */
    public String clientAddress() {
        return request().remoteAddress() == null ? "unknown" : request().remoteAddress().hostAddress();
    }

    public String userAgent() {
        String ua = request().getHeader("User-Agent");
        return ua == null ? "" : ua;
    }

    public boolean https() {
        return "https".equalsIgnoreCase(request().scheme());
    }

    public HttpServerRequest request() {
        return vertx.getCurrent().request();
    }

    public static boolean tokenMatches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
