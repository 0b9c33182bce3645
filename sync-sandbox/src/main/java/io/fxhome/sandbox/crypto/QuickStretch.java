package io.fxhome.sandbox.crypto;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The client half of onepw: what a browser derives from the password before it talks to FxA. The sandbox needs it
 * to create accounts from a password and for its HTML sign-in page, which takes a plain password as
 * accounts.firefox.com's JavaScript would. Two versions exist (mozilla/fxa packages/fxa-auth-client/lib/crypto.ts
 * {@code getCredentials} and {@code getCredentialsV2}, lib/salt.ts): both end in the same HKDF step.
 */
public final class QuickStretch {
    /** PBKDF2 rounds of version 1 (fxa-auth-server lib/routes/utils/client-key-stretch.ts V1_PBKDF2_ITERATIONS). */
    public static final int V1_ITERATIONS = 1000;
    /** PBKDF2 rounds of version 2 (client-key-stretch.ts V2_PBKDF2_ITERATIONS). */
    public static final int V2_ITERATIONS = 650_000;
    /** The prefix of a version-2 {@code clientSalt}; the value after it is 32 lower-case hex characters. */
    public static final String V2_SALT_PREFIX = Hkdf.NS + "quickStretchV2:";
    private static final Pattern V2_SALT = Pattern.compile("^" + Pattern.quote(V2_SALT_PREFIX) + "[a-f0-9]{32}$");

    private final byte[] authPW;
    private final byte[] unwrapBKey;

    private QuickStretch(byte[] quickStretchedPW) {
        this.authPW = Hkdf.deriveNs(quickStretchedPW, "authPW", 32);
        this.unwrapBKey = Hkdf.deriveNs(quickStretchedPW, "unwrapBkey", 32);
    }

    /** Version 1: PBKDF2-HMAC-SHA256 over the UTF-8 password, 1000 rounds, salt NS + "quickStretch:" + email. */
    public static QuickStretch of(String email, String password) {
        return new QuickStretch(pbkdf2(password, Hkdf.NS + "quickStretch:" + email, V1_ITERATIONS));
    }

    /**
     * Version 2: PBKDF2-HMAC-SHA256 over the UTF-8 password, 650,000 rounds, salted with the account's whole
     * {@code clientSalt} string ({@code identity.mozilla.com/picl/v1/quickStretchV2:<32 hex>}).
     */
    public static QuickStretch v2(String clientSalt, String password) {
        if (!isV2Salt(clientSalt)) {
            throw new IllegalArgumentException("not a version-2 clientSalt");
        }
        return new QuickStretch(pbkdf2(password, clientSalt, V2_ITERATIONS));
    }

    /** lib/salt.ts {@code createSaltV2}: the prefix and 32 lower-case hex characters. */
    public static boolean isV2Salt(String clientSalt) {
        return clientSalt != null && V2_SALT.matcher(clientSalt).matches();
    }

    /** The PBKDF2 step alone (quickStretchedPW), for known-answer tests. */
    public static byte[] pbkdf2(String password, String salt, int iterations) {
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA256Digest());
        pbkdf2.init(password.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), iterations);
        return ((KeyParameter) pbkdf2.generateDerivedParameters(256)).getKey();
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
