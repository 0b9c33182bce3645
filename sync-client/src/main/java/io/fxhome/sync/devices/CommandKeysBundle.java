package io.fxhome.sync.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.EncryptedPayload;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.KeyId;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.crypto.ScopedKey;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;

/**
 * The value of a device's {@code availableCommands["…/cmd/open-uri"]}: a JSON string holding
 * {@code {"kid": hex(client state), "IV", "hmac", "ciphertext"}}, a Sync record envelope (AES-256-CBC + HMAC under the
 * key bundle of the oldsync scoped key kSync) of {@code {"publicKey": b64url, "authSecret": b64url}}. The kid is the
 * client-state half of the oldsync key's kid, so a device published under an older key is recognised as stale.
 */
public final class CommandKeysBundle {
    private CommandKeysBundle() {
    }

    /** The JSON text to publish for {@code keys} under the account's oldsync key. */
    public static String seal(PublicCommandKeys keys, ScopedKey oldsync) {
        ObjectNode clear = Json.object();
        clear.put("publicKey", Bytes.base64UrlNoPad(keys.publicKey()));
        clear.put("authSecret", Bytes.base64UrlNoPad(keys.authSecret()));
        byte[] cleartext = clear.toString().getBytes(StandardCharsets.UTF_8);
        EncryptedPayload sealed = new RecordCipher(bundle(oldsync)).encrypt(cleartext);
        Bytes.wipe(cleartext);
        ObjectNode out = Json.object();
        out.put("kid", Hex.encode(clientState(oldsync)));
        out.put("IV", sealed.iv());
        out.put("hmac", sealed.hmac());
        out.put("ciphertext", sealed.ciphertext());
        return out.toString();
    }

    /**
     * Reads another device's published keys.
     *
     * @throws CryptoException BAD_FORMAT when the bundle is malformed, BAD_KEY when it was published under another
     *         oldsync key (the kid differs), BAD_HMAC when it does not authenticate
     */
    public static PublicCommandKeys open(String bundleJson, ScopedKey oldsync) {
        JsonNode bundle;
        try {
            bundle = Json.MAPPER.readTree(bundleJson);
        } catch (IOException | RuntimeException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "command keys are not JSON", e);
        }
        if (bundle == null || !bundle.path("kid").isTextual() || !bundle.path("IV").isTextual()
                || !bundle.path("hmac").isTextual() || !bundle.path("ciphertext").isTextual()) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "command keys lack kid, IV, hmac or ciphertext");
        }
        byte[] kid;
        try {
            kid = Hex.decode(bundle.get("kid").asText());
        } catch (IllegalArgumentException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "command keys kid is not hex", e);
        }
        if (!Bytes.constantTimeEquals(kid, clientState(oldsync))) {
            throw new CryptoException(CryptoException.Problem.BAD_KEY,
                    "command keys were published under another oldsync key");
        }
        byte[] clear = new RecordCipher(bundle(oldsync)).decrypt(new EncryptedPayload(bundle.get("ciphertext").asText(),
                bundle.get("IV").asText(), bundle.get("hmac").asText()));
        try {
            JsonNode keys = Json.MAPPER.readTree(clear);
            return new PublicCommandKeys(Bytes.base64UrlDecode(keys.path("publicKey").asText()),
                    Bytes.base64UrlDecode(keys.path("authSecret").asText()));
        } catch (IOException | RuntimeException e) {
            throw new CryptoException(CryptoException.Problem.BAD_FORMAT, "command keys cleartext is malformed", e);
        } finally {
            Bytes.wipe(clear);
        }
    }

    private static KeyBundle bundle(ScopedKey oldsync) {
        if (!SyncKeyDerivation.OLDSYNC_SCOPE.equals(oldsync.scope())) {
            throw new IllegalArgumentException("command keys are sealed under the oldsync scoped key only");
        }
        byte[] k = oldsync.k();
        try {
            return KeyBundle.fromKSync(k);
        } finally {
            Bytes.wipe(k);
        }
    }

    private static byte[] clientState(ScopedKey oldsync) {
        return KeyId.parse(oldsync.kid()).clientState();
    }
}
