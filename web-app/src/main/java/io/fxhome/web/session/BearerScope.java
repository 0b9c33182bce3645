package io.fxhome.web.session;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a personal API token is accepted: {@code Authorization: Bearer} on a GET under {@code /api/v1/}, token and
 * feed management excepted (they need the browser's session). Everywhere else (any other method, the HTML4 pages, the
 * shell, the feeds) a bearer token is refused, so a token can read but never change anything, and no request that a
 * token authenticates needs or meets a CSRF check. Other {@code Authorization} schemes (e.g. Basic, from a proxy that
 * guards fxhome) are no concern of fxhome's and are ignored.
 */
public final class BearerScope {
    public static final String API = "/api/v1/";

    private BearerScope() {
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if that is the header's scheme. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    /** Whether a token may authenticate this request: the method and the normalized path (no dot segments). */
    public static boolean accepts(String method, String normalizedPath) {
        if (!"GET".equals(method) || normalizedPath == null) {
            return false;
        }
        String path = normalizedPath.replaceAll("/{2,}", "/");
        return path.startsWith(API) && !management(path);
    }

    private static boolean management(String path) {
        for (String prefix : new String[] { API + "tokens", API + "feeds" }) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
