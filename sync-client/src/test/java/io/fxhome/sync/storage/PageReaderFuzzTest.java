package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.fuzz.testing.Fuzz;
import io.fxhome.fuzz.testing.Gen;
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

/**
 * Fuzzing ({@link Fuzz}, {@value #TRIES} tries per property by default) of a collection page: a hostile record, whatever its
 * BSO fields, envelope or cleartext, costs only
 * itself. It is delivered or skipped with its {@link SkipReason}; the good records around it are all delivered, in
 * order, and nothing is thrown past the record.
 */
class PageReaderFuzzTest {
    /** Fixed keys and IVs drawn from the try's seed: a seed replays its try exactly (MAC bytes included). */
    private static final KeyBundle KEYS = KeyBundle.of(bytes(1), bytes(101));
    private static final byte[] FIXED_IV = bytes(201, 16);
    private static final String MODIFIED = "1700000000.25";
    static final int TRIES = 200;

    private final RecordCipher cipher = new RecordCipher(KEYS);

    /** A page: {@code before} good records, the hostile one, {@code after} good records. */
    record Page(JsonNode hostile, int before, int after) {
    }

    @Test
    void aHostileRecordAmongGoodOnesCostsOnlyItself() {
        Gen<JsonNode> hostile = hostileBsos();
        Fuzz.forAll(TRIES, r -> new Page(hostile.next(r), r.nextInt(4), r.nextInt(4)), this::costsOnlyItself);
    }

    private void costsOnlyItself(Page page) throws IOException {
        JsonNode hostile = page.hostile();
        int before = page.before();
        int after = page.after();
        List<String> elements = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < before + after; i++) {
            String id = "good" + i;
            good.add(id);
            elements.add(SyncFixtures.bso(id, MODIFIED, i, cipher.encrypt(SyncFixtures.historyCleartext(id,
                    "https://good.example/" + i, 1_700_000_000_000_000L).getBytes(StandardCharsets.UTF_8), FIXED_IV)
                    .toJson()).toString());
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

    /** A cleartext, which envelope field to tamper with (ciphertext, IV, HMAC) and how. */
    record Tampered(String cleartext, EncryptedPayload good, int field, Tampering tampering) {
    }

    @Test
    void aTamperedEnvelopeIsSkippedWithItsReason() {
        Gen<String> cleartexts = cleartexts();
        Gen<Tampering> tampering = tampering();
        Fuzz.forAll(TRIES, r -> {
            String cleartext = cleartexts.next(r);
            return new Tampered(cleartext, cipher.encrypt(cleartext.getBytes(StandardCharsets.UTF_8), iv(r)),
                    r.nextInt(3), tampering.next(r));
        }, this::skippedWithItsReason);
    }

    private void skippedWithItsReason(Tampered input) {
        EncryptedPayload good = input.good();
        int field = input.field();
        Tampering tampering = input.tampering();
        String[] parts = { good.ciphertext(), good.iv(), good.hmac() };
        String original = parts[field];
        parts[field] = tampering.apply(original);
        // Not tampered, so nothing to check and the try is discarded: the same text, or an HMAC whose hex differs only in
        // case (the same MAC bytes: hex is read in either case, as Mozilla's Rust client reads it).
        if (parts[field].equals(original) || field == 2 && parts[field].equalsIgnoreCase(original)) {
            return;
        }
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

    /** Found by the fuzzing: Jackson's NumberFormatException for such a number escaped the decoder, failing the page. */
    @Test
    void aNumberJacksonCannotReadInTheCleartextIsSkippedAsNotJson() {
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), 7, cipher.encrypt(
                "{\"id\":\"hostile\",\"n\":1e99999999900000}".getBytes(StandardCharsets.UTF_8), FIXED_IV).toJson());

        assertThat(record).isNull();
        assertThat(decoder.lastSkip()).isEqualTo(SkipReason.NOT_JSON);
    }

    @Test
    void garbageUnderTheRightKeyIsDecodedOrSkipped() {
        Gen<byte[]> cleartexts = cleartextBytes();
        Fuzz.forAll(TRIES, r -> {
            byte[] cleartext = cleartexts.next(r);
            return new Garbage(cleartext, cipher.encrypt(cleartext, iv(r)));
        }, this::decodedOrSkipped);
    }

    /** Cleartext bytes and their envelope under the right key. */
    record Garbage(byte[] cleartext, EncryptedPayload payload) {
        @Override
        public String toString() {
            return "cleartext " + HexFormat.of().formatHex(cleartext) + " in " + payload;
        }
    }

    private void decodedOrSkipped(Garbage input) {
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), 7,
                input.payload().toJson());

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

    /** An envelope's ciphertext and IV texts, MACed with the right key. */
    record Signed(String ciphertext, String iv) {
    }

    @Test
    void anEnvelopeSignedWithTheRightKeyButMalformedIsSkipped() {
        Gen<String> strings = strings();
        Fuzz.forAll(TRIES, r -> new Signed(strings.next(r), strings.next(r)), this::signedButMalformedIsSkipped);
    }

    private void signedButMalformedIsSkipped(Signed input) throws Exception {
        String ciphertext = input.ciphertext();
        String iv = input.iv();
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

    @Test
    void anyPayloadTextIsAnEnvelopeOrSkipped() {
        Fuzz.forAll(TRIES, payloadTexts(), this::envelopeOrSkipped);
    }

    private void envelopeOrSkipped(String payload) {
        BsoDecoder decoder = new BsoDecoder(KEYS);

        DecryptedRecord record = decoder.decode("hostile", ServerTimestamp.parse(MODIFIED), null, payload);

        // Splicing can leave the envelope intact, or change only its IV, which the MAC does not cover.
        if (record == null) {
            assertThat(decoder.lastSkip()).isIn(SkipReason.BAD_ENVELOPE, SkipReason.BAD_HMAC,
                    SkipReason.DECRYPT_FAILED, SkipReason.NOT_JSON, SkipReason.ID_MISMATCH);
        }
    }

    /** Hostile page elements: any JSON value, a BSO with its fields mutated, a tampered envelope, garbage inside. */
    Gen<JsonNode> hostileBsos() {
        ObjectNode valid = SyncFixtures.bso("hostile", MODIFIED, 3, cipher.encrypt(HostileJson.validRecords().get(0)
                .put("id", "hostile").toString().getBytes(StandardCharsets.UTF_8), FIXED_IV).toJson());
        ObjectNode envelope = (ObjectNode) json(valid.get("payload").asText());
        Gen<JsonNode> tamperedEnvelope = HostileJson.mutated(envelope)
                .map(e -> valid.deepCopy().put("payload", e.toString()));
        Gen<byte[]> garbage = cleartextBytes();
        Gen<JsonNode> garbageInside = r -> SyncFixtures.bso("hostile", MODIFIED, null,
                cipher.encrypt(garbage.next(r), iv(r)).toJson());
        // A page element beyond Jackson's limits (a number of over 1,000 digits, nesting over 1,000 deep) fails the
        // whole page with a JsonProcessingException: only a storage server can write one (PageReaderTest).
        Gen<JsonNode> anyValue = withinParserLimits(HostileJson.values(3));
        return Gen.frequency(
                Gen.weight(2, anyValue),
                Gen.weight(3, withinParserLimits(HostileJson.mutated(valid))),
                Gen.weight(2, tamperedEnvelope),
                Gen.weight(3, garbageInside));
    }

    static Gen<String> cleartexts() {
        return HostileJson.records().map(o -> o.put("id", "hostile").toString());
    }

    static Gen<byte[]> cleartextBytes() {
        return HostileJson.bytes(HostileJson.texts(HostileJson.records()));
    }

    static Gen<String> strings() {
        Gen<Character> base64 = Gen.of("ABCDEFabcdef0123456789+/=".chars().mapToObj(c -> (char) c).toList());
        return Gen.oneOf(HostileJson.strings(), base64.list(0, 64).map(chars -> {
            StringBuilder s = new StringBuilder();
            chars.forEach(s::append);
            return s.toString();
        }));
    }

    Gen<String> payloadTexts() {
        return HostileJson.texts(Gen.oneOf(HostileJson.objects(2),
                HostileJson.mutated((ObjectNode) json(cipher.encrypt(new byte[] { '{', '}' }, FIXED_IV).toJson()))));
    }

    /** One change to a base64 or hex text: a character replaced, some cut off, an extra one, or another text. */
    interface Tampering {
        String apply(String text);
    }

    static Gen<Tampering> tampering() {
        Gen<Character> replacement = Gen.of('A', 'a', '0', '+', '/', '=', '\u00e9', '\u0000', ' ');
        Gen<Tampering> replace = r -> {
            int at = r.nextInt(201);
            char c = replacement.next(r);
            return described("replace at " + at + " by U+" + Integer.toHexString(c), text -> {
                int i = at % text.length();
                return text.substring(0, i) + c + text.substring(i + 1);
            });
        };
        Gen<Tampering> cut = r -> {
            int at = r.nextInt(201);
            return described("cut at " + at, text -> text.substring(0, Math.min(at, text.length() - 1)));
        };
        Gen<Tampering> append = Gen.of("=", "A", "AAAA", " ", "\n")
                .map(s -> described("append " + Json.MAPPER.getNodeFactory().textNode(s), text -> text + s));
        Gen<Tampering> other = HostileJson.strings()
                .map(s -> described("replace by " + Json.MAPPER.getNodeFactory().textNode(s), text -> s));
        return Gen.oneOf(replace, cut, append, other);
    }

    /** A tampering that says what it does in a failure message. */
    private static Tampering described(String description, Tampering tampering) {
        return new Tampering() {
            @Override
            public String apply(String text) {
                return tampering.apply(text);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** {@code gen}'s values that Jackson parses back (drawn again until one does). */
    private static <T extends JsonNode> Gen<JsonNode> withinParserLimits(Gen<T> gen) {
        return r -> {
            while (true) {
                T value = gen.next(r);
                if (withinParserLimits(value.toString())) {
                    return value;
                }
            }
        };
    }

    /** An IV from the try's random, never all zeros (syncstorage-rs refuses one). */
    private static byte[] iv(SplittableRandom r) {
        byte[] iv = new byte[16];
        do {
            r.nextBytes(iv);
        } while (Arrays.equals(iv, new byte[16]));
        return iv;
    }

    private static byte[] bytes(int first) {
        return bytes(first, KeyBundle.KEY_LENGTH);
    }

    /** {@code length} bytes counting up from {@code first}. */
    private static byte[] bytes(int first, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (first + i);
        }
        return out;
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
