package io.fxhome.sync.e2e;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.SignInResult;
import io.fxhome.sync.hawk.HawkSigner;
import io.fxhome.sync.http.HttpTransport;

/**
 * One sandbox on a real port and fxhome's production client pointed at it, for the client-level end-to-end tests: no
 * Quarkus, no database, plain HTTP between the two exactly as with Mozilla's services.
 */
final class ClientSandbox implements AutoCloseable {
    static final String USER_AGENT = "fxhome-client-e2e/0.1";
    private static final AtomicLong SEEDS = new AtomicLong(52_000);

    private final SandboxServer server;
    private final HttpTransport http = HttpTransport.create(USER_AGENT);
    private final FxaConfig fxaConfig;

    private ClientSandbox(SandboxServer server) {
        this.server = server;
        this.fxaConfig = FxaConfig.production().withAuthUrl(URI.create(server.baseUrl())).withUserAgent(USER_AGENT);
    }

    /** A cheap scrypt keeps sign-ins fast; everything else answers as production does. */
    static ClientSandbox start() {
        return new ClientSandbox(SandboxServer.start(SandboxOptions.defaults().withScryptN(1024)));
    }

    Sandbox sandbox() {
        return server.sandbox();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    HttpTransport http() {
        return http;
    }

    static long nextSeed() {
        return SEEDS.getAndIncrement();
    }

    static String newEmail(String label) {
        return label + "-" + UUID.randomUUID() + "@example.test";
    }

    FxaClient fxa() {
        return new FxaClient(fxaConfig, http, HawkSigner.systemDefault(), Clock.systemUTC());
    }

    SyncClientConfig clientConfig(int pageSize) {
        return SyncClientConfig.production().withFxa(fxaConfig).withTokenserverUrl(URI.create(server.baseUrl()))
                .withUserAgent(USER_AGENT).withPageSize(pageSize);
    }

    AccountInfo createAccount(String email, String password, VerificationMode mode, ProfileSpec profile) {
        NewAccount spec = NewAccount.of(email, password).withVerification(mode);
        return sandbox().createAccount(profile == null ? spec : spec.withProfile(profile));
    }

    /** Signs in (the account must need no verification) and links: what the web app's sign-in does. */
    LinkedAccount link(String email, String password) {
        FxaClient fxa = fxa();
        SignInResult result = fxa.signIn(email, password);
        if (!(result instanceof SignInResult.SignedIn signedIn)) {
            throw new IllegalStateException("sandbox account unexpectedly needs verification: " + result);
        }
        return fxa.completeLink(signedIn.pending());
    }

    /** A new account with a generated profile, linked. */
    Linked linkedAccount(String label, ProfileSpec profile) {
        String email = newEmail(label);
        String password = "pw-" + label + "-" + UUID.randomUUID();
        createAccount(email, password, VerificationMode.NONE, profile);
        return new Linked(email, link(email, password));
    }

    SyncClient client(LinkedAccount linked, int pageSize) {
        return SyncClient.builder(clientConfig(pageSize), linked.credentials()).http(http).fxaClient(fxa())
                .accessToken(linked.accessToken()).build();
    }

    /** A linked sandbox account. */
    record Linked(String email, LinkedAccount account) {
    }

    @Override
    public void close() {
        server.close();
    }
}
