package io.fxhome.sync.fxa;

import java.net.URI;
import java.util.Locale;

/**
 * Where Firefox Accounts lives and who we claim to be.
 *
 * @param authUrl the auth server, without {@code /v1} (default {@code https://api.accounts.firefox.com})
 * @param contentUrl the web front end hosting {@code /authorization} (default {@code https://accounts.firefox.com})
 * @param clientId the OAuth client id of the password sign-in; the default {@code e7ce535d93522896} (Firefox Lockwise
 *        for Android) is the one existing third-party Sync clients borrow, see §2.8 of the protocol notes for the risk
 * @param userAgent the User-Agent of every request
 * @param browserClientId the OAuth client id of the browser sign-in (default {@code 1b1a3e44c54fbb58}, Firefox for
 *        iOS: a public client whose registered redirect page shows the code to the user)
 * @param browserRedirectUri the redirect URI of the browser sign-in; {@code null} means
 *        {@code <contentUrl>/oauth/success/<browserClientId>} (which, for the defaults, is the page registered for Firefox
 *        for iOS)
 * @param profileUrl the profile server, without {@code /v1} (default {@code https://profile.accounts.firefox.com})
 * @param tokenAuth how session and keyFetch tokens authenticate to the auth server
 */
public record FxaConfig(URI authUrl, URI contentUrl, String clientId, String userAgent, String browserClientId,
        String browserRedirectUri, URI profileUrl, TokenAuth tokenAuth) {
    public static final URI DEFAULT_AUTH_URL = URI.create("https://api.accounts.firefox.com");
    public static final URI DEFAULT_CONTENT_URL = URI.create("https://accounts.firefox.com");
    public static final URI DEFAULT_PROFILE_URL = URI.create("https://profile.accounts.firefox.com");
    public static final String DEFAULT_CLIENT_ID = "e7ce535d93522896";
    /** Firefox for iOS. */
    public static final String DEFAULT_BROWSER_CLIENT_ID = "1b1a3e44c54fbb58";
    public static final String DEFAULT_USER_AGENT = "fxhome/0.1 (self-hosted Firefox Sync mirror)";

    /**
     * How a session token or keyFetchToken is presented to the auth server (§2.3 of the protocol notes).
     */
    public enum TokenAuth {
        /**
         * {@code Authorization: Bearer fxs_<hex tokenId>} ({@code fxk_} for a keyFetchToken): what Mozilla's clients
         * send today (application-services fxa-client since 2026-06, fxa-auth-client {@code lib/bearer.ts}) and what
         * Mozilla's production auth server accepts ({@code lib/routes/auth-schemes/bearer-fxa-token.js}).
         */
        BEARER,
        /** Hawk with id = hex tokenId and key = reqHMACkey: for older or self-hosted auth servers without the Bearer form. */
        HAWK;

        /** {@code bearer} or {@code hawk}, any case. */
        public static TokenAuth parse(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "bearer":
                    return BEARER;
                case "hawk":
                    return HAWK;
                default:
                    throw new IllegalArgumentException("token auth is \"bearer\" or \"hawk\", not \"" + value + "\"");
            }
        }
    }

    public FxaConfig {
        authUrl = stripTrailing(authUrl, true);
        contentUrl = stripTrailing(contentUrl, false);
        profileUrl = stripTrailing(profileUrl == null ? DEFAULT_PROFILE_URL : profileUrl, true);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an OAuth client id is required");
        }
        if (browserClientId == null || browserClientId.isBlank()) {
            browserClientId = DEFAULT_BROWSER_CLIENT_ID;
        }
        if (browserRedirectUri != null && browserRedirectUri.isBlank()) {
            browserRedirectUri = null;
        }
        if (userAgent == null || userAgent.isBlank()) {
            userAgent = DEFAULT_USER_AGENT;
        }
        if (tokenAuth == null) {
            tokenAuth = TokenAuth.BEARER;
        }
    }

    /** The first four settings, the others at their defaults. */
    public FxaConfig(URI authUrl, URI contentUrl, String clientId, String userAgent) {
        this(authUrl, contentUrl, clientId, userAgent, DEFAULT_BROWSER_CLIENT_ID, null, DEFAULT_PROFILE_URL,
                TokenAuth.BEARER);
    }

    /** Mozilla production with the default client ids. */
    public static FxaConfig production() {
        return new FxaConfig(DEFAULT_AUTH_URL, DEFAULT_CONTENT_URL, DEFAULT_CLIENT_ID, DEFAULT_USER_AGENT);
    }

    public FxaConfig withAuthUrl(URI url) {
        return new FxaConfig(url, contentUrl, clientId, userAgent, browserClientId, browserRedirectUri, profileUrl,
                tokenAuth);
    }

    /** A new content URL; an unset browser redirect URI follows it. */
    public FxaConfig withContentUrl(URI url) {
        return new FxaConfig(authUrl, url, clientId, userAgent, browserClientId, browserRedirectUri, profileUrl,
                tokenAuth);
    }

    public FxaConfig withClientId(String id) {
        return new FxaConfig(authUrl, contentUrl, id, userAgent, browserClientId, browserRedirectUri, profileUrl,
                tokenAuth);
    }

    public FxaConfig withUserAgent(String ua) {
        return new FxaConfig(authUrl, contentUrl, clientId, ua, browserClientId, browserRedirectUri, profileUrl,
                tokenAuth);
    }

    public FxaConfig withBrowserClientId(String id) {
        return new FxaConfig(authUrl, contentUrl, clientId, userAgent, id, browserRedirectUri, profileUrl, tokenAuth);
    }

    /** @param uri the redirect URI, or null to derive it from the content URL and the browser client id */
    public FxaConfig withBrowserRedirectUri(String uri) {
        return new FxaConfig(authUrl, contentUrl, clientId, userAgent, browserClientId, uri, profileUrl, tokenAuth);
    }

    public FxaConfig withProfileUrl(URI url) {
        return new FxaConfig(authUrl, contentUrl, clientId, userAgent, browserClientId, browserRedirectUri, url,
                tokenAuth);
    }

    public FxaConfig withTokenAuth(TokenAuth auth) {
        return new FxaConfig(authUrl, contentUrl, clientId, userAgent, browserClientId, browserRedirectUri, profileUrl,
                auth);
    }

    /** The browser sign-in's redirect URI: the configured one, else {@code <contentUrl>/oauth/success/<browserClientId>}. */
    public String effectiveBrowserRedirectUri() {
        return browserRedirectUri != null ? browserRedirectUri
                : contentUrl + "/oauth/success/" + browserClientId;
    }

    /** {@code <authUrl>/v1<path>}. */
    public URI authApi(String pathAndQuery) {
        return URI.create(authUrl + "/v1" + pathAndQuery);
    }

    /** {@code <profileUrl>/v1<path>}. */
    public URI profileApi(String path) {
        return URI.create(profileUrl + "/v1" + path);
    }

    private static URI stripTrailing(URI uri, boolean dropV1) {
        if (uri == null) {
            throw new IllegalArgumentException("a URL is required");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        // Accept the documented ".../v1" form of the auth and profile server URLs too.
        if (dropV1 && s.endsWith("/v1")) {
            s = s.substring(0, s.length() - 3);
        }
        return URI.create(s);
    }
}
