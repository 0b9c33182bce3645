package io.fxhome.web.i18n;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;

/**
 * Numbers and run-time chosen messages for templates, in the language the page is rendered in (its {@code locale}
 * attribute, set by {@link TemplateLanguage}): {@code {num:of(count)}} groups digits as the language does (1,234 /
 * 1.234); {@code {text:coded('collection_', code, fallback)}} is the message for a code, or the fallback.
 */
public final class LocaleText {
    private LocaleText() {
    }

    public static Locale locale(Object attribute) {
        if (attribute instanceof Locale l) {
            return l;
        }
        return attribute == null ? Languages.DEFAULT : Locale.forLanguageTag(String.valueOf(attribute));
    }

    /** {@code {num:of(n)}}. */
    @TemplateExtension(namespace = "num")
    static String of(Object number, @TemplateAttribute("locale") Object locale) {
        if (number == null) {
            return "";
        }
        return number instanceof Number n ? NumberFormat.getIntegerInstance(locale(locale)).format(n.longValue())
                : String.valueOf(number);
    }

    /** {@code {text:coded(prefix, code, fallback)}}: the fallback (often the English text the JSON API gives) when no key. */
    @TemplateExtension(namespace = "text")
    static String coded(String prefix, String code, String fallback, @TemplateAttribute("locale") Object locale) {
        String message = Catalog.coded(locale(locale), prefix, code);
        if (message != null) {
            return message;
        }
        return fallback != null ? fallback : Catalog.messages(locale(locale)).get("untitled");
    }

    /** {@code {text:lostReason(entry)}}: why a bookmark is in "Lost and found". */
    @TemplateExtension(namespace = "text")
    static String lostReason(io.fxhome.web.bookmarks.health.HealthEntry entry,
            @TemplateAttribute("locale") Object locale) {
        String message = Catalog.coded(locale(locale), "lost_reason_", entry.reason());
        return message == null ? entry.detail()
                : Catalog.format(message, Map.of("parent", entry.parentGuid() == null ? "" : entry.parentGuid()));
    }
}
