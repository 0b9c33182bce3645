package io.fxhome.web.session;

import java.util.UUID;

/**
 * The signed-in account of a request, and how: by the browser's session (for sign-out and the CSRF token), or by a
 * personal API token ({@code cookie} null), which only ever reads.
 */
public record SignedIn(UUID accountId, SessionCookie cookie) {
    /** A read-only API request authenticated by a personal API token. */
    public static SignedIn byToken(UUID accountId) {
        return new SignedIn(accountId, null);
    }

    public boolean bySession() {
        return cookie != null;
    }

    @Override
    public String toString() {
        return "SignedIn[" + accountId + (bySession() ? ", session=<redacted>]" : ", by API token]");
    }

    /** The session's CSRF token; none for a token-authenticated request, which cannot change anything. */
    public String csrfToken() {
        return bySession() ? cookie.csrfToken() : null;
    }
}
