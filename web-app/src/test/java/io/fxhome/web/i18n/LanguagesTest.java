package io.fxhome.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Which language a request gets, and where the switch may send it back to. */
class LanguagesTest {

    @Test
    void theSwitchWinsOverTheBrowsersLanguages() {
        assertThat(Languages.choose("de", "en-US,en;q=0.9")).isEqualTo(Locale.GERMAN);
        assertThat(Languages.choose("en", "de-DE")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theBrowsersFirstLanguageFxhomeHasIsChosen() {
        assertThat(Languages.choose(null, "de-DE,de;q=0.9,en;q=0.8")).isEqualTo(Locale.GERMAN);
        assertThat(Languages.choose(null, "de-AT")).isEqualTo(Locale.GERMAN);
        assertThat(Languages.choose(null, "fr-CH, fr;q=0.9, de;q=0.7, en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(Languages.choose(null, "en-GB,de;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.choose(null, "de;q=0, en;q=0.1")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anythingElseIsEnglish() {
        assertThat(Languages.choose(null, null)).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.choose(null, "fr-FR,ja")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.choose("xx", "not a ; header ;;; q=x")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.choose("de-DE", "")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.choose(null, "de," + "x".repeat(2_000))).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theSwitchGoesBackOnlyToAPathOfThisSite() {
        assertThat(LanguageResource.safeBack("/basic/tabs?cursor=a%20b")).isEqualTo("/basic/tabs?cursor=a%20b");
        assertThat(LanguageResource.safeBack("/#/history?q=x")).isEqualTo("/#/history?q=x");
        for (String hostile : new String[] { null, "", "//evil.example/", "/\\evil.example", "https://evil.example/",
                "javascript:alert(1)", "evil", "/ basic", "/%0d%0aSet-Cookie:x", "/\u0000" }) {
            String back = LanguageResource.safeBack(hostile);
            assertThat(back).as(String.valueOf(hostile)).startsWith("/").doesNotStartWith("//").doesNotContain("\\", "\r",
                    "\n");
            assertThat(back.equals("/") || back.equals(hostile)).isTrue();
        }
        assertThat(LanguageResource.safeBack("//evil.example/")).isEqualTo("/");
    }
}
