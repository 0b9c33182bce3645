package io.fxhome.web.session;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.NewCookie;

/** Signs the browser in after a successful sign-in: the old session (if any) ends and a new one starts (rotation). */
@RequestScoped
public class SessionStarter {
    private final CurrentUser current;
    private final Sessions sessions;
    private final SessionCookies cookies;
    /** What this request did to the browser's session, for the load balancer's shard cookie (see ShardHeaders). */
    private UUID started;
    private boolean ended;

    public SessionStarter(CurrentUser current, Sessions sessions, SessionCookies cookies) {
        this.current = current;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    /** The new session: its Set-Cookie and its CSRF token. */
    public record Started(NewCookie cookie, String csrfToken) {
        @Override
        public String toString() {
            return "Started[cookie=" + cookie.getName() + "=<redacted>, csrfToken=<redacted>]";
        }
    }

    public Started start(UUID accountId) {
        current.cookie().ifPresent(sessions::end);
        SessionCookie cookie = sessions.create(accountId, current.userAgent());
        started = accountId;
        return new Started(cookies.session(cookie, current.https()), cookie.csrfToken());
    }

    /** Ends the request's session (if any) and returns the cookie that clears it. */
    public NewCookie end() {
        current.cookie().ifPresent(sessions::end);
        ended = true;
        return cookies.clearSession(current.https());
    }

    /** The account this request signed the browser in to, if it did. */
    public Optional<UUID> startedFor() {
        return Optional.ofNullable(started);
    }

    /** Whether this request signed the browser out. */
    public boolean ended() {
        return ended;
    }
}
