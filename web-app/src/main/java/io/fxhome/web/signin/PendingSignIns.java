package io.fxhome.web.signin;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.sync.fxa.PendingSignIn;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.signin.pending.PendingKind;
import io.fxhome.web.signin.pending.PendingSignInStore;

/**
 * Password sign-ins waiting for their emailed or authenticator code (or the emailed link). They hold Mozilla's session
 * token, the keyFetchToken and unwrapBKey, sealed in {@code pending_sign_in} for {@code fxhome.web.sign-in.pending-ttl},
 * so the code may be entered on any web instance. A client refers to one by a random handle (a cookie for browsers, a
 * field for other clients).
 */
@ApplicationScoped
public class PendingSignIns {
    private final PendingSignInStore store;
    private final Duration ttl;

    public PendingSignIns(PendingSignInStore store, WebConfig config) {
        this.store = store;
        this.ttl = config.signIn().pendingTtl();
    }

    /** A sign-in claimed for one step, and how many wrong codes it has seen. */
    record Claimed(String handle, PendingSignIn pending, int wrongCodes) {
        @Override
        public String toString() {
            return "Claimed[" + pending + ", wrongCodes=" + wrongCodes + "]";
        }
    }

    PendingSignInStore.Stored add(PendingSignIn pending) {
        return store.put(PendingKind.PASSWORD, encode(pending), ttl);
    }

    /** Takes the sign-in for one step; the caller ends it with {@link #save}, {@link #wrongCode} or {@link #drop}. */
    Claimed claim(String handle) {
        return switch (store.claim(PendingKind.PASSWORD, handle)) {
            case PendingSignInStore.Claim.Taken t -> new Claimed(handle, decode(t.plaintext()), t.wrongCodes());
            case PendingSignInStore.Claim.Busy b -> throw SignInProblems.busy();
            case PendingSignInStore.Claim.Missing m -> throw SignInProblems.expired();
        };
    }

    /** Keeps the sign-in's new state (verified, kB fetched) for the next step. */
    void save(String handle, PendingSignIn pending) {
        store.update(PendingKind.PASSWORD, handle, encode(pending));
    }

    /** Counts a wrong code; returns the count so far. */
    int wrongCode(String handle) {
        return store.wrongCode(handle);
    }

    /** Forgets the sign-in. */
    void drop(String handle) {
        store.drop(handle);
    }

    private static byte[] encode(PendingSignIn pending) {
        PendingSignIn.State state = pending.exportState();
        try {
            return state.encode();
        } finally {
            state.wipe();
        }
    }

    private static PendingSignIn decode(byte[] plaintext) {
        PendingSignIn.State state = PendingSignIn.State.decode(plaintext);
        try {
            return PendingSignIn.restore(state);
        } finally {
            state.wipe();
        }
    }
}
