package io.fxhome.sandbox.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.Sandbox;
import io.fxhome.sandbox.SandboxOptions;
import io.fxhome.sandbox.SandboxServer;
import io.fxhome.sandbox.generator.ProfileSpec;

/** Starts one SandboxServer per test class (cheap scrypt cost) and gives each test its own accounts. */
public abstract class SandboxTestBase {
    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    protected static SandboxServer server;
    protected static SyncTestClient client;

    @BeforeAll
    static void startSandbox() {
        server = SandboxServer.start(SandboxOptions.defaults().withScryptN(1024));
        client = new SyncTestClient(server.baseUrl());
    }

    @AfterAll
    static void stopSandbox() {
        server.close();
    }

    protected static Sandbox sandbox() {
        return server.sandbox();
    }

    protected static String newEmail() {
        return "user" + ACCOUNTS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    }

    /** A new account with no Sync data, signed in, with a storage token. */
    protected static Session emptySession() throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD));
        return session(email);
    }

    /** A new account with a small generated profile, signed in, with a storage token. */
    protected static Session profileSession(ProfileSpec spec) throws Exception {
        String email = newEmail();
        sandbox().createAccount(NewAccount.of(email, PASSWORD).withProfile(spec));
        return session(email);
    }

    protected static Session session(String email) throws Exception {
        SyncTestClient.Linked linked = client.link(email, PASSWORD);
        return new Session(email, linked, client.token(linked));
    }

    /** An account as fxhome would hold it: linked credentials and a current storage token. */
    public record Session(String email, SyncTestClient.Linked linked, SyncTestClient.SyncToken token) {
    }
}
