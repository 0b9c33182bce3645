package io.fxhome.sandbox.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Client-side crypto for the tests, written independently of the sandbox's main code (JDK PBKDF2, Bouncy Castle
 * HKDF) so that a shared bug cannot make both sides agree.
 */
public final class ClientCrypto {
    public static final String NS = "identity.mozilla.com/picl/v1/";
    private static final HexFormat HEX = HexFormat.of();

    private ClientCrypto() {
    }

    public static byte[] hkdf(byte[] ikm, String info, int length) {
        HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
        gen.init(new HKDFParameters(ikm, null, info.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[length];
        gen.generateBytes(out, 0, length);
        return out;
    }

    /** onepw v1 quick stretch: {authPW, unwrapBKey}. */
    public static byte[][] quickStretch(String email, String password) throws Exception {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salt = (NS + "quickStretch:" + email).getBytes(StandardCharsets.UTF_8);
        byte[] q = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1000, 256)).getEncoded();
        return new byte[][] { hkdf(q, NS + "authPW", 32), hkdf(q, NS + "unwrapBkey", 32) };
    }

    /** onepw v2 quick stretch with the account's clientSalt (650,000 rounds): {authPW, unwrapBKey}. */
    public static byte[][] quickStretchV2(String clientSalt, String password) throws Exception {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] q = f.generateSecret(new PBEKeySpec(password.toCharArray(), clientSalt.getBytes(StandardCharsets.UTF_8),
                650_000, 256)).getEncoded();
        return new byte[][] { hkdf(q, NS + "authPW", 32), hkdf(q, NS + "unwrapBkey", 32) };
    }

    /** {tokenId, reqHMACkey, keyRequestKey} of an FxA token. */
    public static byte[][] tokenKeys(byte[] token, String kind) {
        byte[] km = hkdf(token, NS + kind, 96);
        return new byte[][] { Arrays.copyOfRange(km, 0, 32), Arrays.copyOfRange(km, 32, 64),
                Arrays.copyOfRange(km, 64, 96) };
    }

    /** Unwraps an /account/keys bundle: returns wrapKB, or throws if the MAC is wrong. */
    public static byte[] unbundleWrapKB(byte[] keyRequestKey, byte[] bundle) throws Exception {
        byte[] k2 = hkdf(keyRequestKey, NS + "account/keys", 96);
        byte[] ct = Arrays.copyOfRange(bundle, 0, 64);
        byte[] mac = hmac(Arrays.copyOfRange(k2, 0, 32), ct);
        if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(bundle, 64, 96))) {
            throw new IllegalStateException("bundle MAC mismatch");
        }
        byte[] plain = xor(ct, Arrays.copyOfRange(k2, 32, 96));
        return Arrays.copyOfRange(plain, 32, 64);
    }

    public static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data);
    }

    public static byte[] xor(byte[] a, byte[] b) {
        byte[] o = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = (byte) (a[i] ^ b[i]);
        }
        return o;
    }

    public static byte[] kSync(byte[] kB) {
        return hkdf(kB, NS + "oldsync", 64);
    }

    public static String keyId(long ts, byte[] kB) throws Exception {
        byte[] cs = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(kB), 16);
        return ts + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(cs);
    }

    public static String clientStateHex(byte[] kB) throws Exception {
        return hex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(kB), 16));
    }

    public static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    public static byte[] unhex(String s) {
        return HEX.parseHex(s);
    }
}
