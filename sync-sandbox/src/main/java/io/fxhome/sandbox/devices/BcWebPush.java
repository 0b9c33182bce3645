package io.fxhome.sandbox.devices;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 8291 Web Push encryption over RFC 8188 aes128gcm, on Bouncy Castle's lightweight API: the simulated Firefox's
 * own implementation, so that fxhome's (JDK) implementation is checked against a second one, and both against the
 * RFC examples.
 */
public final class BcWebPush {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH());
    private static final int RS = 4096;

    private BcWebPush() {
    }

    /** A receiver's keys: private scalar, uncompressed public point, auth secret. */
    public record Keys(byte[] privateScalar, byte[] publicPoint, byte[] authSecret) {
        @Override
        public String toString() {
            return "Keys[<redacted>]";
        }
    }

    public static Keys generate(SecureRandom random) {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(DOMAIN, random));
        AsymmetricCipherKeyPair pair = g.generateKeyPair();
        byte[] auth = new byte[16];
        random.nextBytes(auth);
        return new Keys(fixed32(((ECPrivateKeyParameters) pair.getPrivate()).getD()),
                ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false), auth);
    }

    /** Encrypts to {@code receiverPublic} with a fresh sender key and salt. */
    public static byte[] encrypt(byte[] receiverPublic, byte[] authSecret, byte[] plaintext, SecureRandom random) {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(DOMAIN, random));
        AsymmetricCipherKeyPair pair = g.generateKeyPair();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return encrypt(receiverPublic, authSecret, plaintext, fixed32(((ECPrivateKeyParameters) pair
                .getPrivate()).getD()), salt);
    }

    /** Encrypts with a given sender scalar and salt (the RFC's example). */
    public static byte[] encrypt(byte[] receiverPublic, byte[] authSecret, byte[] plaintext, byte[] senderScalar,
            byte[] salt) {
        BigInteger d = new BigInteger(1, senderScalar);
        byte[] senderPublic = DOMAIN.getG().multiply(d).normalize().getEncoded(false);
        byte[] ikm = ikm(d, receiverPublic, authSecret, receiverPublic, senderPublic);
        byte[][] keys = contentKeys(ikm, salt);
        if (plaintext.length + 1 + 16 > RS) {
            throw new IllegalArgumentException("the simulated Firefox sends one record only");
        }
        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = 2;
        byte[] sealed = gcm(true, keys[0], keys[1], record);
        return ByteBuffer.allocate(16 + 4 + 1 + senderPublic.length + sealed.length).put(salt).putInt(RS)
                .put((byte) senderPublic.length).put(senderPublic).put(sealed).array();
    }

    /** Decrypts a message to {@code keys}; throws IllegalArgumentException when it does not authenticate. */
    public static byte[] decrypt(Keys keys, byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        b.get(salt);
        int rs = b.getInt();
        byte[] senderPublic = new byte[b.get() & 0xff];
        b.get(senderPublic);
        byte[] ikm = ikm(new BigInteger(1, keys.privateScalar()), senderPublic, keys.authSecret(), keys.publicPoint(),
                senderPublic);
        byte[][] ck = contentKeys(ikm, salt);
        ByteBuffer out = ByteBuffer.allocate(body.length);
        long seq = 0;
        while (b.hasRemaining()) {
            byte[] rec = new byte[Math.min(rs, b.remaining())];
            b.get(rec);
            byte[] nonce = ck[1].clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (seq >>> (8 * i));
            }
            byte[] plain = gcm(false, ck[0], nonce, rec);
            int end = plain.length - 1;
            while (end >= 0 && plain[end] == 0) {
                end--;
            }
            byte want = (byte) (b.hasRemaining() ? 1 : 2);
            if (end < 0 || plain[end] != want) {
                throw new IllegalArgumentException("bad record delimiter");
            }
            out.put(plain, 0, end);
            seq++;
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] ikm(BigInteger mine, byte[] theirPublic, byte[] auth, byte[] uaPublic, byte[] asPublic) {
        ECPoint q = CURVE.getCurve().decodePoint(theirPublic);
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(new ECPrivateKeyParameters(mine, DOMAIN));
        byte[] shared = fixed32(agreement.calculateAgreement(new ECPublicKeyParameters(q, DOMAIN)));
        byte[] info = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        return hkdf(shared, auth, info, 32);
    }

    private static byte[][] contentKeys(byte[] ikm, byte[] salt) {
        return new byte[][] {
                hkdf(ikm, salt, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16),
                hkdf(ikm, salt, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12) };
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator h = new HKDFBytesGenerator(new SHA256Digest());
        h.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        h.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] input) {
        GCMBlockCipher c = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce));
        byte[] out = new byte[c.getOutputSize(input.length)];
        int n = c.processBytes(input, 0, input.length, out, 0);
        try {
            n += c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("aes128gcm record does not authenticate", e);
        }
        return Arrays.copyOf(out, n);
    }

    private static byte[] fixed32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
