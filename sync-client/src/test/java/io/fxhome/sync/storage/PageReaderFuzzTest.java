package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.crypto.EncryptedPayload;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.RecordCipher;
import io.fxhome.sync.json.Json;
import io.fxhome.sync.records.BookmarkRecord;
import io.fxhome.sync.records.ClientRecord;
import io.fxhome.sync.records.HistoryRecord;
import io.fxhome.sync.records.TabsRecord;
import io.fxhome.sync.testsupport.HostileJson;
import io.fxhome.sync.testsupport.SyncFixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzing (jqwik) of a collection page: a hostile record, whatever its BSO fields, envelope or cleartext, costs only
 * itself. It is delivered or skipped with its {@link SkipReason}; the good records around it are all delivered, in
 * order, and nothing is thrown past the record.
 */
class PageReaderFuzzTest {
    private static final KeyBundle KEYS = KeyBundle.random(SyncFixtures.RANDOM);
    private static final String MODIFIED = "1700000000.25";

    private final RecordCipher cipher = new RecordCipher(KEYS);

    @Property
    void aHostileRecordAmongGoodOnesCostsOnlyItself(@ForAll("hostileBsos") JsonNode hostile,
            @ForAll @IntRange(max = 3) int before, @ForAll @IntRange(max = 3) int after) throws IOException {
        List<String> elements = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < before + after; i++) {
            String id = "good" + i;
            good.add(id);
            elements.add(SyncFixtures.encryptedBso(cipher, id, MODIFIED, i, SyncFixtures.historyCleartext(id,
                    "https://good.example/" + i, 1_700_000_000_000_000L)).toString());
        }
        elements.add(before, hostile.toString());
        Collected sink = new Collected();
        PageReader reader = new PageReader(KEYS, sink);

        reader.read(new ByteArrayInputStream(("[" + String.join(",", elements) + "]").getBytes(StandardCharsets.UTF_8)),
                true);

        assertThat(sink.delivered.stream().filter(good::contains)).containsExactlyElementsOf(good);
        assertThat(sink.delivered.size() - good.size() + sink.skipped.size()).as("the hostile record's outcomes")
                .isEqualTo(1);
        assertThat(reader.records() + reader.skipped()).isEqualTo(good.size() + 1);
        assertThat(reader.skippedByReason().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(reader.skipped());
    }

    @Property
    void aTamperedEnvelopeIsSkippedWithItsReason(@ForAll("cleartexts") String cleartext,
            @ForAll @IntRange(max = 2) int field, @ForAll("tampering") Tampering tampering) {
        EncryptedPayload good = cipher.encrypt(cleartext.getBytes(StandardCharsets.UTF_8));
        String[] parts = { good.ciphertext(), good.iv(), good.hmac() };
        String original = parts[field];
        parts[field] = tampering.apply(original);
        Assume.that(!parts[field].equals(original));
        String payload = new EncryptedPayload(parts[0], parts[1], parts[2]).toJson();
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), null, payload);

        if (field == 1) {
            // The IV is not under the MAC: a changed one fails to decode, or garbles the cleartext's first block.
            if (record == null) {
                assertThat(decoder.lastSkip()).isIn(SkipReason.DECRYPT_FAILED, SkipReason.NOT_JSON,
                        SkipReason.ID_MISMATCH);
            }
        } else {
            assertThat(record).isNull();
            assertThat(decoder.lastSkip()).isEqualTo(SkipReason.BAD_HMAC);
        }
    }

    @Property
    void garbageUnderTheRightKeyIsDecodedOrSkipped(@ForAll("cleartextBytes") byte[] cleartext) {
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), 7,
                cipher.encrypt(cleartext).toJson());

        if (record == null) {
            assertThat(decoder.lastSkip()).isIn(SkipReason.NOT_JSON, SkipReason.ID_MISMATCH);
        } else {
            assertThat(record.id()).isEqualTo("hostile");
            BookmarkRecord.from(record);
            HistoryRecord.from(record);
            TabsRecord.from(record);
            ClientRecord.from(record);
        }
    }

    @Property
    void anEnvelopeSignedWithTheRightKeyButMalformedIsSkipped(@ForAll("strings") String ciphertext,
            @ForAll("strings") String iv) throws Exception {
        // A client holding the key can MAC any ciphertext text, base64 or not, with any IV.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEYS.hmacKey(), "HmacSHA256"));
        String hmac = java.util.HexFormat.of().formatHex(mac.doFinal(ciphertext.getBytes(StandardCharsets.ISO_8859_1)));
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), null,
                new EncryptedPayload(ciphertext, iv, hmac).toJson());

        assertThat(record).isNull();
        assertThat(decoder.lastSkip()).isIn(SkipReason.DECRYPT_FAILED, SkipReason.NOT_JSON, SkipReason.ID_MISMATCH);
    }

    @Property
    void anyPayloadTextIsAnEnvelopeOrSkipped(@ForAll("payloadTexts") String payload) {
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), null, payload);

        // Splicing can leave the envelope intact, or change only its IV, which the MAC does not cover.
        if (record == null) {
            assertThat(decoder.lastSkip()).isIn(SkipReason.BAD_ENVELOPE, SkipReason.BAD_HMAC,
                    SkipReason.DECRYPT_FAILED, SkipReason.NOT_JSON, SkipReason.ID_MISMATCH);
        }
    }

    /** Hostile page elements: any JSON value, a BSO with its fields mutated, a tampered envelope, garbage inside. */
    @Provide
    Arbitrary<JsonNode> hostileBsos() {
        ObjectNode valid = SyncFixtures.encryptedBso(cipher, "hostile", MODIFIED, 3,
                HostileJson.validRecords().get(0).put("id", "hostile").toString());
        ObjectNode envelope = (ObjectNode) json(valid.get("payload").asText());
        Arbitrary<JsonNode> tamperedEnvelope = HostileJson.mutated(envelope)
                .map(e -> valid.deepCopy().put("payload", e.toString()));
        Arbitrary<JsonNode> garbageInside = cleartextBytes().map(clear -> SyncFixtures.bso("hostile", MODIFIED, null,
                cipher.encrypt(clear).toJson()));
        // A page element beyond Jackson's limits (a number of over 1,000 digits, nesting over 1,000 deep) fails the
        // whole page with a JsonProcessingException: only a storage server can write one (PageReaderTest).
        Arbitrary<JsonNode> anyValue = HostileJson.values(3).filter(v -> withinParserLimits(v.toString()));
        return Arbitraries.frequencyOf(
                Tuple.of(2, anyValue),
                Tuple.of(3, HostileJson.mutated(valid).filter(v -> withinParserLimits(v.toString()))
                        .map(JsonNode.class::cast)),
                Tuple.of(2, tamperedEnvelope),
                Tuple.of(3, garbageInside));
    }

    @Provide
    Arbitrary<String> cleartexts() {
        return HostileJson.records().map(o -> o.put("id", "hostile").toString());
    }

    @Provide
    Arbitrary<byte[]> cleartextBytes() {
        return HostileJson.bytes(HostileJson.texts(HostileJson.records()));
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(HostileJson.strings(), Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=")
                .ofMaxLength(64));
    }

    @Provide
    Arbitrary<String> payloadTexts() {
        return HostileJson.texts(Arbitraries.oneOf(HostileJson.objects(2),
                HostileJson.mutated((ObjectNode) json(cipher.encrypt(new byte[] { '{', '}' }).toJson()))));
    }

    /** One change to a base64 or hex text: a character replaced, some cut off, an extra one, or another text. */
    interface Tampering {
        String apply(String text);
    }

    @Provide
    Arbitrary<Tampering> tampering() {
        Arbitrary<Tampering> replace = Combinators.combine(Arbitraries.integers().between(0, 200),
                Arbitraries.chars().with("Aa0+/=\u00e9\u0000 ".toCharArray())).as((at, c) -> text -> {
                    int i = at % text.length();
                    return text.substring(0, i) + c + text.substring(i + 1);
                });
        Arbitrary<Tampering> cut = Arbitraries.integers().between(0, 200)
                .map(at -> text -> text.substring(0, Math.min(at, text.length() - 1)));
        Arbitrary<Tampering> append = Arbitraries.of("=", "A", "AAAA", " ", "\n").map(s -> text -> text + s);
        Arbitrary<Tampering> other = HostileJson.strings().map(s -> text -> s);
        return Arbitraries.oneOf(replace, cut, append, other);
    }

    private static boolean withinParserLimits(String text) {
        try {
            Json.MAPPER.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class Collected implements RecordSink {
        final List<String> delivered = new ArrayList<>();
        final List<SkipReason> skipped = new ArrayList<>();

        @Override
        public void accept(DecryptedRecord record) {
            delivered.add(record.id());
        }

        @Override
        public void skipped(String id, SkipReason reason) {
            assertThat(reason).isNotNull();
            skipped.add(reason);
        }
    }
}
