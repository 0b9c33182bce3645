package io.fxhome.sync.webpush;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

import io.fxhome.sync.error.CryptoException;

/**
 * NIST P-256 in the raw forms Web Push uses: public keys as 65-octet uncompressed points ({@code 04 ‖ X ‖ Y}),
 * private keys as 32-octet scalars. Points are checked to be on the curve before any key agreement.
 */
public final class P256 {
    public static final int PUBLIC_LENGTH = 65;
    public static final int PRIVATE_LENGTH = 32;
    static final ECParameterSpec PARAMS;

    static {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            PARAMS = p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private P256() {
    }

    /** A fresh key pair. */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }

    /** The uncompressed point of a public key. */
    public static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[PUBLIC_LENGTH];
        out[0] = 4;
        fixed(key.getW().getAffineX(), out, 1);
        fixed(key.getW().getAffineY(), out, 33);
        return out;
    }

    /** The 32-octet scalar of a private key (secret). */
    public static byte[] encode(ECPrivateKey key) {
        byte[] out = new byte[PRIVATE_LENGTH];
        fixed(key.getS(), out, 0);
        return out;
    }

    /** @throws CryptoException BAD_KEY when not an uncompressed point on the curve */
    public static ECPublicKey publicKey(byte[] uncompressed) {
        if (uncompressed.length != PUBLIC_LENGTH || uncompressed[0] != 4) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "not an uncompressed P-256 point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        BigInteger p = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
        BigInteger a = PARAMS.getCurve().getA();
        BigInteger b = PARAMS.getCurve().getB();
        boolean onCurve = x.compareTo(p) < 0 && y.compareTo(p) < 0
                && y.modPow(BigInteger.TWO, p).equals(x.pow(3).add(a.multiply(x)).add(b).mod(p));
        if (!onCurve) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "point is not on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMS));
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "P-256 public key rejected", e);
        }
    }

    /** @throws CryptoException BAD_KEY when not a 32-octet scalar in range */
    public static ECPrivateKey privateKey(byte[] scalar) {
        BigInteger s = new BigInteger(1, scalar);
        if (scalar.length != PRIVATE_LENGTH || s.signum() == 0 || s.compareTo(PARAMS.getOrder()) >= 0) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "not a P-256 private scalar");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, PARAMS));
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "P-256 private key rejected", e);
        }
    }

    /** The base point G as a public key. */
    static ECPublicKey generator() {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(PARAMS.getGenerator(),
                    PARAMS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ECDH shared secret (the X coordinate, 32 octets). */
    public static byte[] agree(ECPrivateKey mine, ECPublicKey theirs) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "P-256 key agreement failed", e);
        }
    }

    private static void fixed(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, offset + 32 - n, n);
    }
}
