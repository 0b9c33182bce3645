package io.fxhome.web.signin;

import java.net.URI;

import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.OAuthCodeFlow;
import io.fxhome.upstream.UpstreamConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One thread-safe Firefox Accounts client for the process, pointed at the configured upstream. */
@ApplicationScoped
public class FxaClientProducer {

    @Produces
    @Singleton
    FxaClient fxaClient(UpstreamConfig upstream) {
        return FxaClient.create(FxaConfig.production().withAuthUrl(URI.create(upstream.fxa().authUrl()))
                .withContentUrl(URI.create(upstream.fxa().contentUrl())).withClientId(upstream.fxa().clientId())
                .withUserAgent(upstream.sync().userAgent()));
    }

    @Produces
    @Singleton
    OAuthCodeFlow oauthCodeFlow(FxaClient fxa) {
        return new OAuthCodeFlow(fxa);
    }
}
