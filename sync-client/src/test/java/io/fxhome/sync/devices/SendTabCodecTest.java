package io.fxhome.sync.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyId;
import io.fxhome.sync.crypto.ScopedKey;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.webpush.PushKeys;

/** Send Tab keys published under the oldsync key, and open-uri payloads encrypted to them. */
class SendTabCodecTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void publishedKeysHaveTheReferenceShapeAndOpenOnlyUnderTheSameOldsyncKey() throws Exception {
        ScopedKey oldsync = oldsync(1_700_000_000_000L);
        PushKeys keys = PushKeys.generate(random);
        String published = CommandKeysBundle.seal(PublicCommandKeys.of(keys), oldsync);

        JsonNode json = Json.MAPPER.readTree(published);
        assertThat(json.properties()).extracting(e -> e.getKey()).containsExactlyInAnyOrder("kid", "IV", "hmac",
                "ciphertext");
        assertThat(json.get("kid").asText()).isEqualTo(Hex.encode(KeyId.parse(oldsync.kid()).clientState()));
        assertThat(published).doesNotContain(Bytes.base64UrlNoPad(keys.authSecret()));

        PublicCommandKeys opened = CommandKeysBundle.open(published, oldsync);
        assertThat(opened.publicKey()).isEqualTo(keys.publicKey());
        assertThat(opened.authSecret()).isEqualTo(keys.authSecret());

        ScopedKey rotated = oldsync(1_800_000_000_000L);
        assertThatThrownBy(() -> CommandKeysBundle.open(published, rotated)).isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).problem()).isEqualTo(CryptoException.Problem.BAD_KEY);
        ObjectNode tampered = (ObjectNode) json.deepCopy();
        String ciphertext = json.get("ciphertext").asText();
        // A different first character, whatever the random ciphertext began with.
        char first = ciphertext.charAt(0) == 'A' ? 'B' : 'A';
        tampered.put("ciphertext", first + ciphertext.substring(1));
        assertThatThrownBy(() -> CommandKeysBundle.open(tampered.toString(), oldsync))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CommandKeysBundle.open("{\"kid\":1}", oldsync)).isInstanceOf(CryptoException.class);
    }

    @Test
    void aTabEncryptedToTheTargetsKeysDecryptsToTheSameEntries() {
        PushKeys target = PushKeys.generate(random);
        SendTabPayload tab = new SendTabPayload(List.of(new TabEntry("Ünïcode <b>title</b>", "https://example.org/ä?x=1",
                false)), "flow12345678", "stream123456");
        ObjectNode payload = new SendTabCodec(random).encrypt(PublicCommandKeys.of(target), tab);
        assertThat(payload.properties()).extracting(e -> e.getKey()).containsExactly("encrypted");
        assertThat(payload.toString()).doesNotContain("example.org");

        SendTabPayload got = SendTabCodec.decrypt(payload, target);
        assertThat(got).isEqualTo(tab);
        assertThat(got.current().url()).isEqualTo("https://example.org/ä?x=1");

        assertThatThrownBy(() -> SendTabCodec.decrypt(payload, PushKeys.generate(random)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> SendTabCodec.decrypt(Json.object().put("encrypted", "%%"), target))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void theMinimalReferencePayloadParses() {
        assertThatThrownBy(() -> SendTabPayload.parse("{\"entries\": []}".getBytes())).isInstanceOf(
                CryptoException.class);
        SendTabPayload p = SendTabPayload.parse("{\"entries\":[{\"title\":\"t\",\"url\":\"https://e.com\"}]}".getBytes());
        assertThat(p.current()).isEqualTo(new TabEntry("t", "https://e.com", false));
        assertThat(p.flowId()).isEmpty();
    }

    private ScopedKey oldsync(long keysChangedAt) {
        byte[] k = new byte[64];
        random.nextBytes(k);
        byte[] cs = new byte[16];
        random.nextBytes(cs);
        return new ScopedKey(SyncKeyDerivation.OLDSYNC_SCOPE, k, keysChangedAt + "-" + Bytes.base64UrlNoPad(cs));
    }
}
