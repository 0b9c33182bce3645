package io.fxhome.web.session;

import java.util.UUID;

/** The signed-in account of a request, and its session (for sign-out and the CSRF token). */
public record SignedIn(UUID accountId, SessionCookie cookie) {
    @Override
    public String toString() {
        return "SignedIn[" + accountId + ", session=<redacted>]";
    }

    public String csrfToken() {
        return cookie.csrfToken();
    }
}
