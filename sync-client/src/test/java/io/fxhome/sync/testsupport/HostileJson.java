package io.fxhome.sync.testsupport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.fuzz.testing.Gen;
import io.fxhome.sync.json.Json;

/**
 * Generators ({@link Gen}, seeded) of what a hostile or broken Sync client can upload: JSON values of every type where a string
 * or a
 * number is expected, huge and non-finite numbers, deep nesting, NULs, lone surrogates and other unicode edges, valid
 * records with fields replaced or removed one by one, and texts and bytes that are not JSON at all.
 */
public final class HostileJson {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
    /** Record members every collection's parser reads, so that generated objects hit the parsers' branches. */
    private static final List<String> FIELD_NAMES = List.of("id", "deleted", "type", "parentid", "parentName",
            "dateAdded", "hasDupe", "title", "bmkUri", "tags", "keyword", "children", "feedUri", "siteUri", "pos",
            "histUri", "visits", "date", "clientName", "tabs", "urlHistory", "icon", "lastUsed", "inactive", "pinned",
            "index", "name", "commands", "command", "args", "flowID", "fxaDeviceId", "protocols", "formfactor", "os",
            "ciphertext", "IV", "hmac", "payload", "modified", "sortindex");

    private HostileJson() {
    }

    /** Strings with NULs, lone surrogates, controls, bidi marks, astral characters, id-like words and long runs. */
    public static Gen<String> strings() {
        return Gen.frequency(
                Gen.weight(5, Gen.anyString(0, 24)),
                Gen.weight(4, Gen.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d",
                        "\ud83d\ude00", "\u202e", "\ufeff", "\uffff", "\\", "\"", "\t\n\r", "null", "NaN", "Infinity",
                        "true", "false", "0", "-0", "1e999999999", "-1", "9223372036854775808", "1.5", " 42 ",
                        "0x10", "menu", "places", "pinned", "readinglist", "toolbar", "unfiled", "mobile", "root",
                        "https://example.com/", "javascript:alert(1)", "place:sort=8", "9".repeat(100_000))),
                Gen.weight(1, Gen.anyString(300, 1_500)));
    }

    /** Numbers at and beyond every limit: long and int bounds, huge integers and exponents, NaN and infinities. */
    public static Gen<JsonNode> numbers() {
        return Gen.oneOf(
                random -> NODES.numberNode(random.nextLong()),
                random -> NODES.numberNode(random.nextInt()),
                Gen.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 253_402_300_800_000L, 253_402_300_799_999L,
                        31_556_889_864_403_199L, 9_007_199_254_740_993L).map(NODES::numberNode),
                random -> NODES.numberNode(random.nextBoolean() ? (random.nextDouble() - 0.5) * 2e6
                        : Double.longBitsToDouble(random.nextLong())),
                Gen.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE,
                        Double.MIN_VALUE, 1e19, -1e19).map(NODES::numberNode),
                Gen.of(19, 20, 40, 308, 309, 999, 1_000, 1_001)
                        .map(digits -> NODES.numberNode(BigInteger.TEN.pow(digits))),
                Gen.of("1E+999999999", "-1E+999999999", "1E-999999999", "1E+63", "1E+64", "12.5E+3",
                        "0.000000001").map(s -> NODES.numberNode(new BigDecimal(s))));
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    public static Gen<JsonNode> values(int depth) {
        Gen<JsonNode> scalars = Gen.frequency(
                Gen.weight(3, strings().map(NODES::textNode)),
                Gen.weight(3, numbers()),
                Gen.weight(1, Gen.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false))));
        if (depth <= 0) {
            return scalars;
        }
        return Gen.frequency(
                Gen.weight(4, scalars),
                Gen.weight(1, values(depth - 1).list(0, 4).map(HostileJson::array)),
                Gen.weight(1, objects(depth - 1)));
    }

    /** Objects whose members are mostly the names record parsers read, with hostile values. */
    public static Gen<ObjectNode> objects(int depth) {
        Gen<String> names = Gen.frequency(
                Gen.weight(4, Gen.of(FIELD_NAMES)),
                Gen.weight(1, strings()));
        return members(names, values(depth), 5);
    }

    /** Objects of up to {@code max} members (a name drawn twice is one member, as in a map). */
    private static Gen<ObjectNode> members(Gen<String> names, Gen<JsonNode> values, int max) {
        return random -> {
            ObjectNode o = NODES.objectNode();
            int size = random.nextInt(max + 1);
            for (int i = 0; i < size; i++) {
                o.set(names.next(random), values.next(random));
            }
            return o;
        };
    }

    /**
     * {@code valid} with up to four members replaced by hostile values or removed, at any depth (a visit, a tab, a
     * command), and sometimes hostile extra members: a real record mutated field by field.
     */
    public static Gen<ObjectNode> mutated(ObjectNode valid) {
        Gen<JsonNode> replacement = Gen.frequency(
                Gen.weight(5, values(2)),
                Gen.weight(1, Gen.just(MissingNode.getInstance())));
        Gen<ObjectNode> extras = members(Gen.of(FIELD_NAMES), values(1), 2);
        return random -> {
            ObjectNode o = valid.deepCopy();
            int changes = random.nextInt(1, 5);
            for (int c = 0; c < changes; c++) {
                List<ObjectNode> objects = new ArrayList<>();
                collectObjects(o, objects);
                ObjectNode target = objects.get(random.nextInt(101) % objects.size());
                List<String> names = new ArrayList<>();
                target.fieldNames().forEachRemaining(names::add);
                String name = names.isEmpty() ? "id" : names.get(random.nextInt(101) % names.size());
                JsonNode value = replacement.next(random);
                if (value.isMissingNode()) {
                    target.remove(name);
                } else {
                    target.set(name, value);
                }
            }
            // Extras only sometimes, so that most inputs show the one changed field that matters.
            ObjectNode extra = extras.next(random);
            if (random.nextInt(4) == 0) {
                o.setAll(extra);
            }
            return o;
        };
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node.isObject()) {
            into.add((ObjectNode) node);
        }
        node.forEach(child -> collectObjects(child, into));
    }

    /** Real records of each collection, as Firefox, Fenix and Firefox for iOS upload them. */
    public static List<ObjectNode> validRecords() {
        return List.of(
                parse("{\"id\":\"bookmarkAAAA\",\"type\":\"bookmark\",\"parentid\":\"toolbar\",\"parentName\":\"Toolbar\","
                        + "\"dateAdded\":1700000000123,\"title\":\"A\",\"bmkUri\":\"https://a.example/\",\"tags\":[\"t\"],"
                        + "\"keyword\":\"k\",\"hasDupe\":false}"),
                parse("{\"id\":\"folderBBBBBB\",\"type\":\"folder\",\"parentid\":\"menu\",\"title\":\"F\","
                        + "\"children\":[\"bookmarkAAAA\",\"separatorCC\"],\"dateAdded\":1600000000000}"),
                parse("{\"id\":\"livemarkDDD\",\"type\":\"livemark\",\"parentid\":\"unfiled\",\"feedUri\":\"https://f/\","
                        + "\"siteUri\":\"https://s/\",\"children\":[]}"),
                parse("{\"id\":\"separatorCC\",\"type\":\"separator\",\"parentid\":\"folderBBBBBB\",\"pos\":1}"),
                parse("{\"id\":\"queryEEEEEE\",\"type\":\"query\",\"parentid\":\"toolbar\",\"bmkUri\":\"place:sort=8\","
                        + "\"folderName\":\"x\",\"queryId\":\"MostVisited\"}"),
                parse("{\"id\":\"historyAAAA\",\"histUri\":\"https://h.example/\",\"title\":\"H\","
                        + "\"visits\":[{\"date\":1700000000000000,\"type\":1},{\"date\":\"1600000000000000\",\"type\":2.0}]}"),
                parse("{\"id\":\"tabsClient1\",\"clientName\":\"Phone\",\"tabs\":[{\"title\":\"T\","
                        + "\"urlHistory\":[\"https://t.example/\",\"https://u.example/\"],\"icon\":\"\",\"lastUsed\":1700000000,"
                        + "\"inactive\":false,\"pinned\":true,\"index\":0}]}"),
                parse("{\"id\":\"clientAAAAA\",\"name\":\"Laptop\",\"type\":\"desktop\",\"commands\":[{\"command\":"
                        + "\"displayURI\",\"args\":[\"https://x/\",\"c\"],\"flowID\":\"f\"}],\"fxaDeviceId\":\"d\","
                        + "\"version\":\"120.0\",\"protocols\":[\"1.5\"],\"os\":\"Linux\",\"formfactor\":\"desktop\"}"),
                parse("{\"id\":\"gone1234567\",\"deleted\":true}"));
    }

    /** Hostile cleartext objects: arbitrary ones, or a real record of any collection mutated field by field. */
    public static Gen<ObjectNode> records() {
        List<Gen<ObjectNode>> mutations = validRecords().stream().map(HostileJson::mutated).toList();
        return Gen.frequency(
                Gen.weight(1, objects(3)),
                Gen.weight(2, Gen.oneOf(mutations)));
    }

    /** Nested arrays, one inside the other, {@code depth} deep, as text (Jackson refuses beyond its nesting limit). */
    public static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /**
     * Texts that are JSON, nearly JSON or not JSON: serialized hostile values, NaN and Infinity tokens, numbers of
     * thousands of digits, deep nesting, truncated and spliced records.
     */
    public static Gen<String> texts(Gen<? extends JsonNode> records) {
        Gen<String> serialized = records.map(JsonNode::toString);
        Gen<String> token = Gen.of("NaN", "-Infinity", "1e999999999", "1" + "0".repeat(5_000), "\u0000", "\"\\ud800\"",
                ",", "}", "]", "{", "\"", "\\", "", "/*x*/", "'x'");
        Gen<String> spliced = random -> {
            String text = serialized.next(random);
            int cut = Math.min(random.nextInt(10_001), text.length());
            return text.substring(0, cut) + token.next(random) + text.substring(cut);
        };
        Gen<String> truncated = random -> {
            String text = serialized.next(random);
            return text.substring(0, Math.min(random.nextInt(10_001), text.length()));
        };
        Gen<String> deep = Gen.of(1, 2, 999, 1_000, 1_001, 2_000).map(depth -> {
            String nested = nestedArrays(depth);
            return "{\"id\":\"deep\",\"children\":" + nested + ",\"visits\":" + nested + ",\"tabs\":" + nested + "}";
        });
        Gen<String> name = Gen.of("dateAdded", "date", "lastUsed", "pos", "index", "type");
        Gen<Integer> digitCounts = Gen.of(18, 19, 20, 999, 1_000, 1_001, 5_000);
        Gen<String> hugeNumbers = random -> {
            String n = name.next(random);
            int digits = digitCounts.next(random);
            return "{\"" + n + "\":1" + "0".repeat(digits) + ",\"visits\":[{\"" + n + "\":\"9" + "9".repeat(digits)
                    + "\"}],\"tabs\":[{\"" + n + "\":1e" + digits + "}]}";
        };
        return Gen.frequency(
                Gen.weight(6, serialized),
                Gen.weight(2, spliced),
                Gen.weight(1, truncated),
                Gen.weight(1, deep),
                Gen.weight(1, hugeNumbers));
    }

    /** Cleartext bytes: UTF-8 of hostile texts, or bytes that are not UTF-8 (overlong forms, CESU surrogates, 0xFF). */
    public static Gen<byte[]> bytes(Gen<String> texts) {
        Gen<byte[]> utf8 = texts.map(t -> t.getBytes(StandardCharsets.UTF_8));
        Gen<byte[]> badBytes = Gen.of(new byte[] { (byte) 0xC0, (byte) 0x80 }, new byte[] { (byte) 0xED, (byte) 0xA0,
                (byte) 0x80 }, new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xE2, (byte) 0x82 },
                new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
        Gen<byte[]> broken = random -> {
            byte[] good = texts.next(random).getBytes(StandardCharsets.UTF_8);
            int cut = Math.min(random.nextInt(10_001), good.length);
            byte[] bad = badBytes.next(random);
            byte[] out = new byte[good.length + bad.length];
            System.arraycopy(good, 0, out, 0, cut);
            System.arraycopy(bad, 0, out, cut, bad.length);
            System.arraycopy(good, cut, out, cut + bad.length, good.length - cut);
            return out;
        };
        Gen<byte[]> random = r -> {
            byte[] out = new byte[r.nextInt(65)];
            r.nextBytes(out);
            return out;
        };
        return Gen.frequency(
                Gen.weight(4, utf8),
                Gen.weight(2, broken),
                Gen.weight(1, random));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode array(List<JsonNode> elements) {
        ArrayNode a = NODES.arrayNode();
        elements.forEach(a::add);
        return a;
    }
}
