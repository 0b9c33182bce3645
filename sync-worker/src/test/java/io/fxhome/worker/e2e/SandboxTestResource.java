package io.fxhome.worker.e2e;

import java.util.Map;

import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the sync-sandbox in-process, on a real port, and points the worker's upstream URLs at it: the worker talks
 * to it over real HTTP exactly as it would to Mozilla.
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
        return Map.of("fxhome.fxa.auth-url", server.baseUrl(), "fxhome.sync.tokenserver-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
