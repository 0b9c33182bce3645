package io.fxhome.web.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.fxhome.sync.fxa.PendingSignIn;
import io.fxhome.web.config.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sign-ins waiting for their emailed or TOTP code. They hold FxA's session token, keyFetchToken and unwrapBKey, so
 * they live only here, in memory, for {@code fxhome.web.sign-in.pending-ttl}, and are wiped when dropped. A client
 * refers to one by a random handle (a cookie for browsers, a field for other clients); a restart forgets them all,
 * which only means signing in again.
 */
@ApplicationScoped
public class PendingSignIns {
    /** One pending sign-in and how many wrong codes it has seen. */
    public static final class Entry {
        final PendingSignIn pending;
        final AtomicInteger wrongCodes = new AtomicInteger();

        Entry(PendingSignIn pending) {
            this.pending = pending;
        }

        @Override
        public String toString() {
            return "PendingSignIns.Entry[" + pending + "]";
        }
    }

    private final ExpiringStore<Entry> store;

    public PendingSignIns(WebConfig config) {
        this.store = new ExpiringStore<>(config.signIn().pendingTtl(), config.signIn().maxPending(), e -> e.pending.forget(),
                Clock.systemUTC());
    }

    String add(PendingSignIn pending) {
        return store.put(new Entry(pending));
    }

    Optional<Entry> get(String handle) {
        return store.get(handle);
    }

    Instant expiresAt(String handle) {
        return store.expiresAt(handle).orElse(Instant.now());
    }

    /** Forgets the sign-in and wipes its secrets. */
    void drop(String handle) {
        store.drop(handle);
    }
}
