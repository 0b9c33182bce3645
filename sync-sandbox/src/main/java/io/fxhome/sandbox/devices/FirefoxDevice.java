package io.fxhome.sandbox.devices;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.crypto.Base64s;
import io.fxhome.sandbox.crypto.Hex;
import io.fxhome.sandbox.crypto.KeyBundle;
import io.fxhome.sandbox.crypto.RecordCipher;
import io.fxhome.sandbox.http.Json;

/**
 * The simulated Firefox as one of the account's devices: it publishes {@code open-uri} keys as Firefox does (its
 * P-256 key and auth secret sealed under kSync's bundle, kid = hex of the client state), sends tabs to another device
 * by reading that device's published keys, and decrypts what was sent to it.
 */
public final class FirefoxDevice {
    public static final String OPEN_URI = "https://identity.mozilla.com/cmd/open-uri";
    /** fxa-auth-server's DEFAULT_COMMAND_TTL for open-uri: 30 days. */
    public static final long OPEN_URI_TTL_SECONDS = 30L * 24 * 3600;
    public static final String NAME = "Firefox on sandbox-laptop";

    private final AccountDevices devices;
    private final byte[] kSync;
    private final byte[] clientState;
    private final SecureRandom random;
    private final BcWebPush.Keys keys;
    private final String id;

    FirefoxDevice(AccountDevices devices, byte[] kSync, byte[] clientState, SecureRandom random, long now) {
        this.devices = devices;
        this.kSync = kSync.clone();
        this.clientState = clientState.clone();
        this.random = random;
        this.keys = BcWebPush.generate(random);
        this.id = devices.upsert(null, null, NAME, "desktop", Map.of(OPEN_URI, publishedKeys()), now).id();
    }

    public String id() {
        return id;
    }

    /** A tab the simulated Firefox received. */
    public record ReceivedTab(long index, String sender, String title, String url) {
    }

    /** Sends a tab to {@code targetId} as Firefox's "Send to device" does; returns the queue index. */
    public long sendTab(String targetId, String url, String title, long now) {
        Device target = devices.byId(targetId).orElseThrow(() -> new IllegalArgumentException("no device "
                + targetId));
        String bundle = target.availableCommands().get(OPEN_URI);
        if (bundle == null) {
            throw new IllegalStateException("device " + targetId + " does not accept open-uri");
        }
        JsonNode published = Json.parseOrNull(bundle.getBytes(StandardCharsets.UTF_8));
        if (published == null || !Hex.encode(clientState).equals(published.path("kid").asText())) {
            throw new IllegalStateException("device " + targetId + " published its keys under another key");
        }
        JsonNode targetKeys = Json.parseOrNull(openEnvelope(published));
        byte[] body;
        ObjectNode tab = Json.object();
        tab.putArray("entries").addObject().put("title", title).put("url", url).put("private", false);
        tab.put("flowID", randomId()).put("streamID", randomId());
        body = BcWebPush.encrypt(Base64s.fromUrl(targetKeys.path("publicKey").asText()),
                Base64s.fromUrl(targetKeys.path("authSecret").asText()), Json.writeBytes(tab), random);
        ObjectNode payload = Json.object().put("encrypted", Base64s.urlNoPad(body));
        return devices.enqueue(targetId, OPEN_URI, payload, id, OPEN_URI_TTL_SECONDS, now);
    }

    /** What was sent to the simulated Firefox and has not expired, decrypted with its own keys. */
    public List<ReceivedTab> received(long now) {
        List<ReceivedTab> out = new ArrayList<>();
        for (DeviceCommand c : devices.retrieve(id, null, Integer.MAX_VALUE, now).messages()) {
            if (!OPEN_URI.equals(c.command())) {
                continue;
            }
            byte[] clear = BcWebPush.decrypt(keys, Base64s.fromUrl(c.payload().path("encrypted").asText()));
            JsonNode entries = Json.parseOrNull(clear).path("entries");
            JsonNode last = entries.get(entries.size() - 1);
            out.add(new ReceivedTab(c.index(), c.sender(), last.path("title").asText(), last.path("url").asText()));
        }
        return out;
    }

    private String publishedKeys() {
        ObjectNode clear = Json.object().put("publicKey", Base64s.urlNoPad(keys.publicPoint()))
                .put("authSecret", Base64s.urlNoPad(keys.authSecret()));
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        RecordCipher.Envelope e = RecordCipher.encrypt(Json.writeBytes(clear), KeyBundle.fromKSync(kSync), iv);
        return Json.object().put("kid", Hex.encode(clientState)).put("IV", e.iv()).put("hmac", e.hmac())
                .put("ciphertext", e.ciphertext()).toString();
    }

    private byte[] openEnvelope(JsonNode env) {
        KeyBundle bundle = KeyBundle.fromKSync(kSync);
        String ct = env.path("ciphertext").asText();
        if (!MessageDigest.isEqual(RecordCipher.hmacHex(ct, bundle).getBytes(StandardCharsets.US_ASCII),
                env.path("hmac").asText().getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("the published command keys do not authenticate under kSync");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(bundle.encKey(), "AES"), new IvParameterSpec(Base64s
                    .fromStd(env.path("IV").asText())));
            return aes.doFinal(Base64s.fromStd(ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the published command keys do not decrypt", e);
        }
    }

    private String randomId() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return Hex.encode(b);
    }
}
