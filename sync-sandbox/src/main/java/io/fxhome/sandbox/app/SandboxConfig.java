package io.fxhome.sandbox.app;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.fxa.UnknownKeys;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the sandbox app, under {@code fxhome.sandbox}; the plain-Java twin is {@link SandboxOptions}. */
@ConfigMapping(prefix = "fxhome.sandbox")
public interface SandboxConfig {

    /** {@code fxhome.sandbox.demo-account} (env FXHOME_SANDBOX_DEMO_ACCOUNT): create the demo account at start. */
    @WithDefault("false")
    boolean demoAccount();

    /** {@code fxhome.sandbox.demo-seed}: seed of the demo account's generated (medium) profile. */
    @WithDefault("20240601")
    long demoSeed();

    /** {@code fxhome.sandbox.demo-email}: the demo account's e-mail, served by GET /__sandbox/demo. */
    @WithDefault("demo@fxhome.example")
    String demoEmail();

    /** {@code fxhome.sandbox.demo-password}: the demo account's password (a sandbox account, printed by ./fxhome). */
    @WithDefault("fxhome-demo-password")
    String demoPassword();

    /** {@code fxhome.sandbox.token-duration}: tokenserver token lifetime in seconds (production: 3600). */
    @WithDefault("3600")
    long tokenDuration();

    /** {@code fxhome.sandbox.scrypt-n}: scrypt cost of the password stretch (production: 65536; a power of two). */
    @WithDefault("65536")
    int scryptN();

    /** {@code fxhome.sandbox.hawk-skew}: accepted Hawk clock skew in seconds (syncstorage-rs accepts 52 weeks). */
    @WithDefault("60")
    long hawkSkew();

    /** {@code fxhome.sandbox.access-token-ttl}: OAuth access-token lifetime in seconds. */
    @WithDefault("86400")
    long accessTokenTtl();

    /** {@code fxhome.sandbox.public-base-url}: base URL put in api_endpoint; default: the Host the client used. */
    Optional<String> publicBaseUrl();

    /** {@code fxhome.sandbox.oauth-client-ids}: OAuth client ids the auth server accepts. */
    @WithDefault("5882386c6d801776,e7ce535d93522896,a2270f727f45f648,3c49430b43dfba77")
    List<String> oauthClientIds();

    /** {@code fxhome.sandbox.oauth-redirect-uris}: accepted redirect URIs; unset: any loopback http(s) URI. */
    Optional<List<String>> oauthRedirectUris();

    /** {@code fxhome.sandbox.master-secret}: tokenlib master secret shared by tokenserver and storage. */
    @WithDefault("sandbox tokenserver master secret")
    String masterSecret();

    /**
     * {@code fxhome.sandbox.unknown-keys}: {@code refuse} (400 errno 107 for a request key the route's FxA validator
     * does not declare) or {@code strip} (dropped, as production's auth server does).
     */
    @WithDefault("refuse")
    String unknownKeys();

    /** {@code fxhome.sandbox.token-exchange-client-ids}: clients whose refresh tokens the token-exchange grant rotates. */
    @WithDefault("a2270f727f45f648,1b1a3e44c54fbb58")
    List<String> tokenExchangeClientIds();

    /** {@code fxhome.sandbox.token-exchange-scopes}: scopes the token-exchange grant may add. */
    @WithDefault("https://identity.mozilla.com/apps/relay")
    List<String> tokenExchangeScopes();

    default SandboxOptions toOptions() {
        SandboxOptions d = SandboxOptions.defaults();
        return new SandboxOptions(scryptN(), tokenDuration(), hawkSkew(), accessTokenTtl(), demoAccount(),
                demoSeed(), demoEmail(), demoPassword(), oauthClientIds(), oauthRedirectUris().orElse(List.of()),
                masterSecret(), d.metricsHashSecret(), publicBaseUrl().orElse(null), d.nodeType(), Clock.systemUTC(),
                UnknownKeys.valueOf(unknownKeys().trim().toUpperCase(Locale.ROOT)),
                tokenExchangeClientIds(), tokenExchangeScopes());
    }
}
