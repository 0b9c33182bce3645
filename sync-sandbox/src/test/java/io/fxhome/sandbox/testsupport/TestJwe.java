package io.fxhome.sandbox.testsupport;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The relier side of keys_jwe for tests: an ephemeral P-256 key, its keys_jwk, and ECDH-ES/A256GCM decryption. */
public final class TestJwe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair keys;

    public TestJwe() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        keys = gen.generateKeyPair();
    }

    private static String coord(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    /** b64url of the public JWK, the {@code keys_jwk} parameter. */
    public String keysJwk() {
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coord(pub.getW().getAffineX()) + "\",\"y\":\""
                + coord(pub.getW().getAffineY()) + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(jwk.getBytes(StandardCharsets.UTF_8));
    }

    public String decrypt(String compact) throws Exception {
        return decrypt(compact, keys.getPrivate());
    }

    public static String decrypt(String compact, PrivateKey key) throws Exception {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 5 || !parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a compact ECDH-ES JWE");
        }
        Base64.Decoder d = Base64.getUrlDecoder();
        JsonNode header = JSON.readTree(d.decode(parts[0]));
        if (!"ECDH-ES".equals(header.get("alg").asText()) || !"A256GCM".equals(header.get("enc").asText())) {
            throw new IllegalArgumentException("unexpected JWE algorithms");
        }
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        JsonNode epk = header.get("epk");
        var pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, d.decode(epk.get("x").asText())), new BigInteger(1, d.decode(epk.get("y").asText()))),
                p.getParameterSpec(ECParameterSpec.class)));
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(key);
        ka.doPhase(pub, true);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[] { 0, 0, 0, 1 });
        sha.update(ka.generateSecret());
        sha.update(new byte[] { 0, 0, 0, 7 });
        sha.update("A256GCM".getBytes(StandardCharsets.US_ASCII));
        sha.update(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 });
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sha.digest(), "AES"),
                new GCMParameterSpec(128, d.decode(parts[2])));
        gcm.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
        byte[] ct = d.decode(parts[3]);
        byte[] tag = d.decode(parts[4]);
        byte[] sealed = Arrays.copyOf(ct, ct.length + tag.length);
        System.arraycopy(tag, 0, sealed, ct.length, tag.length);
        return new String(gcm.doFinal(sealed), StandardCharsets.UTF_8);
    }
}
