package io.fxhome.web.i18n;

import java.util.List;
import java.util.Locale;

/**
 * The languages fxhome speaks, and which one a request gets: the one its {@value #COOKIE} cookie names (the switch on
 * every page), else the first of its {@code Accept-Language} that fxhome has, else English. A language is one pair of
 * files, {@code messages/msg_<tag>.properties}, and its tag in {@link #TAGS}.
 */
public final class Languages {
    /** Remembers the language switch (one year). */
    public static final String COOKIE = "fxhome_lang";
    /** English first: the default, and the language of {@code @MessageBundle}'s default file. */
    public static final List<String> TAGS = List.of("en", "de");
    public static final Locale DEFAULT = Locale.ENGLISH;
    /** Longer headers are not parsed: no browser sends one, and parsing is not free. */
    private static final int MAX_HEADER = 1_000;

    private Languages() {
    }

    /** The supported language a tag names exactly ({@code de}), if any. */
    public static Locale supported(String tag) {
        return tag != null && TAGS.contains(tag) ? Locale.forLanguageTag(tag) : null;
    }

    public static Locale choose(String cookie, String acceptLanguage) {
        Locale chosen = supported(cookie);
        if (chosen != null) {
            return chosen;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= MAX_HEADER) {
            try {
                // RFC 4647 lookup: "de-AT" falls back to "de", q-values order the ranges, q=0 excludes.
                String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), TAGS);
                if (tag != null) {
                    return Locale.forLanguageTag(tag);
                }
            } catch (IllegalArgumentException malformed) {
                // A header that does not parse chooses nothing.
            }
        }
        return DEFAULT;
    }
}
