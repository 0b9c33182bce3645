package io.fxhome.sandbox.testing;

import java.util.Map;

import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For other modules' {@code @QuarkusTest}s ({@code @WithTestResource(SandboxTestResource.class)}): starts the sandbox
 * in-process on a real port and points fxhome's upstream URLs ({@code fxhome.fxa.auth-url}, {@code content-url},
 * {@code profile-url},
 * {@code fxhome.sync.tokenserver-url}) at it, so the code under test talks to it over real HTTP exactly as it would to
 * Mozilla. {@link #server()} gives tests the admin API.
 */
public class SandboxTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile SandboxServer server;

    public static SandboxServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        // A cheap scrypt keeps sign-ins fast; everything else is as production answers.
        server = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024));
        // Every upstream Mozilla service, the sign-in page and the profile server included, is the sandbox.
        return Map.of("fxhome.fxa.auth-url", server.baseUrl(), "fxhome.fxa.content-url", server.baseUrl(),
                "fxhome.fxa.profile-url", server.baseUrl(), "fxhome.sync.tokenserver-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
