package io.fxhome.sync.fxa;

import java.net.URI;

/**
 * Where Firefox Accounts lives and who we claim to be.
 *
 * @param authUrl the auth server, without {@code /v1} (default {@code https://api.accounts.firefox.com})
 * @param contentUrl the web front end hosting {@code /authorization} (default {@code https://accounts.firefox.com})
 * @param clientId the OAuth client id; the default {@code e7ce535d93522896} (Firefox Lockwise for Android) is the
 *     one existing third-party Sync clients borrow, see §2.8 of the protocol notes for the risk
 * @param userAgent the User-Agent of every request
 */
public record FxaConfig(URI authUrl, URI contentUrl, String clientId, String userAgent) {
    public static final URI DEFAULT_AUTH_URL = URI.create("https://api.accounts.firefox.com");
    public static final URI DEFAULT_CONTENT_URL = URI.create("https://accounts.firefox.com");
    public static final String DEFAULT_CLIENT_ID = "e7ce535d93522896";
    public static final String DEFAULT_USER_AGENT = "fxhome/0.1 (self-hosted Firefox Sync mirror)";

    public FxaConfig {
        authUrl = stripTrailing(authUrl, true);
        contentUrl = stripTrailing(contentUrl, false);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an OAuth client id is required");
        }
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = DEFAULT_USER_AGENT;
        }
    }

    /** Mozilla production with the default client id. */
    public static FxaConfig production() {
        return new FxaConfig(DEFAULT_AUTH_URL, DEFAULT_CONTENT_URL, DEFAULT_CLIENT_ID, DEFAULT_USER_AGENT);
    }

    public FxaConfig withAuthUrl(URI url) {
        return new FxaConfig(url, contentUrl, clientId, userAgent);
    }

    public FxaConfig withContentUrl(URI url) {
        return new FxaConfig(authUrl, url, clientId, userAgent);
    }

    public FxaConfig withClientId(String id) {
        return new FxaConfig(authUrl, contentUrl, id, userAgent);
    }

    public FxaConfig withUserAgent(String ua) {
        return new FxaConfig(authUrl, contentUrl, clientId, ua);
    }

    /** {@code <authUrl>/v1<path>}. */
    public URI authApi(String pathAndQuery) {
        return URI.create(authUrl + "/v1" + pathAndQuery);
    }

    private static URI stripTrailing(URI uri, boolean dropV1) {
        if (uri == null) {
            throw new IllegalArgumentException("a URL is required");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        // Accept the documented ".../v1" form of the auth server URL too.
        if (dropV1 && s.endsWith("/v1")) {
            s = s.substring(0, s.length() - 3);
        }
        return URI.create(s);
    }
}
