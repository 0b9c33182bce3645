package io.fxhome.sync.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;

/**
 * A P-256 key pair for FxA's OAuth scoped keys (§2.9): publishes its public half as {@code keys_jwk} and decrypts
 * the {@code keys_jwe} the token endpoint returns, a compact JWE with {@code alg: ECDH-ES} (direct key agreement,
 * empty encrypted key) and {@code enc: A256GCM}. Nimbus JOSE+JWT generates the key pair and decrypts (key agreement,
 * the RFC 7518 §4.6 Concat KDF, AES-GCM); this class refuses every other kind of JWE before Nimbus sees it. The sandbox
 * encrypts keys_jwe with its own code, so the two still check each other.
 *
 * <p>
 * The private key is secret; {@link #toString()} redacts it. Callers wipe the scalar {@link #privateKeyBytes()}
 * hands out and the plaintext {@link #decrypt} returns (Nimbus hands back its own plaintext array, so that wipes its
 * copy too). What cannot be wiped: Nimbus holds the scalar as a base64url string and the JDK's key as a BigInteger
 * (as Bouncy Castle did before), and the shared secret Z and the content key live in {@code SecretKeySpec}s Nimbus does
 * not clear; all are garbage once {@link #decrypt} returns.
 */
public final class JweDecrypter {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("P-256");
    private static final int COORDINATE_LENGTH = 32;

    private final ECKey key;

    private JweDecrypter(ECKey key) {
        this.key = key;
    }

    /** A fresh ephemeral key pair (one per OAuth attempt). */
    public static JweDecrypter generate(SecureRandom random) {
        try {
            return new JweDecrypter(new ECKeyGenerator(Curve.P_256).secureRandom(random).generate());
        } catch (JOSEException e) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "cannot generate a P-256 key pair", e);
        }
    }

    /** Re-creates the pair from the 32-byte private scalar (e.g. kept between the redirect and the callback). */
    public static JweDecrypter fromPrivateKey(byte[] d) {
        BigInteger scalar = BigIntegers.fromUnsignedByteArray(d);
        if (scalar.signum() <= 0 || scalar.compareTo(P256.getN()) >= 0) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "P-256 private key out of range");
        }
        // Nimbus and the JDK cannot derive a public key from a private one: Bouncy Castle's point multiplication does.
        ECPoint q = new FixedPointCombMultiplier().multiply(P256.getG(), scalar).normalize();
        ECKey key = new ECKey.Builder(Curve.P_256, coordinate(q.getAffineXCoord().toBigInteger()),
                coordinate(q.getAffineYCoord().toBigInteger())).d(coordinate(scalar)).build();
        return new JweDecrypter(key);
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
        return fixedLength(key.getD());
    }

    public byte[] publicX() {
        return fixedLength(key.getX());
    }

    public byte[] publicY() {
        return fixedLength(key.getY());
    }

    /**
     * The public JWK, {@code {"crv":"P-256","kty":"EC","x":…,"y":…}} (never {@code d}: FxA rejects private keys), in
     * the member order application-services serializes it (its {@code test_oauth_flow_url} pins a keys_jwk that
     * starts {@code {"crv":"P-256","kty":"EC"}); Nimbus would put {@code kty} first.
     */
    public ObjectNode publicJwk() {
        return Json.object().put("crv", "P-256").put("kty", "EC")
                .put("x", Bytes.base64UrlNoPad(publicX())).put("y", Bytes.base64UrlNoPad(publicY()));
    }

    /** The {@code keys_jwk} authorization parameter: base64url(UTF-8(public JWK JSON)). */
    public String keysJwk() {
        return Bytes.base64UrlNoPad(publicJwk().toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decrypts a compact ECDH-ES/A256GCM JWE.
     *
     * @throws CryptoException BAD_FORMAT for anything but a compact JWE with ECDH-ES, A256GCM and an empty encrypted
     *         key; BAD_KEY for an ephemeral key that is not a P-256 point (or other malformed parts); BAD_HMAC when the
     *         authentication tag does not verify (tampered, or encrypted to another key)
     */
    public byte[] decrypt(String compactJwe) {
        String[] parts = compactJwe.split("\\.", -1);
        if (parts.length != 5) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT,
                    "a compact JWE has 5 parts, got " + parts.length);
        }
        checkHeader(parts[0]);
        if (!parts[1].isEmpty()) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT,
                    "ECDH-ES JWE must have an empty encrypted key");
        }
        JWEObject jwe;
        try {
            jwe = new JWEObject(new Base64URL(parts[0]), null, new Base64URL(parts[2]), new Base64URL(parts[3]),
                    new Base64URL(parts[4]));
        } catch (ParseException e) {
            // Nimbus refuses an epk whose coordinates are not a point on P-256 here.
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "JWE epk or parts malformed", e);
        }
        try {
            jwe.decrypt(new ECDHDecrypter(key));
        } catch (JOSEException e) {
            throw new CryptoException(CryptoException.Problem.BAD_HMAC, "JWE authentication tag check failed", e);
        }
        return jwe.getPayload().toBytes();
    }

    /** The checks Nimbus would not make (it accepts every ECDH-ES variant, enc and curve it implements). */
    private static void checkHeader(String encodedHeader) {
        JsonNode header;
        try {
            header = Json.MAPPER.readTree(Bytes.base64UrlDecode(encodedHeader));
        } catch (IOException | IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "JWE header is not base64url JSON", e);
        }
        if (header == null || !"ECDH-ES".equals(header.path("alg").asText())
                || !"A256GCM".equals(header.path("enc").asText())) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "JWE is not ECDH-ES + A256GCM");
        }
        JsonNode epk = header.path("epk");
        if (!"EC".equals(epk.path("kty").asText()) || !"P-256".equals(epk.path("crv").asText())) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY, "JWE epk is not a P-256 key");
        }
    }

    private static Base64URL coordinate(BigInteger value) {
        return Base64URL.encode(BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, value));
    }

    private static byte[] fixedLength(Base64URL value) {
        return BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, value.decodeToBigInteger());
    }

    @Override
    public String toString() {
        return "JweDecrypter[P-256, x=" + Bytes.base64UrlNoPad(publicX()) + ", private key <redacted>]";
    }
}
