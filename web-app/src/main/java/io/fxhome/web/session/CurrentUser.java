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
 * Who is asking: the session behind the request's cookie, or on a read-only API request a personal API token (see
 * {@link BearerScope}), checked once per request. Every data query takes its account id from here and nowhere else,
 * so no id in a URL can reach another account's rows; a token's account is the one whose row holds its hash.
 */
@RequestScoped
public class CurrentUser {
    /** The header the JSON API expects the CSRF token in; HTML forms send it as the field {@value #CSRF_FIELD}. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";

    private final CurrentVertxRequest vertx;
    private final Sessions sessions;
    private final WebConfig config;
    private final BearerTokens tokens;
    private Optional<SignedIn> resolved;
    private Optional<SignedIn> session;

    public CurrentUser(CurrentVertxRequest vertx, Sessions sessions, WebConfig config, BearerTokens tokens) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.config = config;
        this.tokens = tokens;
    }

    /**
     * The request's account: by its bearer token when it sends one (only there the token is accepted; the cookie is then
     * not consulted), else by its session cookie.
     */
    public Optional<SignedIn> optional() {
        if (resolved == null) {
            Optional<String> bearer = bearer();
            if (bearer.isPresent()) {
                resolved = bearerAccepted() ? tokens.resolve(bearer.get()).map(SignedIn::byToken) : Optional.empty();
            } else {
                resolved = session();
            }
        }
        return resolved;
    }

    /** The browser's session behind the request's cookie, whatever else the request carries. */
    public Optional<SignedIn> session() {
        if (session == null) {
            session = cookie().flatMap(c -> sessions.resolve(c).map(account -> new SignedIn(account, c)));
        }
        return session;
    }

    public SignedIn require() {
        return optional().orElseThrow(Problem::notSignedIn);
    }

    /** Signed in by the browser's session, not by an API token: for managing tokens and feeds, and every change. */
    public SignedIn requireSession() {
        SignedIn user = require();
        if (!user.bySession()) {
            throw tokenRefused();
        }
        return user;
    }

    /** For a state-changing call: signed in by a session, and the CSRF token (header or form field) matches its own. */
    public SignedIn requireForChange(String csrfToken) {
        SignedIn user = requireSession();
        if (!tokenMatches(user.csrfToken(), csrfToken)) {
            throw Problem.csrf();
        }
        return user;
    }

    /** The {@code Authorization: Bearer} token the request carries, if any. */
    public Optional<String> bearer() {
        return BearerScope.bearer(request().getHeader("Authorization"));
    }

    /** Whether a bearer token may authenticate this request (a GET under /api/v1, management excepted). */
    public boolean bearerAccepted() {
        return BearerScope.accepts(request().method().name(), vertx.getCurrent().normalizedPath());
    }

    /** What a request carrying a token where tokens are not accepted is answered. */
    public static Problem tokenRefused() {
        return new Problem(403, "token-not-accepted", "API token not accepted here",
                "Personal API tokens only read: they are accepted on GET requests under /api/v1/ (except managing "
                        + "tokens and feeds), and nowhere else. Use fxhome's pages to change anything.");
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
