package io.fxhome.sandbox;

import io.fxhome.sandbox.fxa.AuthorizationPage;
import io.fxhome.sandbox.fxa.FxaRoutes;
import io.fxhome.sandbox.fxa.FxaSettings;
import io.fxhome.sandbox.storage.StorageAuth;
import io.fxhome.sandbox.storage.StorageRoutes;
import io.fxhome.sandbox.tokenserver.TokenServerRoutes;
import io.fxhome.sandbox.tokenserver.TokenServerSettings;
import io.vertx.ext.web.Router;

/**
 * The sandbox's HTTP endpoints: Mozilla's three services (the auth server with its authorization page, the
 * tokenserver, the storage nodes) and the admin API, mounted on a Vert.x Web router, each route class given the parts
 * of the {@link Sandbox} it works on. Plain Java: the Quarkus app and {@link SandboxServer} both use it.
 */
public final class SandboxEndpoints {
    private SandboxEndpoints() {
    }

    public static void mount(Router router, Sandbox sandbox) {
        SandboxOptions options = sandbox.options;
        FxaSettings fxa = new FxaSettings(options.clock(), options.scryptN(), options.accessTokenTtlSeconds(),
                options.unknownKeys(), options.oauthClientIds(), options.oauthRedirectUris(), options.publicBaseUrl(),
                options.tokenExchangeClientIds(), options.tokenExchangeScopes());
        TokenServerSettings tokenServer = new TokenServerSettings(options.clock(), options.tokenDurationSeconds(),
                options.publicBaseUrl(), options.metricsHashSecret(), options.nodeType());

        new FxaRoutes(fxa, sandbox.accounts, sandbox.fxaTokens, sandbox.oauthTokens, sandbox.unblockCodes,
                sandbox.outbox, sandbox.issued, sandbox.faults, sandbox.fxaHawk, sandbox.devices, sandbox.random).mount(router);
        new AuthorizationPage(fxa, sandbox.accounts, sandbox.oauthTokens, sandbox.unblockCodes, sandbox.outbox,
                sandbox.forgedKids, sandbox.random).mount(router);
        new TokenServerRoutes(tokenServer, sandbox.accounts, sandbox.oauthTokens, sandbox.minter, sandbox.tokenEpochs,
                sandbox.issued, sandbox.faults).mount(router);
        StorageAuth storageAuth = new StorageAuth(sandbox.accounts, sandbox.storages, sandbox.minter,
                sandbox.tokenEpochs, sandbox.storageHawk);
        new StorageRoutes(options.clock(), sandbox.faults, storageAuth).mount(router);
        new AdminRoutes(sandbox).mount(router);
    }
}
