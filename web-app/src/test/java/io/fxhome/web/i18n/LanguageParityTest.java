package io.fxhome.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.fxa.VerificationMethod;
import io.fxhome.web.bookmarks.BookmarkRoots;
import io.fxhome.web.bookmarks.health.HealthList;
import io.fxhome.web.bookmarks.health.LostReason;

/**
 * Every language is complete, and everything shown comes from the messages: a key in one language and not in the other
 * fails, as do a key that a template, the HTML5 app or a code family uses and no language has, and literal text in an
 * HTML4 template or the app's shell outside the message tags.
 */
class LanguageParityTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    /** Words that are the same in every language: names, formats and the code the tokens page quotes. */
    private static final Set<String> NOT_TRANSLATED = Set.of("fxhome", "JSON", "CSV", "English", "Deutsch",
            "Authorization", "Bearer", "token", "api", "v1");

    private static Map<String, String> messages(String tag) {
        return Catalog.messages(Locale.forLanguageTag(tag));
    }

    @Test
    void everyLanguageHasEveryKeyAndNoOther() {
        Set<String> english = messages("en").keySet();
        assertThat(english).hasSizeGreaterThan(300);
        for (String tag : Languages.TAGS) {
            Set<String> keys = messages(tag).keySet();
            assertThat(new TreeSet<>(english)).as("keys of %s missing in msg_%s.properties", tag, tag)
                    .containsAll(keys).isEqualTo(new TreeSet<>(keys));
            assertThat(messages(tag).values()).as("empty messages in %s", tag).noneMatch(String::isBlank);
        }
    }

    @Test
    void everyTranslationHasTheSamePlaceholders() {
        for (String tag : Languages.TAGS) {
            messages("en").forEach((key, english) -> assertThat(placeholders(messages(tag).get(key)))
                    .as("placeholders of %s in %s", key, tag).isEqualTo(placeholders(english)));
        }
    }

    /** The app fills in messages itself: only {name} placeholders, no Qute sections, no markup. */
    @Test
    void messagesArePlainTextWithNamedPlaceholders() {
        for (String tag : Languages.TAGS) {
            messages(tag).forEach((key, message) -> {
                Matcher m = PLACEHOLDER.matcher(message);
                while (m.find()) {
                    assertThat(m.group(1)).as("placeholder in %s (%s)", key, tag).matches("[A-Za-z_][A-Za-z0-9_]*");
                }
                assertThat(message).as("%s (%s)", key, tag).doesNotContain("<", ">").doesNotContainPattern("&[A-Za-z0-9#]+;");
            });
            assertThat(messages(tag).get("lang")).isEqualTo(tag);
        }
    }

    @Test
    void everyKeyTheTemplatesAndTheAppUseExists() throws IOException {
        Set<String> keys = messages("en").keySet();
        List<String> used = new ArrayList<>();
        for (Path file : files(RESOURCES.resolve("templates"), ".html")) {
            used.addAll(matches(Files.readString(file), Pattern.compile("(?:msg|app):([A-Za-z0-9_]+)")));
        }
        int templateKeys = used.size();
        for (Path file : files(RESOURCES.resolve("META-INF/resources/app"), ".js")) {
            used.addAll(
                    matches(Files.readString(file), Pattern.compile("\\b(?:t|parts|tparts|has)\\('([A-Za-z0-9_]+)'\\s*[,)]")));
        }
        assertThat(templateKeys).isGreaterThan(200);
        assertThat(used.size() - templateKeys).as("keys used by the app").isGreaterThan(200);
        assertThat(keys).containsAll(used);
    }

    /**
     * Quarkus 3.34 generates a bundle of more than 300 messages into code that fails verification at start (see
     * {@link Msg}): each bundle stays below.
     */
    @Test
    void noBundleOutgrowsWhatQuarkusCanGenerate() {
        for (String bundle : Catalog.BUNDLES) {
            for (String tag : Languages.TAGS) {
                assertThat(Catalog.file(bundle, tag)).as("%s_%s.properties", bundle, tag).isNotEmpty()
                        .hasSizeLessThanOrEqualTo(300);
            }
        }
    }

    /** Keys made from codes at run time: every code has its message. */
    @Test
    void everyCodeFamilyIsComplete() {
        for (String tag : Languages.TAGS) {
            Locale locale = Locale.forLanguageTag(tag);
            for (HealthList list : HealthList.values()) {
                assertThat(Catalog.coded(locale, "health_list_", list.path())).as(list.path()).isNotNull();
            }
            for (LostReason reason : LostReason.values()) {
                assertThat(Catalog.coded(locale, "lost_reason_", reason.code())).as(reason.code()).isNotNull();
            }
            for (String root : BookmarkRoots.ORDER) {
                assertThat(Catalog.coded(locale, "root_", root)).as(root).isNotNull();
            }
            for (VerificationMethod method : VerificationMethod.values()) {
                String wire = method.wireName().isEmpty() ? "unknown" : method.wireName();
                assertThat(Catalog.coded(locale, "verify_", wire)).as(wire).isNotNull();
            }
            for (String collection : List.of("clients", "tabs", "bookmarks", "history")) {
                assertThat(Catalog.coded(locale, "collection_", collection)).as(collection).isNotNull();
            }
        }
    }

    /** What a reader sees (text between tags, and the attributes a browser shows) comes only from {msg:...}. */
    @Test
    void theHtmlPagesHoldNoLiteralText() throws IOException {
        List<Path> pages = files(RESOURCES.resolve("templates"), ".html");
        assertThat(pages).hasSizeGreaterThan(25);
        // A submit button shows its value; other inputs' values are data (a checkbox's "yes").
        Pattern shownAttribute = Pattern.compile(
                "\\b(?:title|alt|summary|placeholder|aria-label)=\"([^\"]*)\"|type=\"submit\"[^>]*\\bvalue=\"([^\"]*)\"");
        for (Path page : pages) {
            String template = Files.readString(page).replaceAll("(?s)\\{!.*?!}", "");
            List<String> shown = new ArrayList<>(matches(template, shownAttribute));
            // Tags and their attributes out, entities out; what is left is the page's text.
            shown.add(template.replaceAll("(?s)<!DOCTYPE[^>]*>", "").replaceAll("(?s)<[^>]*>", " ")
                    .replaceAll("&[a-z]+;", " "));
            for (String text : shown) {
                String literal = text.replaceAll("\\{[^{}]*}", " ");
                List<String> words = Arrays.stream(literal.split("[^\\p{L}]+"))
                        .filter(w -> w.length() > 1 && !NOT_TRANSLATED.contains(w)).toList();
                assertThat(words).as("literal text in %s", page).isEmpty();
            }
        }
    }

    private static List<String> placeholders(String message) {
        return matches(message, PLACEHOLDER).stream().sorted().toList();
    }

    private static List<String> matches(String text, Pattern pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    found.add(m.group(g));
                }
            }
        }
        return found;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
