package io.fxhome.web.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message files read as they are, for what the type-safe bundle cannot do: the HTML5 app's copy of the messages
 * ({@link AppMessages}), and messages whose key is chosen at run time from a code ({@code collection_tabs},
 * {@code health_list_orphans}, {@code problem_csrf}). Messages hold only {@code {name}} placeholders, so filling them
 * in here gives what Qute gives.
 */
public final class Catalog {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Map<String, Map<String, String>> FILES = new ConcurrentHashMap<>();

    private Catalog() {
    }

    /** The message bundles, each a pair of files {@code messages/<bundle>_<tag>.properties}: {@link Msg}, {@link AppMsg}. */
    static final List<String> BUNDLES = List.of("msg", "app");

    /** Every message of a language, in file order: the {@code msg} file's, then the {@code app} file's. */
    public static Map<String, String> messages(Locale locale) {
        String tag = Languages.supported(locale.getLanguage()) == null ? Languages.DEFAULT.getLanguage() : locale.getLanguage();
        return FILES.computeIfAbsent(tag, Catalog::load);
    }

    /** The message of a key made from a code ({@code "health_list_" + "lost-and-found"}), or null if there is none. */
    public static String coded(Locale locale, String prefix, String code) {
        return code == null ? null : messages(locale).get(prefix + code.replace('-', '_'));
    }

    /** A message with its placeholders filled in (a missing value leaves the placeholder's name). */
    public static String format(String message, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group(1) : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> load(String tag) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String bundle : BUNDLES) {
            ordered.putAll(file(bundle, tag));
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** One bundle's file of one language, in file order. */
    static Map<String, String> file(String bundle, String tag) {
        String path = "messages/" + bundle + "_" + tag + ".properties";
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            // Properties keeps no order: collect the keys as they are put, in the file's order.
            new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    ordered.put((String) key, (String) value);
                    return super.put(key, value);
                }
            }.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return ordered;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
