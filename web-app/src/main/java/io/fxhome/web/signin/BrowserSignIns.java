package io.fxhome.web.signin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.OAuthCodeFlow;
import io.fxhome.sync.fxa.OAuthPending;
import io.fxhome.sync.fxa.OAuthRedirect;
import io.fxhome.sync.fxa.OAuthStart;
import io.fxhome.upstream.UpstreamConfig;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.problem.Problem;
import io.fxhome.web.signin.pending.PendingKind;
import io.fxhome.web.signin.pending.PendingSignInStore;
import io.quarkus.logging.Log;

/**
 * Sign-in on Mozilla's own page (OAuth with PKCE and scoped keys): the password never reaches fxhome. The PKCE verifier
 * and the ephemeral private key that {@code keys_jwe} is encrypted to wait sealed in {@code pending_sign_in}, under a
 * handle the starting browser carries in a cookie, so the code is accepted only from that browser, on any instance.
 * The account's identity is what Mozilla says for the access token, never what the key says.
 */
@ApplicationScoped
public class BrowserSignIns {
    private final OAuthCodeFlow flow;
    private final AccountLinker linker;
    private final PendingSignInStore store;
    private final boolean returnsByItself;
    private final Duration ttl;

    public BrowserSignIns(OAuthCodeFlow flow, AccountLinker linker, PendingSignInStore store, UpstreamConfig upstream,
            WebConfig config) {
        this.flow = flow;
        this.linker = linker;
        this.store = store;
        this.returnsByItself = URI.create(UpstreamConfig.fxaConfig(upstream).effectiveBrowserRedirectUri()).getPath()
                .equals(config.oauth().callbackPath());
        this.ttl = config.oauth().pendingTtl();
    }

    /**
     * A started sign-in: where to send the person, the handle for their browser, and whether Mozilla sends the browser
     * back to fxhome by itself (a registered redirect to fxhome's callback) or the person pastes the address.
     */
    public record Started(URI authorizationUrl, String handle, Instant expiresAt, boolean returnsByItself) {
        @Override
        public String toString() {
            return "Started[authorizationUrl=<redacted>, handle=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** True when Mozilla sends the browser back to fxhome's callback; false when the person pastes the address. */
    public boolean returnsByItself() {
        return returnsByItself;
    }

    public Started begin() {
        OAuthStart start = flow.begin();
        try {
            PendingSignInStore.Stored stored = store.put(PendingKind.BROWSER,
                    encode(new Waiting(start.pending(), start.authorizationUrl().toString())), ttl);
            return new Started(start.authorizationUrl(), stored.handle(), stored.expiresAt(), returnsByItself);
        } finally {
            start.pending().forget();
        }
    }

    /** The sign-in this browser started and has not completed, if it still waits (to show its page again). */
    public Optional<URI> waiting(String handle) {
        return store.peek(PendingKind.BROWSER, handle).map(bytes -> {
            Waiting w = decode(bytes);
            w.pending().forget();
            return URI.create(w.authorizationUrl());
        });
    }

    /** What waits in {@code pending_sign_in}: the flow's secrets and the address the person was given. */
    record Waiting(OAuthPending pending, String authorizationUrl) {
        @Override
        public String toString() {
            return "Waiting[<redacted>]";
        }
    }

    /**
     * Completes the sign-in behind {@code handle} with the code Mozilla gave. A wrong address (another sign-in's
     * state, a cancelled one) leaves the sign-in waiting, so the right address can still be pasted; a linked one or a
     * refused key ends it.
     */
    public AccountLinker.Linked complete(String handle, String code, String state) {
        OAuthPending pending = switch (store.claim(PendingKind.BROWSER, handle)) {
            case PendingSignInStore.Claim.Taken t -> decode(t.plaintext()).pending();
            case PendingSignInStore.Claim.Busy b -> throw SignInProblems.busy();
            case PendingSignInStore.Claim.Missing m -> throw new Problem(410, "sign-in-expired", "Sign-in expired",
                    "This sign-in expired or was started in another browser. Start again.");
        };
        boolean ended = false;
        try {
            if (code == null || code.isBlank()) {
                throw new Problem(400, "oauth-cancelled", "Sign-in not completed",
                        "Mozilla's page did not sign you in (the address has no code). Sign in there, then paste the new address.");
            }
            LinkedAccount linked;
            try {
                linked = flow.complete(pending, code, state);
            } catch (FxaException e) {
                if (e.kind() == FxaException.Kind.KEY_MISMATCH) {
                    ended = true;
                    store.drop(handle);
                    Log.warnf("a sign-in on Mozilla's page was refused: the scoped key does not belong to the account (%s)",
                            e.getMessage());
                }
                throw SignInProblems.of(e);
            } catch (SyncException e) {
                throw SignInProblems.of(e);
            }
            ended = true;
            store.drop(handle);
            return linker.link(linked.uid(), linked.email(), linked);
        } finally {
            pending.forget();
            if (!ended) {
                store.release(handle);
            }
        }
    }

    /** The code and state in an address a person pasted, or a problem that says what is wrong with it. */
    public static OAuthRedirect parse(String pasted) {
        try {
            return OAuthRedirect.parse(pasted);
        } catch (IllegalArgumentException e) {
            // The message never echoes what was pasted.
            throw new Problem(400, "not-a-sign-in-address", "Not the right address",
                    "That is not the address of the page Mozilla showed after you signed in: " + e.getMessage()
                            + ". Copy the whole address from the address bar of that page.");
        }
    }

    private static byte[] encode(Waiting waiting) {
        byte[] pending = waiting.pending().encode();
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(pending.length + 1024);
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeInt(pending.length);
            out.write(pending);
            out.writeUTF(waiting.authorizationUrl());
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(pending, (byte) 0);
        }
    }

    private static Waiting decode(byte[] plaintext) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext));
            byte[] pending = new byte[in.readInt()];
            in.readFully(pending);
            try {
                return new Waiting(OAuthPending.decode(pending), in.readUTF());
            } finally {
                Arrays.fill(pending, (byte) 0);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a pending sign-in does not decode", e);
        }
    }
}
