package io.fxhome.sandbox.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.SandboxEndpoints;
import io.vertx.ext.web.Router;

/**
 * The sandbox app: one {@link Sandbox} made from {@code fxhome.sandbox.*}, its endpoints mounted on Quarkus's HTTP
 * server (port 8090), next to /q/health and /q/metrics.
 */
@ApplicationScoped
public class SandboxApp {
    @Inject
    SandboxConfig config;

    void mount(@Observes Router router) {
        SandboxEndpoints.mount(router, new Sandbox(config.toOptions()));
    }
}
