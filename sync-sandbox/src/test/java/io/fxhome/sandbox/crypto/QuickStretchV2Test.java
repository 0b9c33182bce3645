package io.fxhome.sandbox.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Version-2 password stretching (mozilla/fxa packages/fxa-auth-client/lib/crypto.ts getCredentialsV2): PBKDF2-SHA256
 * with 650,000 rounds salted with the whole clientSalt string, then the same HKDF step as version 1. The expected
 * values were computed independently with Python's hashlib/hmac:
 *
 * <pre>
 * python3 -c "
 * import hashlib,hmac
 * salt=b'identity.mozilla.com/picl/v1/quickStretchV2:0123456789abcdef0123456789abcdef'
 * q=hashlib.pbkdf2_hmac('sha256','pässwörd'.encode(),salt,650000,32); print(q.hex())
 * def hkdf(ikm,info,n):
 *     prk=hmac.new(b'\0'*32,ikm,hashlib.sha256).digest(); out=b''; t=b''; i=1
 *     while len(out)<n: t=hmac.new(prk,t+info+bytes([i]),hashlib.sha256).digest(); out+=t; i+=1
 *     return out[:n]
 * print(hkdf(q,b'identity.mozilla.com/picl/v1/authPW',32).hex())
 * print(hkdf(q,b'identity.mozilla.com/picl/v1/unwrapBkey',32).hex())"
 * </pre>
 */
class QuickStretchV2Test {
    private static final String SALT = "identity.mozilla.com/picl/v1/quickStretchV2:0123456789abcdef0123456789abcdef";
    private static final String PASSWORD = "pässwörd";

    @Test
    void knownAnswer() {
        assertThat(Hex.encode(QuickStretch.pbkdf2(PASSWORD, SALT, QuickStretch.V2_ITERATIONS)))
                .isEqualTo("1962d132874d2be60129f21229c42205e75661b08b7e657c4997972475459e41");
        QuickStretch v2 = QuickStretch.v2(SALT, PASSWORD);
        assertThat(Hex.encode(v2.authPW()))
                .isEqualTo("d278c764bd1852a14bfc4e9d8c1682b4f1a57edb9a9372bf8c370cc41592155b");
        assertThat(Hex.encode(v2.unwrapBKey()))
                .isEqualTo("616616095eff30032abf6a47df30d9a3fc799d8af5e8519905c1601170553493");
    }

    @Test
    void onlyVersionTwoSaltsAreAccepted() {
        assertThat(QuickStretch.isV2Salt(SALT)).isTrue();
        assertThat(QuickStretch.isV2Salt(SALT.toUpperCase())).isFalse();
        assertThat(QuickStretch.isV2Salt("identity.mozilla.com/picl/v1/quickStretch:a@b.c")).isFalse();
        assertThat(QuickStretch.isV2Salt(SALT + "0")).isFalse();
        assertThatThrownBy(() -> QuickStretch.v2("identity.mozilla.com/picl/v1/quickStretch:a@b.c", PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
