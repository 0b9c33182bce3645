package io.fxhome.sync.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * A P-256 key pair for FxA's OAuth scoped keys (§2.9): publishes its public half as {@code keys_jwk} and decrypts
 * the {@code keys_jwe} the token endpoint returns, a compact JWE with {@code alg: ECDH-ES} (direct key agreement,
 * empty encrypted key) and {@code enc: A256GCM}, key derived with the RFC 7518 §4.6 Concat KDF.
 * The private key is secret; {@link #toString()} redacts it.
 */
public final class JweDecrypter {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("P-256");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final int COORDINATE_LENGTH = 32;

    private final ECPrivateKeyParameters privateKey;
    private final ECPoint publicPoint;

    private JweDecrypter(ECPrivateKeyParameters privateKey, ECPoint publicPoint) {
        this.privateKey = privateKey;
        this.publicPoint = publicPoint.normalize();
    }

    /** A fresh ephemeral key pair (one per OAuth attempt). */
    public static JweDecrypter generate(SecureRandom random) {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(DOMAIN, random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        return new JweDecrypter((ECPrivateKeyParameters) kp.getPrivate(),
                ((ECPublicKeyParameters) kp.getPublic()).getQ());
    }

    /** Re-creates the pair from the 32-byte private scalar (e.g. kept between the redirect and the callback). */
    public static JweDecrypter fromPrivateKey(byte[] d) {
        BigInteger scalar = BigIntegers.fromUnsignedByteArray(d);
        if (scalar.signum() <= 0 || scalar.compareTo(DOMAIN.getN()) >= 0) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "P-256 private key out of range");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(DOMAIN.getG(), scalar);
        return new JweDecrypter(new ECPrivateKeyParameters(scalar, DOMAIN), q);
    }

    /** From a private EC JWK ({@code kty EC}, {@code crv P-256}, {@code d}); x and y, if present, must match. */
    public static JweDecrypter fromPrivateJwk(JsonNode jwk) {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())
                || !jwk.path("d").isTextual()) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "not a private P-256 JWK");
        }
        JweDecrypter k = fromPrivateKey(Bytes.base64UrlDecode(jwk.get("d").asText()));
        if (jwk.has("x") && !jwk.get("x").asText().equals(Bytes.base64UrlNoPad(k.publicX()))) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "JWK x does not match d");
        }
        return k;
    }

    /** The private scalar, 32 bytes big-endian (secret). */
    public byte[] privateKeyBytes() {
        return BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, privateKey.getD());
    }

    public byte[] publicX() {
        return BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, publicPoint.getAffineXCoord().toBigInteger());
    }

    public byte[] publicY() {
        return BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, publicPoint.getAffineYCoord().toBigInteger());
    }

    /**
     * The public JWK, {@code {"crv":"P-256","kty":"EC","x":…,"y":…}} (never {@code d}: FxA rejects private keys), in
     * the member order application-services serializes it (its {@code test_oauth_flow_url} pins a keys_jwk that
     * starts {@code {"crv":"P-256","kty":"EC"}).
     */
    public ObjectNode publicJwk() {
        return Json.object().put("crv", "P-256").put("kty", "EC")
                .put("x", Bytes.base64UrlNoPad(publicX())).put("y", Bytes.base64UrlNoPad(publicY()));
    }

    /** The {@code keys_jwk} authorization parameter: base64url(UTF-8(public JWK JSON)). */
    public String keysJwk() {
        return Bytes.base64UrlNoPad(publicJwk().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts a compact ECDH-ES/A256GCM JWE. @throws CryptoException on any malformed part or failed tag check */
    public byte[] decrypt(String compactJwe) {
        String[] parts = compactJwe.split("\\.", -1);
        if (parts.length != 5) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "a compact JWE has 5 parts, got " + parts.length);
        }
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(Bytes.base64UrlDecode(parts[0]));
        } catch (IOException | IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "JWE header is not base64url JSON", e);
        }
        if (header == null || !"ECDH-ES".equals(header.path("alg").asText())
                || !"A256GCM".equals(header.path("enc").asText())) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "JWE is not ECDH-ES + A256GCM");
        }
        if (!parts[1].isEmpty()) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "ECDH-ES JWE must have an empty encrypted key");
        }
        JsonNode epk = header.path("epk");
        if (!"EC".equals(epk.path("kty").asText()) || !"P-256".equals(epk.path("crv").asText())) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "JWE epk is not a P-256 key");
        }
        byte[] cek = null;
        byte[] z = null;
        try {
            ECPoint peer = DOMAIN.getCurve().validatePoint(
                    BigIntegers.fromUnsignedByteArray(Bytes.base64UrlDecode(epk.path("x").asText())),
                    BigIntegers.fromUnsignedByteArray(Bytes.base64UrlDecode(epk.path("y").asText())));
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init(privateKey);
            z = BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH,
                    agreement.calculateAgreement(new ECPublicKeyParameters(peer, DOMAIN)));
            byte[] apu = header.has("apu") ? Bytes.base64UrlDecode(header.get("apu").asText()) : new byte[0];
            byte[] apv = header.has("apv") ? Bytes.base64UrlDecode(header.get("apv").asText()) : new byte[0];
            cek = concatKdf(z, "A256GCM", apu, apv, 256);

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"),
                    new GCMParameterSpec(128, Bytes.base64UrlDecode(parts[2])));
            gcm.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
            return gcm.doFinal(Bytes.concat(Bytes.base64UrlDecode(parts[3]), Bytes.base64UrlDecode(parts[4])));
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "JWE epk or parts malformed", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.Problem.BAD_HMAC, "JWE authentication tag check failed", e);
        } finally {
            Bytes.wipe(cek, z);
        }
    }

    /** NIST SP 800-56A single-round Concat KDF with SHA-256, as profiled by RFC 7518 §4.6.2 (keydatalen ≤ 256). */
    static byte[] concatKdf(byte[] z, String algorithmId, byte[] apu, byte[] apv, int keyBits) {
        byte[] alg = algorithmId.getBytes(StandardCharsets.US_ASCII);
        MessageDigest sha = Digests.newSha256();
        sha.update(ByteBuffer.allocate(4).putInt(1).array());
        sha.update(z);
        sha.update(ByteBuffer.allocate(4).putInt(alg.length).array());
        sha.update(alg);
        sha.update(ByteBuffer.allocate(4).putInt(apu.length).array());
        sha.update(apu);
        sha.update(ByteBuffer.allocate(4).putInt(apv.length).array());
        sha.update(apv);
        sha.update(ByteBuffer.allocate(4).putInt(keyBits).array());
        byte[] out = sha.digest();
        return keyBits == 256 ? out : java.util.Arrays.copyOf(out, keyBits / 8);
    }

    @Override
    public String toString() {
        return "JweDecrypter[P-256, x=" + Bytes.base64UrlNoPad(publicX()) + ", private key <redacted>]";
    }
}
