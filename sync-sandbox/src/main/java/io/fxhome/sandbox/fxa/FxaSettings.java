package io.fxhome.sandbox.fxa;

import java.time.Clock;
import java.util.List;

/**
 * What the auth server, the OAuth server and the authorization page are configured with (taken from the sandbox's
 * options).
 *
 * @param clock the sandbox's clock
 * @param scryptN scrypt cost of the password stretch
 * @param accessTokenTtlSeconds OAuth access-token lifetime
 * @param unknownKeys what a route does with a request key its validator does not know
 * @param oauthClientIds client ids accepted besides Firefox for iOS
 * @param oauthRedirectUris redirect URIs accepted for those ids; empty means any http(s) URI on a loopback host
 * @param publicBaseUrl base URL of the content server's pages; null means the Host the client used
 * @param tokenExchangeClientIds clients whose refresh tokens the token-exchange grant may rotate
 * @param tokenExchangeScopes scopes that grant may add
 */
public record FxaSettings(Clock clock, int scryptN, long accessTokenTtlSeconds, UnknownKeys unknownKeys,
        List<String> oauthClientIds, List<String> oauthRedirectUris, String publicBaseUrl,
        List<String> tokenExchangeClientIds, List<String> tokenExchangeScopes) {

    /** Firefox for iOS, always registered (public, fixed success-page redirect). */
    public static final String FIREFOX_IOS_CLIENT_ID = "1b1a3e44c54fbb58";

    public FxaSettings {
        oauthClientIds = List.copyOf(oauthClientIds);
        oauthRedirectUris = List.copyOf(oauthRedirectUris);
        tokenExchangeClientIds = List.copyOf(tokenExchangeClientIds);
        tokenExchangeScopes = List.copyOf(tokenExchangeScopes);
    }
}
