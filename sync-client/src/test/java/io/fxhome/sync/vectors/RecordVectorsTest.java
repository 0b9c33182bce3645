package io.fxhome.sync.vectors;

import static io.fxhome.sync.vectors.VectorCases.b64;
import static io.fxhome.sync.vectors.VectorCases.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fxhome.sync.crypto.CollectionKeys;
import io.fxhome.sync.crypto.EncryptedPayload;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.LegacySyncKey;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.CryptoException;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.sync.storage.PageReader;
import io.fxhome.sync.storage.RecordSink;
import io.fxhome.sync.storage.SkipReason;
import io.fxhome.vectors.testing.Vectors;

/**
 * record.json: record decryption and encryption. BSO cases go through {@link PageReader}, the same streaming path
 * a collection download uses (BSO JSON → envelope → HMAC → AES → cleartext).
 */
class RecordVectorsTest {
    private static final String FILE = "record.json";

    static Stream<Arguments> cases() {
        return VectorCases.of(FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproduces(JsonNode testCase) throws IOException {
        VectorCheck c = new VectorCheck(testCase);
        switch (testCase.get("kind").asText()) {
            case "record_decrypt" -> decrypt(c);
            case "aead_legacy_sync" -> aead(c);
            case "record_encrypt" -> encrypt(c);
            default -> throw new AssertionError("no checker for kind " + testCase.get("kind"));
        }
        c.assertComplete();
    }

    /** Resolves the case's key_source to a bundle, decrypting the referenced crypto/keys case when needed. */
    static KeyBundle keys(JsonNode keySource) throws IOException {
        switch (keySource.get("type").asText()) {
            case "explicit":
                return KeyBundle.fromBase64Pair(keySource.get("encKey_b64").asText(),
                        keySource.get("hmacKey_b64").asText());
            case "kB":
                return SyncKeyDerivation.syncKeyBundle(hex(keySource.get("kB_hex")));
            case "legacy_sync_key":
                return LegacySyncKey.bundle(LegacySyncKey.decodeFriendly(keySource.get("syncKey_friendly").asText()),
                        keySource.get("username").asText());
            case "from_case":
                JsonNode keysCase = Vectors.caseById(FILE, keySource.get("case").asText());
                DecryptedRecord keysRecord = readBso(keys(keysCase.at("/inputs/key_source")),
                        keysCase.at("/inputs/bso_json").asText()).get(0);
                CollectionKeys collectionKeys = CollectionKeys.fromCleartext(keysRecord.cleartext());
                String collection = keySource.path("collection").asText("default");
                KeyBundle bundle = "default".equals(collection) ? collectionKeys.defaultKeys()
                        : collectionKeys.keyFor(collection);
                if (keySource.has("encKey_b64")) {
                    assertThat(bundle).isEqualTo(KeyBundle.fromBase64Pair(keySource.get("encKey_b64").asText(),
                            keySource.get("hmacKey_b64").asText()));
                }
                return bundle;
            default:
                throw new AssertionError("unknown key_source type");
        }
    }

    private static void decrypt(VectorCheck c) throws IOException {
        JsonNode i = c.in();
        KeyBundle keys = keys(i.get("key_source"));
        byte[] clear;
        if (i.has("bso_json")) {
            List<Object> out = read(keys, i.get("bso_json").asText());
            if (out.get(0) instanceof SkipReason) {
                c.exp("hmac_valid", out.get(0) != SkipReason.BAD_HMAC);
                return;
            }
            DecryptedRecord r = (DecryptedRecord) out.get(0);
            JsonNode bso = Json.MAPPER.readTree(i.get("bso_json").asText());
            c.exp("hmac_valid", true);
            c.exp("bso_id", r.id());
            c.exp("sortindex", r.sortindex());
            c.exp("modified", r.modified() == null ? null : new BigDecimal(r.modified().text()));
            c.exp("lastModified_ms", r.modified().millis());
            c.eq("modified text kept verbatim", r.modified().text(), bso.get("modified").decimalValue().toPlainString());
            clear = r.cleartextUtf8();
            c.eq("parsed cleartext", r.cleartext(), Json.MAPPER.readTree(clear));
        } else {
            RecordCipher cipher = new RecordCipher(keys);
            String ct = i.get("ciphertext_b64").asText();
            boolean valid = cipher.hmacMatches(ct, i.get("hmac_hex").asText());
            c.exp("hmac_valid", valid);
            if (!valid) {
                return;
            }
            clear = cipher.decrypt(new EncryptedPayload(ct, i.get("IV_b64").asText(), i.get("hmac_hex").asText()));
            if (c.expected().path("encrypt_with_same_IV_reproduces_ciphertext").asBoolean(false)) {
                c.mark("encrypt_with_same_IV_reproduces_ciphertext");
                EncryptedPayload again = cipher.encrypt(clear, b64(i.get("IV_b64")));
                c.eq("re-encrypt ciphertext", again.ciphertext(), ct);
                c.eq("re-encrypt hmac", again.hmac(), i.get("hmac_hex").asText());
            }
        }
        String text = new String(clear, StandardCharsets.UTF_8);
        JsonNode obj = Json.MAPPER.readTree(clear);
        c.exp("cleartext_b64", Base64.getEncoder().encodeToString(clear));
        c.exp("cleartext_utf8", text);
        c.der("cleartext_utf8", text);
        c.exp("cleartext_json", obj);
        if (c.expected().has("cleartext_fields")) {
            c.mark("cleartext_fields");
            c.expected().get("cleartext_fields").properties()
                    .forEach(e -> c.eq("cleartext field " + e.getKey(), obj.get(e.getKey()), e.getValue()));
        }
        if (c.expected().has("cleartext_array_fields")) {
            c.mark("cleartext_array_fields");
            c.expected().get("cleartext_array_fields")
                    .forEach(f -> c.eq("cleartext field " + f.asText() + " is an array", obj.path(f.asText()).isArray(), true));
        }
        if (obj.has("default")) {
            CollectionKeys ck = CollectionKeys.fromCleartext(obj);
            c.exp("default_encKey_b64", ck.defaultKeys().toBase64Pair().get(0));
            c.exp("default_hmacKey_b64", ck.defaultKeys().toBase64Pair().get(1));
        }
    }

    private static void aead(VectorCheck c) {
        JsonNode i = c.in();
        RecordCipher cipher = new RecordCipher(KeyBundle.fromKSync(b64(i.get("key_b64"))));
        byte[] blob = b64(i.get("ciphertext_and_tag_b64"));
        byte[] clear = cipher.openCombined(b64(i.get("IV_b64")), blob);
        c.exp("cleartext_b64", Base64.getEncoder().encodeToString(clear));
        c.eq("seal reproduces input", Base64.getEncoder().encodeToString(cipher.sealCombined(b64(i.get("IV_b64")), clear)),
                i.get("ciphertext_and_tag_b64").asText());
        blob[blob.length - 1] ^= 1;
        try {
            cipher.openCombined(b64(i.get("IV_b64")), blob);
            throw new AssertionError("a corrupted tag must not verify");
        } catch (CryptoException expected) {
            c.eq("corrupted tag", expected.problem(), CryptoException.Problem.BAD_HMAC);
        }
    }

    private static void encrypt(VectorCheck c) {
        JsonNode i = c.in();
        RecordCipher cipher = new RecordCipher(KeyBundle.of(hex(i.get("encKey_hex")), hex(i.get("hmacKey_hex"))));
        EncryptedPayload p = cipher.encrypt(i.get("cleartext_utf8").asText().getBytes(StandardCharsets.UTF_8),
                hex(i.get("IV_hex")));
        c.exp("ciphertext_b64", p.ciphertext());
        c.exp("ciphertext_hex", Hex.encode(Base64.getDecoder().decode(p.ciphertext())));
        c.exp("hmac_hex", p.hmac());
        c.eq("round trip", new String(cipher.decrypt(EncryptedPayload.parse(p.toJson())), StandardCharsets.UTF_8),
                i.get("cleartext_utf8").asText());
    }

    private static List<DecryptedRecord> readBso(KeyBundle keys, String bsoJson) throws IOException {
        List<DecryptedRecord> records = new ArrayList<>();
        for (Object o : read(keys, bsoJson)) {
            assertThat(o).as("record decrypts").isInstanceOf(DecryptedRecord.class);
            records.add((DecryptedRecord) o);
        }
        return records;
    }

    /** Streams {@code [bso]} through the download page reader; returns records or skip reasons. */
    private static List<Object> read(KeyBundle keys, String bsoJson) throws IOException {
        List<Object> out = new ArrayList<>();
        PageReader reader = new PageReader(keys, new RecordSink() {
            @Override
            public void accept(DecryptedRecord record) {
                out.add(record);
            }

            @Override
            public void skipped(String id, SkipReason reason) {
                out.add(reason);
            }
        });
        reader.read(new ByteArrayInputStream(("[" + bsoJson + "]").getBytes(StandardCharsets.UTF_8)), true);
        assertThat(out).hasSize(1);
        assertThat(reader.records() + reader.skipped()).isEqualTo(1);
        return out;
    }
}
