package io.fxhome.web.session;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.NewCookie;

/** Signs the browser in after a successful sign-in: the old session (if any) ends and a new one starts (rotation). */
@RequestScoped
public class SessionStarter {
    private final CurrentUser current;
    private final Sessions sessions;
    private final SessionCookies cookies;

    public SessionStarter(CurrentUser current, Sessions sessions, SessionCookies cookies) {
        this.current = current;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    /** The new session: its Set-Cookie and its CSRF token. */
    public record Started(NewCookie cookie, String csrfToken) {
    }

    public Started start(UUID accountId) {
        current.cookie().ifPresent(sessions::end);
        SessionCookie cookie = sessions.create(accountId, current.userAgent());
        return new Started(cookies.session(cookie, current.https()), cookie.csrfToken());
    }

    /** Ends the request's session (if any) and returns the cookie that clears it. */
    public NewCookie end() {
        current.cookie().ifPresent(sessions::end);
        return cookies.clearSession(current.https());
    }
}
