package io.fxhome.web.signin.pending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/** The shared store of waiting sign-ins, on the real database: what is kept, and how a step is claimed. */
@QuarkusTest
class PendingSignInStoreTest {
    @Inject
    PendingSignInStore store;
    @Inject
    AgroalDataSource ds;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsNeitherTheHandleNorTheSecretsInClear() throws Exception {
        PendingSignInStore.Stored stored = store.put(PendingKind.PASSWORD, bytes("session-token-0123456789abcdef"),
                Duration.ofMinutes(5));
        assertThat(stored.handle()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(TestData.one(ds, "select count(*) from pending_sign_in where position(convert_to(?, 'UTF8') in sealed) > 0",
                "session-token-0123456789abcdef")).isEqualTo("0");
        assertThat(
                TestData.one(ds, "select count(*) from pending_sign_in where position(convert_to(?, 'UTF8') in handle_hash) > 0"
                        + " or encode(handle_hash, 'escape') = ?", stored.handle(), stored.handle()))
                .isEqualTo("0");
        assertThat(TestData.one(ds, "select count(*) from pending_sign_in where handle_hash = sha256(convert_to(?, 'UTF8'))",
                stored.handle())).isEqualTo("1");
        assertThat(store.peek(PendingKind.PASSWORD, stored.handle())).hasValueSatisfying(
                v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("session-token-0123456789abcdef"));
    }

    @Test
    void aStepIsClaimedByOneRequestAtATime() {
        String handle = store.put(PendingKind.PASSWORD, bytes("v1"), Duration.ofMinutes(5)).handle();
        PendingSignInStore.Claim first = store.claim(PendingKind.PASSWORD, handle);
        assertThat(first).isInstanceOfSatisfying(PendingSignInStore.Claim.Taken.class,
                t -> assertThat(new String(t.plaintext(), StandardCharsets.UTF_8)).isEqualTo("v1"));
        assertThat(store.claim(PendingKind.PASSWORD, handle)).isInstanceOf(PendingSignInStore.Claim.Busy.class);

        store.update(PendingKind.PASSWORD, handle, bytes("v2"));
        assertThat(store.claim(PendingKind.PASSWORD, handle)).isInstanceOfSatisfying(PendingSignInStore.Claim.Taken.class,
                t -> assertThat(new String(t.plaintext(), StandardCharsets.UTF_8)).isEqualTo("v2"));
        assertThat(store.wrongCode(handle)).isEqualTo(1);
        assertThat(store.wrongCode(handle)).isEqualTo(2);
        assertThat(store.claim(PendingKind.PASSWORD, handle)).isInstanceOfSatisfying(PendingSignInStore.Claim.Taken.class,
                t -> assertThat(t.wrongCodes()).isEqualTo(2));
        store.release(handle);

        store.drop(handle);
        assertThat(store.claim(PendingKind.PASSWORD, handle)).isInstanceOf(PendingSignInStore.Claim.Missing.class);
    }

    @Test
    void aValueOpensOnlyAsTheKindItWasStoredAs() throws Exception {
        String handle = store.put(PendingKind.BROWSER, bytes("browser"), Duration.ofMinutes(5)).handle();
        assertThat(store.claim(PendingKind.PASSWORD, handle)).isInstanceOf(PendingSignInStore.Claim.Missing.class);
        // A row relabelled in the database does not open either: the sealed value is bound to its kind.
        TestData.exec(ds, "update pending_sign_in set kind = 'password' where handle_hash = sha256(convert_to(?, 'UTF8'))",
                handle);
        assertThat(store.claim(PendingKind.PASSWORD, handle)).isInstanceOf(PendingSignInStore.Claim.Missing.class);
        assertThat(TestData.one(ds, "select count(*) from pending_sign_in where handle_hash = sha256(convert_to(?, 'UTF8'))",
                handle))
                .isEqualTo("0");
    }

    @Test
    void expiredSignInsAreGoneAndClaimsOfACrashedRequestRunOut() throws Exception {
        String expired = store.put(PendingKind.UNBLOCK, bytes("a@example.test"), Duration.ofMinutes(5)).handle();
        TestData.exec(ds,
                "update pending_sign_in set expires_at = now() - interval '1 second' where handle_hash = sha256(convert_to(?, 'UTF8'))",
                expired);
        assertThat(store.claim(PendingKind.UNBLOCK, expired)).isInstanceOf(PendingSignInStore.Claim.Missing.class);
        assertThat(store.peek(PendingKind.UNBLOCK, expired)).isEmpty();
        store.put(PendingKind.UNBLOCK, bytes("b@example.test"), Duration.ofMinutes(5));
        assertThat(TestData.one(ds, "select count(*) from pending_sign_in where expires_at <= now()")).isEqualTo("0");

        String stuck = store.put(PendingKind.UNBLOCK, bytes("c@example.test"), Duration.ofMinutes(5)).handle();
        assertThat(store.claim(PendingKind.UNBLOCK, stuck)).isInstanceOf(PendingSignInStore.Claim.Taken.class);
        TestData.exec(ds,
                "update pending_sign_in set busy_until = now() - interval '1 second' where handle_hash = sha256(convert_to(?, 'UTF8'))",
                stuck);
        assertThat(store.claim(PendingKind.UNBLOCK, stuck)).isInstanceOf(PendingSignInStore.Claim.Taken.class);
    }

    @Test
    void unknownAndMalformedHandlesFindNothing() {
        assertThat(store.claim(PendingKind.PASSWORD, null)).isInstanceOf(PendingSignInStore.Claim.Missing.class);
        assertThat(store.claim(PendingKind.PASSWORD, "")).isInstanceOf(PendingSignInStore.Claim.Missing.class);
        assertThat(store.claim(PendingKind.PASSWORD, "x".repeat(500))).isInstanceOf(PendingSignInStore.Claim.Missing.class);
        assertThat(store.claim(PendingKind.PASSWORD, "no-such-handle-000000000000000"))
                .isInstanceOf(PendingSignInStore.Claim.Missing.class);
    }
}
