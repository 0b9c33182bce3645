package io.fxhome.sandbox.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OAuth {@code keys_jwe}: a compact JWE with {@code alg=ECDH-ES}, {@code enc=A256GCM} to the relier's ephemeral
 * P-256 key ({@code keys_jwk}), as FxA's scoped-key flow produces it. The protected header carries the epk and, as
 * FxA does, {@code kid} = the RFC 7638 thumbprint of the recipient key.
 */
public final class KeysJwe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeysJwe() {
    }

    /** Thrown when {@code keys_jwk} is not an acceptable public P-256 JWK. */
    public static final class InvalidJwkException extends Exception {
        public InvalidJwkException(String message) {
            super(message);
        }
    }

    /** Parses and checks a {@code keys_jwk} query value: b64url of a public EC P-256 JWK. */
    public static ECPublicKey parseKeysJwk(String keysJwk) throws InvalidJwkException {
        JsonNode jwk;
        try {
            jwk = JSON.readTree(Base64s.fromUrl(keysJwk));
        } catch (Exception e) {
            throw new InvalidJwkException("keys_jwk is not base64url JSON");
        }
        if (jwk == null || !jwk.isObject()) {
            throw new InvalidJwkException("keys_jwk is not a JSON object");
        }
        if (jwk.has("d")) {
            throw new InvalidJwkException("keys_jwk must not contain a private key");
        }
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())) {
            throw new InvalidJwkException("keys_jwk must be an EC P-256 key");
        }
        try {
            BigInteger x = new BigInteger(1, Base64s.fromUrl(jwk.path("x").asText()));
            BigInteger y = new BigInteger(1, Base64s.fromUrl(jwk.path("y").asText()));
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), p256()));
            return (ECPublicKey) key;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidJwkException("keys_jwk has an invalid point");
        }
    }

    public static String encrypt(byte[] plaintext, ECPublicKey recipient, SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair ephemeral = gen.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(ephemeral.getPrivate());
            ka.doPhase(recipient, true);
            byte[] z = ka.generateSecret();
            byte[] cek = concatKdf(z, "A256GCM", 256);

            ECPublicKey epk = (ECPublicKey) ephemeral.getPublic();
            String header = "{\"alg\":\"ECDH-ES\",\"kid\":\"" + thumbprint(recipient) + "\",\"epk\":" + jwkJson(epk)
                    + ",\"enc\":\"A256GCM\"}";
            String encodedHeader = Base64s.urlNoPad(header.getBytes(StandardCharsets.UTF_8));
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
            gcm.updateAAD(encodedHeader.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = gcm.doFinal(plaintext);
            byte[] ciphertext = Arrays.copyOfRange(sealed, 0, sealed.length - 16);
            byte[] tag = Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
            return encodedHeader + ".." + Base64s.urlNoPad(iv) + "." + Base64s.urlNoPad(ciphertext) + "."
                    + Base64s.urlNoPad(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JWE encryption failed", e);
        }
    }

    /** RFC 7518 §4.6 Concat KDF, one SHA-256 round, empty PartyUInfo/PartyVInfo. */
    public static byte[] concatKdf(byte[] z, String enc, int keyBits) {
        byte[] alg = enc.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(4 + z.length + 4 + alg.length + 4 + 4 + 4);
        buf.putInt(1).put(z).putInt(alg.length).put(alg).putInt(0).putInt(0).putInt(keyBits);
        return Arrays.copyOf(Hmacs.sha256(buf.array()), keyBits / 8);
    }

    /** RFC 7638 thumbprint: b64url(SHA-256 of {"crv","kty","x","y"} in lexicographic order, no spaces). */
    public static String thumbprint(ECPublicKey key) {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(key.getW().getAffineX())
                + "\",\"y\":\"" + coordinate(key.getW().getAffineY()) + "\"}";
        return Base64s.urlNoPad(Hmacs.sha256(canonical.getBytes(StandardCharsets.US_ASCII)));
    }

    static String jwkJson(ECPublicKey key) {
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(key.getW().getAffineX()) + "\",\"y\":\""
                + coordinate(key.getW().getAffineY()) + "\"}";
    }

    static String coordinate(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64s.urlNoPad(fixed);
    }

    static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        return params.getParameterSpec(ECParameterSpec.class);
    }
}
