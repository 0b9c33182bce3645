package io.fxhome.web.signin;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.OAuthCodeFlow;
import io.fxhome.upstream.UpstreamConfig;

/** One thread-safe Mozilla accounts client for the process, pointed at the configured upstream. */
@ApplicationScoped
public class FxaClientProducer {

    @Produces
    @Singleton
    FxaClient fxaClient(UpstreamConfig upstream) {
        // The configured timeouts: a sign-in whose upstream stalls mid-answer fails instead of holding its thread.
        return FxaClient.create(UpstreamConfig.fxaConfig(upstream), UpstreamConfig.httpTransport(upstream));
    }

    /** The device routes: unlinking destroys fxhome's own device (Send Tab) at Mozilla. */
    @Produces
    @Singleton
    DeviceClient deviceClient(UpstreamConfig upstream) {
        return new DeviceClient(UpstreamConfig.fxaConfig(upstream), UpstreamConfig.httpTransport(upstream));
    }

    /** The sign-in on Mozilla's page; it asks the tokenserver whether the key it brings back is the account's. */
    @Produces
    @Singleton
    OAuthCodeFlow oauthCodeFlow(FxaClient fxa, UpstreamConfig upstream) {
        return OAuthCodeFlow.create(fxa, URI.create(upstream.sync().tokenserverUrl()));
    }
}
