package io.fxhome.sandbox;

import java.time.Clock;
import java.util.List;

/**
 * Plain-Java settings of a {@link Sandbox} (the Quarkus app maps {@code fxhome.sandbox.*} onto these).
 *
 * @param scryptN              scrypt cost of the auth server's password stretch; 65536 as in production, lower
 *                             values make sign-in cheap in tests
 * @param tokenDurationSeconds tokenserver token lifetime (default 3600, production's)
 * @param hawkSkewSeconds      accepted Hawk clock skew; 60 here so tests can exercise it (syncstorage-rs accepts 52
 *                             weeks)
 * @param accessTokenTtlSeconds OAuth access-token lifetime
 * @param demoAccount          create the demo account at start
 * @param demoSeed             seed of the demo account's generated profile
 * @param demoEmail            demo account e-mail
 * @param demoPassword         demo account password (a sandbox account, not a secret)
 * @param oauthClientIds       client ids the auth server accepts (the known Firefox/Lockwise ids by default)
 * @param oauthRedirectUris    redirect URIs accepted by /authorization; empty means any http(s) URI on a loopback
 *                             host
 * @param masterSecret         tokenserver/storage shared secret (tokenlib master secret)
 * @param metricsHashSecret    tokenserver secret of hashed_fxa_uid
 * @param publicBaseUrl        base URL to advertise in api_endpoint; null means the Host the client used
 * @param nodeType             tokenserver node_type
 * @param clock                the sandbox's clock
 */
public record SandboxOptions(int scryptN, long tokenDurationSeconds, long hawkSkewSeconds,
        long accessTokenTtlSeconds, boolean demoAccount, long demoSeed, String demoEmail, String demoPassword,
        List<String> oauthClientIds, List<String> oauthRedirectUris, String masterSecret, String metricsHashSecret,
        String publicBaseUrl, String nodeType, Clock clock) {

    /** Firefox desktop, Lockwise Android, Fenix and the app-services CLI examples. */
    public static final List<String> KNOWN_CLIENT_IDS = List.of("5882386c6d801776", "e7ce535d93522896",
            "a2270f727f45f648", "3c49430b43dfba77");

    public SandboxOptions {
        if (scryptN < 2 || Integer.bitCount(scryptN) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two");
        }
        oauthClientIds = List.copyOf(oauthClientIds);
        oauthRedirectUris = List.copyOf(oauthRedirectUris);
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(65_536, 3_600, 60, 86_400, false, 20_240_601L, "demo@fxhome.example",
                "fxhome-demo-password", KNOWN_CLIENT_IDS, List.of(), "sandbox tokenserver master secret",
                "sandbox metrics hash secret", null, "spanner", Clock.systemUTC());
    }

    public SandboxOptions withScryptN(int value) {
        return new SandboxOptions(value, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withTokenDurationSeconds(long value) {
        return new SandboxOptions(scryptN, value, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount, demoSeed,
                demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withHawkSkewSeconds(long value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, value, accessTokenTtlSeconds, demoAccount, demoSeed,
                demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withAccessTokenTtlSeconds(long value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, value, demoAccount, demoSeed,
                demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withDemoAccount(boolean enabled, long seed) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, enabled,
                seed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withDemoCredentials(String email, String password) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, email, password, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withOauthClient(List<String> clientIds, List<String> redirectUris) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, clientIds, redirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withMasterSecret(String value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, value, metricsHashSecret,
                publicBaseUrl, nodeType, clock);
    }

    public SandboxOptions withPublicBaseUrl(String value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                value, nodeType, clock);
    }

    public SandboxOptions withClock(Clock value) {
        return new SandboxOptions(scryptN, tokenDurationSeconds, hawkSkewSeconds, accessTokenTtlSeconds, demoAccount,
                demoSeed, demoEmail, demoPassword, oauthClientIds, oauthRedirectUris, masterSecret, metricsHashSecret,
                publicBaseUrl, nodeType, value);
    }

    @Override
    public String toString() {
        return "SandboxOptions[scryptN=" + scryptN + ", tokenDuration=" + tokenDurationSeconds + "s, hawkSkew="
                + hawkSkewSeconds + "s, demoAccount=" + demoAccount + ", secrets redacted]";
    }
}
