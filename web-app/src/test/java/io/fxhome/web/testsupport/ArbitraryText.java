package io.fxhome.web.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Arbitrary strings for the parsers' property tests, from a seeded {@link Random} (so that a failure is reproduced by its
 * seed, printed with it): any code point (NUL, other controls, lone surrogates, every kind of white space, characters
 * outside the BMP), the characters a parser gives meaning to, numbers at and beyond the limits of {@code long}, very
 * long strings, and base64url of such strings (what a cursor is). Tries and seed come from
 * {@code -Dfxhome.properties.tries} (default 1000 per property, a fraction of a second) and
 * {@code -Dfxhome.properties.seed}.
 */
public final class ArbitraryText {
    public static final int TRIES = Integer.getInteger("fxhome.properties.tries", 1_000);
    public static final long SEED = Long.getLong("fxhome.properties.seed", 20_261_206L);

    private static final String[] PIECES = { "\0", "|", " ", "\t", "\n", "\r", "\u00a0", "\u2028", "\u3000", "\ufeff", "^",
            "*", "+", "%", "#", "$", "-", "0", "9", "-1", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1e400", "NaN", "\ud800", "\udfff",
            "\ud83d\ude00", "é", "İ", "ß", "%00", "%FF", "\u0000\u0000", "http://", "https://example.com/", "www.", "AAAA",
            "==", "_", "/", "\\" };

    private final Random random;

    private ArbitraryText(long seed) {
        this.random = new Random(seed);
    }

    /** Runs {@code property} on {@link #TRIES} arbitrary strings; a failure names the seed and the input. */
    public static void forAll(Consumer<String> property) {
        List<String> inputs = new ArrayList<>(List.of("", " ", "\0", "|", "||", "0|", "-0|x"));
        ArbitraryText gen = new ArbitraryText(SEED);
        for (int i = 0; i < TRIES; i++) {
            inputs.add(gen.next());
        }
        for (String input : inputs) {
            try {
                property.accept(input);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("property failed (seed " + SEED + ") for input " + escape(input) + ": " + e, e);
            }
        }
    }

    /** One arbitrary string: pieces, random code points, or the base64url of either. */
    public String next() {
        String s = switch (random.nextInt(5)) {
            case 0 -> codePoints(random.nextInt(40));
            case 1 -> pieces(1 + random.nextInt(8));
            case 2 -> codePoints(random.nextInt(5_000));
            default -> number() + "|" + pieces(random.nextInt(4)) + codePoints(random.nextInt(20));
        };
        return random.nextInt(3) == 0 ? s
                : Base64.getUrlEncoder().withoutPadding().encodeToString(
                        s.getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }

    private String number() {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Long.toString(random.nextLong() % 100_000_000_000_000_000L);
            case 2 -> PIECES[17 + random.nextInt(9)];
            default -> Long.toString(random.nextInt());
        };
    }

    private String pieces(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private String codePoints(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                b.append((char) random.nextInt(0x80));
            } else if (kind == 1) {
                b.append((char) random.nextInt(0x10000)); // lone surrogates included
            } else if (kind == 2) {
                b.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
            } else {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        return b.toString();
    }

    /** The input as Java would write it, so that a failure can be pasted into a test. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder("\"");
        int shown = Math.min(s.length(), 300);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.append(s.length() > shown ? "\"... (" + s.length() + " chars)" : "\"").toString();
    }
}
