package io.fxhome.web.basic;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.NewCookie;

import io.fxhome.web.problem.Problem;
import io.fxhome.web.session.CurrentUser;
import io.fxhome.web.session.SessionCookies;
import io.vertx.core.http.Cookie;

/**
 * CSRF tokens of the HTML4 forms. Signed in, the token is the session's; signed out (the sign-in and code forms), it
 * is a random value kept in a cookie of its own and repeated in the form (double submit), so that another site cannot
 * sign a browser in to an account of its choosing.
 */
@RequestScoped
public class BasicCsrf {
    static final String COOKIE = "fxhome_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CurrentUser current;
    private final SessionCookies cookies;
    private String issued;

    public BasicCsrf(CurrentUser current, SessionCookies cookies) {
        this.current = current;
        this.cookies = cookies;
    }

    /** The token to put in a signed-out form; {@link #cookie()} must go out with the page. */
    public String signedOutToken() {
        if (issued == null) {
            Cookie c = current.request().getCookie(COOKIE);
            if (c != null && c.getValue().length() >= 20) {
                issued = c.getValue();
            } else {
                byte[] b = new byte[24];
                RANDOM.nextBytes(b);
                issued = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            }
        }
        return issued;
    }

    public NewCookie cookie() {
        return cookies.handle(COOKIE, signedOutToken(), 3600, current.https());
    }

    public void checkSignedOut(String fromForm) {
        Cookie c = current.request().getCookie(COOKIE);
        if (c == null || !CurrentUser.tokenMatches(c.getValue(), fromForm)) {
            throw Problem.csrf();
        }
    }
}
