package io.fxhome.hygiene.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Secret values and every spelling under which one could leak: as given, lower-case hex, standard base64 and base64url
 * (padding stripped, so that a value inside a longer encoding still matches at its start), of the value's bytes and,
 * for hex strings, of the bytes they encode. Hex spellings match case-insensitively.
 */
public final class KnownSecrets {
    /** One secret under one spelling. */
    public record Form(String secret, String encoding, String text, boolean caseInsensitive) {
    }

    private final List<Form> forms = new ArrayList<>();

    /** A secret string (password, token as hex, Hawk key string). */
    public KnownSecrets text(String name, String value) {
        add(name, "raw", value, false);
        bytes(name + " (UTF-8)", value.getBytes(StandardCharsets.UTF_8));
        if (value.length() % 2 == 0 && value.matches("[0-9a-fA-F]+")) {
            bytes(name + " (hex-decoded)", HexFormat.of().parseHex(value));
        }
        return this;
    }

    /** A secret byte string (authPW, kB, kSync, a Hawk MAC key). */
    public KnownSecrets bytes(String name, byte[] value) {
        add(name, "hex", HexFormat.of().formatHex(value), true);
        add(name, "base64", strip(Base64.getEncoder().encodeToString(value)), false);
        add(name, "base64url", strip(Base64.getUrlEncoder().encodeToString(value)), false);
        return this;
    }

    public int size() {
        return forms.size();
    }

    /** Every secret spelling {@code haystack} contains, as "name (encoding)". */
    public Set<String> foundIn(String haystack) {
        String lower = haystack.toLowerCase(Locale.ROOT);
        Set<String> found = new LinkedHashSet<>();
        for (Form f : forms) {
            if ((f.caseInsensitive() ? lower : haystack).contains(f.text())) {
                found.add(f.secret() + " (" + f.encoding() + ")");
            }
        }
        return found;
    }

    private void add(String name, String encoding, String text, boolean caseInsensitive) {
        if (text.length() < 16) {
            throw new IllegalArgumentException(name + " is too short to search for without false alarms");
        }
        forms.add(new Form(name, encoding, caseInsensitive ? text.toLowerCase(Locale.ROOT) : text, caseInsensitive));
    }

    private static String strip(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }
}
