package io.fxhome.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The client half of onepw v1: what a browser derives from email and password before it talks to FxA. The sandbox
 * needs it to create accounts from a password and for its HTML sign-in page, which takes a plain password as
 * accounts.firefox.com's JavaScript would.
 */
public final class QuickStretch {
    private final byte[] authPW;
    private final byte[] unwrapBKey;

    private QuickStretch(byte[] authPW, byte[] unwrapBKey) {
        this.authPW = authPW;
        this.unwrapBKey = unwrapBKey;
    }

    /** PBKDF2-HMAC-SHA256 over the UTF-8 bytes of the password, 1000 iterations, salt NS + "quickStretch:" + email. */
    public static QuickStretch of(String email, String password) {
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA256Digest());
        byte[] salt = (Hkdf.NS + "quickStretch:" + email).getBytes(StandardCharsets.UTF_8);
        pbkdf2.init(password.getBytes(StandardCharsets.UTF_8), salt, 1000);
        byte[] quickStretchedPW = ((KeyParameter) pbkdf2.generateDerivedParameters(256)).getKey();
        return new QuickStretch(Hkdf.deriveNs(quickStretchedPW, "authPW", 32),
                Hkdf.deriveNs(quickStretchedPW, "unwrapBkey", 32));
    }

    public byte[] authPW() {
        return authPW.clone();
    }

    public byte[] unwrapBKey() {
        return unwrapBKey.clone();
    }

    @Override
    public String toString() {
        return "QuickStretch[redacted]";
    }
}
