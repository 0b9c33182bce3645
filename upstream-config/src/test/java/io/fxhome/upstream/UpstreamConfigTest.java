package io.fxhome.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.fxa.FxaConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The settings as SmallRye reads them (no Quarkus), and the client configuration they map to. */
class UpstreamConfigTest {

    private static UpstreamConfig read(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(UpstreamConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(UpstreamConfig.class);
    }

    @Test
    void theDefaultsAreMozillasProductionServices() {
        UpstreamConfig upstream = read(Map.of());

        assertThat(UpstreamConfig.fxaConfig(upstream)).isEqualTo(FxaConfig.production());
        SyncClientConfig client = UpstreamConfig.syncClientConfig(upstream, 250);
        SyncClientConfig production = SyncClientConfig.production().withPageSize(250);
        assertThat(client.tokenserverUrl()).isEqualTo(production.tokenserverUrl());
        assertThat(client.fxa()).isEqualTo(production.fxa());
        assertThat(client.userAgent()).isEqualTo(production.userAgent());
        assertThat(client.pageSize()).isEqualTo(250);
    }

    @Test
    void everyKeyReachesTheClient() {
        UpstreamConfig upstream = read(Map.of(
                "fxhome.fxa.auth-url", "http://auth.test/v1",
                "fxhome.fxa.content-url", "http://content.test/",
                "fxhome.fxa.client-id", "password-client",
                "fxhome.fxa.browser-client-id", "browser-client",
                "fxhome.fxa.browser-redirect-uri", "http://content.test/back",
                "fxhome.fxa.profile-url", "http://profile.test",
                "fxhome.fxa.token-auth", "hawk",
                "fxhome.sync.tokenserver-url", "http://token.test",
                "fxhome.sync.user-agent", "fxhome-test/1"));

        FxaConfig fxa = UpstreamConfig.fxaConfig(upstream);
        assertThat(fxa).isEqualTo(new FxaConfig(URI.create("http://auth.test"), URI.create("http://content.test"),
                "password-client", "fxhome-test/1", "browser-client", "http://content.test/back",
                URI.create("http://profile.test"), FxaConfig.TokenAuth.HAWK));
        SyncClientConfig client = UpstreamConfig.syncClientConfig(upstream, 1000);
        assertThat(client.fxa()).isEqualTo(fxa);
        assertThat(client.tokenserverUrl()).isEqualTo(URI.create("http://token.test"));
        assertThat(client.userAgent()).isEqualTo("fxhome-test/1");
    }

    @Test
    void anUnsetBrowserRedirectFollowsTheContentUrl() {
        UpstreamConfig upstream = read(Map.of("fxhome.fxa.content-url", "http://content.test"));

        assertThat(UpstreamConfig.fxaConfig(upstream).effectiveBrowserRedirectUri())
                .isEqualTo("http://content.test/oauth/success/" + FxaConfig.DEFAULT_BROWSER_CLIENT_ID);
    }
}
