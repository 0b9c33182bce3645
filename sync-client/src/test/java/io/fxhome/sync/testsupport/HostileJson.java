package io.fxhome.sync.testsupport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sync.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of what a hostile or broken Sync client can upload: JSON values of every type where a string or a
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
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.strings().all().ofMaxLength(24)),
                Tuple.of(4, Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d",
                        "\ud83d\ude00", "\u202e", "\ufeff", "\uffff", "\\", "\"", "\t\n\r", "null", "NaN", "Infinity",
                        "true", "false", "0", "-0", "1e999999999", "-1", "9223372036854775808", "1.5", " 42 ",
                        "0x10", "menu", "places", "pinned", "readinglist", "toolbar", "unfiled", "mobile", "root",
                        "https://example.com/", "javascript:alert(1)", "place:sort=8", "9".repeat(100_000))),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(300).ofMaxLength(1_500)));
    }

    /** Numbers at and beyond every limit: long and int bounds, huge integers and exponents, NaN and infinities. */
    public static Arbitrary<JsonNode> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 253_402_300_800_000L, 253_402_300_799_999L,
                        31_556_889_864_403_199L, 9_007_199_254_740_993L).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE,
                        Double.MIN_VALUE, 1e19, -1e19).map(NODES::numberNode),
                Arbitraries.of(19, 20, 40, 308, 309, 999, 1_000, 1_001)
                        .map(digits -> NODES.numberNode(BigInteger.TEN.pow(digits))),
                Arbitraries.of("1E+999999999", "-1E+999999999", "1E-999999999", "1E+63", "1E+64", "12.5E+3",
                        "0.000000001").map(s -> NODES.numberNode(new BigDecimal(s))));
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    public static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.frequencyOf(
                Tuple.of(3, strings().map(NODES::textNode)),
                Tuple.of(3, numbers()),
                Tuple.of(1, Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true),
                        NODES.booleanNode(false))));
        if (depth <= 0) {
            return scalars;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalars),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(HostileJson::array)),
                Tuple.of(1, objects(depth - 1).map(JsonNode.class::cast)));
    }

    /** Objects whose members are mostly the names record parsers read, with hostile values. */
    public static Arbitrary<ObjectNode> objects(int depth) {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(FIELD_NAMES)),
                Tuple.of(1, strings()));
        return Arbitraries.maps(names, values(depth)).ofMaxSize(5).map(HostileJson::object);
    }

    /**
     * {@code valid} with up to four members replaced by hostile values or removed, at any depth (a visit, a tab, a
     * command), and sometimes hostile extra members: a real record mutated field by field.
     */
    public static Arbitrary<ObjectNode> mutated(ObjectNode valid) {
        Arbitrary<JsonNode> replacement = Arbitraries.frequencyOf(
                Tuple.of(5, values(2)),
                Tuple.of(1, Arbitraries.just(MissingNode.getInstance())));
        Arbitrary<Tuple.Tuple3<Integer, Integer, JsonNode>> change = Combinators.combine(
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100), replacement)
                .as(Tuple::of);
        Arbitrary<Map<String, JsonNode>> extras = Arbitraries.maps(Arbitraries.of(FIELD_NAMES), values(1))
                .ofMaxSize(2);
        return Combinators.combine(change.list().ofMinSize(1).ofMaxSize(4), extras, Arbitraries.integers().between(0, 3))
                .as((changes, extra, which) -> {
                    ObjectNode o = valid.deepCopy();
                    for (Tuple.Tuple3<Integer, Integer, JsonNode> c : changes) {
                        List<ObjectNode> objects = new ArrayList<>();
                        collectObjects(o, objects);
                        ObjectNode target = objects.get(c.get1() % objects.size());
                        List<String> names = new ArrayList<>();
                        target.fieldNames().forEachRemaining(names::add);
                        String name = names.isEmpty() ? "id" : names.get(c.get2() % names.size());
                        if (c.get3().isMissingNode()) {
                            target.remove(name);
                        } else {
                            target.set(name, c.get3());
                        }
                    }
                    // Extras only sometimes, so that shrinking reaches the single field that matters.
                    if (which == 0) {
                        extra.forEach(o::set);
                    }
                    return o;
                });
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
    public static Arbitrary<ObjectNode> records() {
        List<Arbitrary<ObjectNode>> mutations = validRecords().stream().map(HostileJson::mutated).toList();
        return Arbitraries.frequencyOf(
                Tuple.of(1, objects(3)),
                Tuple.of(2, Arbitraries.oneOf(mutations)));
    }

    /** Nested arrays, one inside the other, {@code depth} deep, as text (Jackson refuses beyond its nesting limit). */
    public static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /**
     * Texts that are JSON, nearly JSON or not JSON: serialized hostile values, NaN and Infinity tokens, numbers of
     * thousands of digits, deep nesting, truncated and spliced records.
     */
    public static Arbitrary<String> texts(Arbitrary<? extends JsonNode> records) {
        Arbitrary<String> serialized = records.map(JsonNode::toString);
        Arbitrary<String> spliced = Combinators.combine(serialized, Arbitraries.integers().between(0, 10_000),
                Arbitraries.of("NaN", "-Infinity", "1e999999999", "1" + "0".repeat(5_000), "\u0000", "\"\\ud800\"",
                        ",", "}", "]", "{", "\"", "\\", "", "/*x*/", "'x'"))
                .as((text, at, token) -> {
                    int cut = Math.min(at, text.length());
                    return text.substring(0, cut) + token + text.substring(cut);
                });
        Arbitrary<String> truncated = Combinators.combine(serialized, Arbitraries.integers().between(0, 10_000))
                .as((text, at) -> text.substring(0, Math.min(at, text.length())));
        Arbitrary<String> deep = Arbitraries.of(1, 2, 999, 1_000, 1_001, 2_000).map(depth -> {
            String nested = nestedArrays(depth);
            return "{\"id\":\"deep\",\"children\":" + nested + ",\"visits\":" + nested + ",\"tabs\":" + nested + "}";
        });
        Arbitrary<String> hugeNumbers = Arbitraries.of("dateAdded", "date", "lastUsed", "pos", "index", "type")
                .flatMap(name -> Arbitraries.of(18, 19, 20, 999, 1_000, 1_001, 5_000)
                        .map(digits -> "{\"" + name + "\":1" + "0".repeat(digits) + ",\"visits\":[{\"" + name
                                + "\":\"9" + "9".repeat(digits) + "\"}],\"tabs\":[{\"" + name + "\":1e"
                                + digits + "}]}"));
        return Arbitraries.frequencyOf(
                Tuple.of(6, serialized),
                Tuple.of(2, spliced),
                Tuple.of(1, truncated),
                Tuple.of(1, deep),
                Tuple.of(1, hugeNumbers));
    }

    /** Cleartext bytes: UTF-8 of hostile texts, or bytes that are not UTF-8 (overlong forms, CESU surrogates, 0xFF). */
    public static Arbitrary<byte[]> bytes(Arbitrary<String> texts) {
        Arbitrary<byte[]> utf8 = texts.map(t -> t.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> broken = Combinators.combine(texts, Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(new byte[] { (byte) 0xC0, (byte) 0x80 }, new byte[] { (byte) 0xED, (byte) 0xA0,
                        (byte) 0x80 }, new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xE2, (byte) 0x82 },
                        new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }))
                .as((text, at, bad) -> {
                    byte[] good = text.getBytes(StandardCharsets.UTF_8);
                    int cut = Math.min(at, good.length);
                    byte[] out = new byte[good.length + bad.length];
                    System.arraycopy(good, 0, out, 0, cut);
                    System.arraycopy(bad, 0, out, cut, bad.length);
                    System.arraycopy(good, cut, out, cut + bad.length, good.length - cut);
                    return out;
                });
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.frequencyOf(
                Tuple.of(4, utf8),
                Tuple.of(2, broken),
                Tuple.of(1, random));
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

    private static ObjectNode object(Map<String, JsonNode> members) {
        ObjectNode o = NODES.objectNode();
        members.forEach(o::set);
        return o;
    }
}
