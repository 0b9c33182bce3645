package io.fxhome.sandbox;

import io.fxhome.sandbox.admin.AdminRoutes;
import io.fxhome.sandbox.fxa.AuthorizationPage;
import io.fxhome.sandbox.fxa.FxaRoutes;
import io.fxhome.sandbox.storage.StorageRoutes;
import io.fxhome.sandbox.tokenserver.TokenServerRoutes;
import io.vertx.ext.web.Router;

/**
 * Mounts the three services and the admin API on a Vert.x Web router, plain Java: the Quarkus app and
 * {@link SandboxServer} both use it.
 */
public final class SandboxRouter {
    private SandboxRouter() {
    }

    public static void install(Router router, Sandbox sandbox) {
        FxaRoutes.install(router, sandbox);
        AuthorizationPage.install(router, sandbox);
        TokenServerRoutes.install(router, sandbox);
        StorageRoutes.install(router, sandbox);
        AdminRoutes.install(router, sandbox);
    }
}
