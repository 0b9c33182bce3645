package io.fxhome.sandbox;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

@ApplicationScoped
public class SandboxRoutes {
    void install(@Observes Router router) {
        router.get("/__sandbox/ping").handler(ctx -> ctx.response().end("ok"));
    }
}
