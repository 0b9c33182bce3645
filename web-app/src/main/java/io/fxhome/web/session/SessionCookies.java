package io.fxhome.web.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import io.fxhome.web.config.WebConfig;

/** Builds the Set-Cookie headers: HttpOnly, SameSite=Lax, path /, Secure behind HTTPS (see secure-cookie). */
@ApplicationScoped
public class SessionCookies {
    private final WebConfig.Session config;

    public SessionCookies(WebConfig config) {
        this.config = config.session();
    }

    public NewCookie session(SessionCookie value, boolean https) {
        return cookie(config.cookieName(), value.value(), (int) config.maxAge().toSeconds(), https);
    }

    public NewCookie clearSession(boolean https) {
        return cookie(config.cookieName(), "", 0, https);
    }

    /**
     * The load balancer's routing hint: the name of the shard holding the signed-in account (no secret), as long-lived
     * as the session.
     */
    public NewCookie shard(String name, String shard, boolean https) {
        return cookie(name, shard, (int) config.maxAge().toSeconds(), https);
    }

    /** A short-lived cookie holding only a random handle (never a secret), e.g. of a pending sign-in. */
    public NewCookie handle(String name, String value, int maxAgeSeconds, boolean https) {
        return cookie(name, value, maxAgeSeconds, https);
    }

    private NewCookie cookie(String name, String value, int maxAge, boolean https) {
        boolean secure = switch (config.secureCookie()) {
            case "always" -> true;
            case "never" -> false;
            default -> https;
        };
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
