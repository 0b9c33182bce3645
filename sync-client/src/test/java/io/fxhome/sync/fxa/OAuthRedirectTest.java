package io.fxhome.sync.fxa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a person pastes after the browser sign-in: tolerant of the form, strict about the values. */
class OAuthRedirectTest {
    private static final String CODE = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String CODE_UPPER = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
    private static final String STATE = "SmbAA_9EA5v1R2bgIPeWWw";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58?code=" + CODE + "&state=" + STATE,
            "  https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58?code=" + CODE + "&state=" + STATE + "  \n",
            "https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58?state=" + STATE + "&code=" + CODE
                    + "&action=signin#top",
            "https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58?code=0123456789abcdef01234567\n89abcdef"
                    + "0123456789abcdef0123456789abcdef&state=" + STATE,
            "?code=" + CODE + "&state=" + STATE,
            "code=" + CODE + "&state=" + STATE,
            "\"https://accounts.firefox.com/oauth/success/x?code=" + CODE + "&state=" + STATE + "\"",
            "<https://accounts.firefox.com/oauth/success/x?code=" + CODE + "&state=" + STATE + ">." })
    void readsTheCodeAndStateFromWhatWasPasted(String pasted) {
        OAuthRedirect r = OAuthRedirect.parse(pasted);
        assertThat(r.code()).isEqualTo(CODE);
        assertThat(r.state()).isEqualTo(STATE);
        assertThat(r.isError()).isFalse();
        assertThat(r.toString()).doesNotContain(CODE).doesNotContain(STATE);
    }

    @Test
    void anErrorRedirectIsReported() {
        OAuthRedirect r = OAuthRedirect.parse("https://accounts.firefox.com/oauth/success/x?error=access_denied&state="
                + STATE);
        assertThat(r.isError()).isTrue();
        assertThat(r.errorCode()).contains("access_denied");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "",
            CODE,
            "https://accounts.firefox.com/oauth/success/1b1a3e44c54fbb58",
            "https://accounts.firefox.com/oauth/success/x?code=" + CODE,
            "https://accounts.firefox.com/oauth/success/x?state=" + STATE,
            "https://accounts.firefox.com/oauth/success/x?code=" + CODE_UPPER + "&state=" + STATE,
            "https://accounts.firefox.com/oauth/success/x?code=" + CODE + "ff&state=" + STATE,
            "https://accounts.firefox.com/oauth/success/x?code=" + CODE + "&state=" + STATE + "&code=" + CODE,
            "https://accounts.firefox.com/oauth/success/x?code=" + CODE + "&state=short",
            "https://accounts.firefox.com/oauth/success/x?code=" + CODE + "&state=" + STATE + "%3Cscript%3E",
            "https://accounts.firefox.com/oauth/success/x?code=%zz&state=" + STATE })
    void refusesAnythingElseWithoutEchoingIt(String pasted) {
        assertThatThrownBy(() -> OAuthRedirect.parse(pasted)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CODE).doesNotContain(STATE));
    }
}
