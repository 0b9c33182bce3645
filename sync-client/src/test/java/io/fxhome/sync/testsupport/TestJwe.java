package io.fxhome.sync.testsupport;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Consumer;

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
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.json.Json;

/**
 * ECDH-ES + A256GCM compact JWEs to a P-256 public JWK, as FxA produces {@code keys_jwe}: written
 * independently of the client (Bouncy Castle's raw ECDH, the RFC 7518 §4.6 Concat KDF by hand, the JDK's AES-GCM).
 */
public final class TestJwe {
    private TestJwe() {
    }

    /** A JWE of {@code plaintext} to {@code recipientJwk}. */
    public static String encrypt(JsonNode recipientJwk, byte[] plaintext) {
        return encrypt(recipientJwk, plaintext, header -> {
        });
    }

    /** Same, with the protected header changed by {@code header} before it is encoded (the key stays A256GCM's). */
    public static String encrypt(JsonNode recipientJwk, byte[] plaintext, Consumer<ObjectNode> header) {
        X9ECParameters p256 = CustomNamedCurves.getByName("P-256");
        ECDomainParameters domain = new ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH());
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(domain, SyncFixtures.RANDOM));
        AsymmetricCipherKeyPair eph = gen.generateKeyPair();
        ECPoint peer = domain.getCurve().createPoint(
                new BigInteger(1, Bytes.base64UrlDecode(recipientJwk.get("x").asText())),
                new BigInteger(1, Bytes.base64UrlDecode(recipientJwk.get("y").asText())));
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(eph.getPrivate());
        byte[] z = BigIntegers.asUnsignedByteArray(32,
                agreement.calculateAgreement(new ECPublicKeyParameters(peer, domain)));
        ECPoint q = ((ECPublicKeyParameters) eph.getPublic()).getQ().normalize();
        ObjectNode protectedHeader = Json.object().put("alg", "ECDH-ES").put("kid", "test-kid").put("enc", "A256GCM");
        protectedHeader.set("epk", Json.object().put("kty", "EC").put("crv", "P-256")
                .put("x", coordinate(q.getAffineXCoord().toBigInteger()))
                .put("y", coordinate(q.getAffineYCoord().toBigInteger())));
        header.accept(protectedHeader);
        String headerB64 = Bytes.base64UrlNoPad(protectedHeader.toString().getBytes(StandardCharsets.UTF_8));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(4).putInt(1).array());
            sha.update(z);
            sha.update(ByteBuffer.allocate(4).putInt(7).array());
            sha.update("A256GCM".getBytes(StandardCharsets.US_ASCII));
            sha.update(new byte[8]);
            sha.update(ByteBuffer.allocate(4).putInt(256).array());
            byte[] cek = sha.digest();
            byte[] iv = new byte[12];
            SyncFixtures.RANDOM.nextBytes(iv);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
            gcm.updateAAD(headerB64.getBytes(StandardCharsets.US_ASCII));
            byte[] out = gcm.doFinal(plaintext);
            byte[] ct = Arrays.copyOfRange(out, 0, out.length - 16);
            byte[] tag = Arrays.copyOfRange(out, out.length - 16, out.length);
            return headerB64 + ".." + Bytes.base64UrlNoPad(iv) + "." + Bytes.base64UrlNoPad(ct) + "."
                    + Bytes.base64UrlNoPad(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coordinate(BigInteger c) {
        return Bytes.base64UrlNoPad(BigIntegers.asUnsignedByteArray(32, c));
    }
}
