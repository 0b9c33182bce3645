package io.fxhome.sandbox;

import java.time.Clock;
import java.util.List;

import io.fxhome.sandbox.fxa.FxaSettings;
import io.fxhome.sandbox.fxa.UnknownKeys;

/**
 * Plain-Java settings of a {@link Sandbox} (the Quarkus app maps {@code fxhome.sandbox.*} onto these).
 *
 * @param scryptN scrypt cost of the auth server's password stretch; 65536 as in production, lower
 *        values make sign-in cheap in tests
 * @param tokenDurationSeconds tokenserver token lifetime (default 3600, production's)
 * @param hawkSkewSeconds accepted Hawk clock skew; 60 here so tests can exercise it (syncstorage-rs accepts 52
 *        weeks)
 * @param accessTokenTtlSeconds OAuth access-token lifetime
 * @param demoAccount create the demo account at start
 * @param demoSeed seed of the demo account's generated profile
 * @param demoEmail demo account e-mail
 * @param demoPassword demo account password (a sandbox account, not a secret)
 * @param oauthClientIds client ids the auth server accepts besides Firefox for iOS (the known Firefox/Lockwise
 *        ids by default)
 * @param oauthRedirectUris redirect URIs accepted by /authorization for those ids; empty means any http(s) URI
 *        on a loopback host
 * @param masterSecret tokenserver/storage shared secret (tokenlib master secret)
 * @param metricsHashSecret tokenserver secret of hashed_fxa_uid
 * @param publicBaseUrl base URL to advertise in api_endpoint and to build the content-server addresses
 *        (the success page of public clients); null means the Host the client used
 * @param nodeType tokenserver node_type
 * @param clock the sandbox's clock
 * @param unknownKeys what the auth server does with a request key its validator does not know
 * @param tokenExchangeClientIds clients whose refresh tokens the RFC 8693 token-exchange grant may rotate
 * @param tokenExchangeScopes scopes that grant may add
 */
public record SandboxOptions(int scryptN, long tokenDurationSeconds, long hawkSkewSeconds,
        long accessTokenTtlSeconds, boolean demoAccount, long demoSeed, String demoEmail, String demoPassword,
        List<String> oauthClientIds, List<String> oauthRedirectUris, String masterSecret, String metricsHashSecret,
        String publicBaseUrl, String nodeType, Clock clock, UnknownKeys unknownKeys,
        List<String> tokenExchangeClientIds, List<String> tokenExchangeScopes) {

    /** Firefox desktop, Lockwise Android, Fenix and the app-services CLI examples. */
    public static final List<String> KNOWN_CLIENT_IDS = List.of("5882386c6d801776", "e7ce535d93522896",
            "a2270f727f45f648", "3c49430b43dfba77");

    /** Firefox for iOS, always registered (public, fixed success-page redirect). */
    public static final String FIREFOX_IOS_CLIENT_ID = FxaSettings.FIREFOX_IOS_CLIENT_ID;

    public SandboxOptions {
        if (scryptN < 2 || Integer.bitCount(scryptN) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two");
        }
        oauthClientIds = List.copyOf(oauthClientIds);
        oauthRedirectUris = List.copyOf(oauthRedirectUris);
        unknownKeys = unknownKeys == null ? UnknownKeys.REFUSE : unknownKeys;
        tokenExchangeClientIds = List.copyOf(tokenExchangeClientIds);
        tokenExchangeScopes = List.copyOf(tokenExchangeScopes);
    }

    /**
     * Production's token-exchange allowlists are configuration (fxa-auth-server config
     * {@code oauthServer.tokenExchange.allowedClientIds/allowedScopes}, "Mobile Relay" per lib/routes/oauth/token.js);
     * their deployed values are not in Mozilla's repository, so the defaults are the mobile Firefox clients and the
     * Relay scope.
     */
    public static final List<String> DEFAULT_TOKEN_EXCHANGE_CLIENT_IDS = List.of("a2270f727f45f648",
            FIREFOX_IOS_CLIENT_ID);
    public static final List<String> DEFAULT_TOKEN_EXCHANGE_SCOPES = List.of("https://identity.mozilla.com/apps/relay");

    public static SandboxOptions defaults() {
        return new SandboxOptions(65_536, 3_600, 60, 86_400, false, 20_240_601L, "demo@fxhome.example",
                "fxhome-demo-password", KNOWN_CLIENT_IDS, List.of(), "sandbox tokenserver master secret",
                "sandbox metrics hash secret", null, "spanner", Clock.systemUTC(), UnknownKeys.REFUSE,
                DEFAULT_TOKEN_EXCHANGE_CLIENT_IDS, DEFAULT_TOKEN_EXCHANGE_SCOPES);
    }

    public SandboxOptions withScryptN(int value) {
        return new SandboxOptions(value, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withTokenDurationSeconds(long value) {
        return new SandboxOptions(scryptN, value, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount, demoSeed,
                demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withHawkSkewSeconds(long value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, value, accessTokenTtlSeconds, demoAccount, demoSeed,
                demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withAccessTokenTtlSeconds(long value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, value, demoAccount, demoSeed,
                demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withDemoAccount(boolean enabled, long seed) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, enabled,
                seed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withDemoCredentials(String email, String password) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, email, password, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withOauthClient(List<String> clientIds, List<String> redirectUris) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, clientIds, redirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withMasterSecret(String value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, value, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withPublicBaseUrl(String value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                value, nodeType, clock, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    public SandboxOptions withClock(Clock value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, value, unknownKeys, tokenExchangeClientIds, tokenExchangeScopes);
    }

    /** Refuse (default) or strip, as production does, request keys the route's validator does not know. */
    public SandboxOptions withUnknownKeys(UnknownKeys value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, value, tokenExchangeClientIds, tokenExchangeScopes);
    }

    /** Which clients may rotate a refresh token through the token-exchange grant, and which scopes it may add. */
    public SandboxOptions withTokenExchange(List<String> clientIds, List<String> scopes) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock, unknownKeys, clientIds, scopes);
    }

    @Override
    public String toString() {
        return "SandboxOptions[scryptN=" + scryptN + ", tokenDuration=" + tokenDurationSeconds + "s, hawkSkew="
                + hawkSkewSeconds + "s, demoAccount=" + demoAccount + ", unknownKeys=" + unknownKeys
                + ", secrets redacted]";
    }
}
