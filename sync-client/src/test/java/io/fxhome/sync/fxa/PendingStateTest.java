package io.fxhome.sync.fxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.crypto.Hex;

/** A sign-in kept across processes: export, encode (to seal), decode, restore, with nothing lost and nothing shown. */
class PendingStateTest {
    private static final byte[] SESSION = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    private static final byte[] KEY_FETCH = Hex.decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final byte[] UNWRAP = Hex.decode("6ea660be9c89ec355397f89afb282ea0bf21095760c8c5009bbcc894155bbe2a");
    private static final byte[] KB = Hex.decode("2ee722fdd8ccaa721bdeb2d1b76560efef705b04349d9357c3e592cf4906e075");

    private static PendingSignIn pending(byte[] keyFetch, byte[] kB, VerificationMethod method, String reason) {
        return new PendingSignIn("aeaa1725c7a24ff983c6295725d5fc9b", "andré@example.org", SESSION.clone(),
                keyFetch == null ? null : keyFetch.clone(), UNWRAP.clone(), false, method, reason,
                kB == null ? null : kB.clone());
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        PendingSignIn original = pending(KEY_FETCH, null, VerificationMethod.EMAIL_OTP, "login");
        PendingSignIn.State state = original.exportState();

        PendingSignIn.State decoded = PendingSignIn.State.decode(state.encode());

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.keyFetchTokenHeld()).isTrue();
        PendingSignIn restored = PendingSignIn.restore(decoded);
        assertThat(restored.uid()).isEqualTo(original.uid());
        assertThat(restored.email()).isEqualTo("andré@example.org");
        assertThat(restored.verified()).isFalse();
        assertThat(restored.verificationMethod()).contains(VerificationMethod.EMAIL_OTP);
        assertThat(restored.verificationReason()).contains("login");
        assertThat(restored.sessionToken()).isEqualTo(SESSION);
        assertThat(restored.unwrapBKey()).isEqualTo(UNWRAP);
        assertThat(restored.hasKeyFetchToken()).isTrue();
        assertThat(restored.takeKeyFetchToken()).isEqualTo(KEY_FETCH);
        assertThat(restored.kB()).isNull();
        assertThat(original.isForgotten()).isFalse();
    }

    @Test
    void aSignInPastItsKeyFetchTravelsWithKbInstead() {
        PendingSignIn original = pending(null, KB, null, null);
        original.markVerified();

        PendingSignIn restored = PendingSignIn.restore(PendingSignIn.State.decode(original.exportState().encode()));

        assertThat(restored.verified()).isTrue();
        assertThat(restored.hasKeyFetchToken()).isFalse();
        assertThat(restored.kB()).isEqualTo(KB);
        assertThat(restored.verificationMethod()).isEmpty();
        assertThat(restored.verificationReason()).isEmpty();
    }

    @Test
    void theStateNamesNoSecretAndCanBeWiped() {
        PendingSignIn.State state = pending(KEY_FETCH, KB, VerificationMethod.TOTP_2FA, "login").exportState();
        String text = state.toString();
        for (byte[] secret : new byte[][] { SESSION, KEY_FETCH, UNWRAP, KB }) {
            assertThat(text).doesNotContain(Hex.encode(secret));
        }
        assertThat(text).doesNotContain("andré@example.org");
        state.wipe();
        assertThat(state.sessionToken()).containsOnly(0);
        assertThat(state.kB()).containsOnly(0);
    }

    @Test
    void aSpentSignInCannotBeExportedAndGarbageIsNotAState() {
        PendingSignIn p = pending(KEY_FETCH, null, null, null);
        p.forget();
        assertThatThrownBy(p::exportState).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PendingSignIn.State.decode(new byte[] { 1, 2, 3 }))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] encoded = pending(KEY_FETCH, null, null, null).exportState().encode();
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> PendingSignIn.State.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oauthPendingRoundTripsAndRedacts() {
        byte[] key = new byte[32];
        key[31] = 7;
        OAuthPending p = new OAuthPending("SmbAA_9EA5v1R2bgIPeWWw", "v".repeat(58), key, "https://r/", "1b1a3e44c54fbb58");
        OAuthPending back = OAuthPending.decode(p.encode());
        assertThat(back).isEqualTo(p);
        assertThat(back.clientId()).isEqualTo("1b1a3e44c54fbb58");
        assertThat(back.toString()).doesNotContain("SmbAA").doesNotContain("vvvv");
        back.forget();
        assertThat(back.isForgotten()).isTrue();
        assertThat(p.isForgotten()).isFalse();
    }
}
