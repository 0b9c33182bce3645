package io.fxhome.sandbox.app;

import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.SandboxRouter;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Mounts the sandbox on Quarkus's HTTP server (port 8090), next to /q/health and /q/metrics. */
@ApplicationScoped
public class SandboxRoutes {
    @Inject
    SandboxConfig config;

    void install(@Observes Router router) {
        SandboxRouter.install(router, new Sandbox(config.toOptions()));
    }
}
