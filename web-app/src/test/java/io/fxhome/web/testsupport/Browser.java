package io.fxhome.web.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.fxhome.web.session.SessionCookie;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One API client with its own cookie jar and address (sent as X-Forwarded-For, which the test profile trusts), so
 * that tests do not share sign-in rate limits.
 */
public final class Browser {
    public static final String COOKIE = "fxhome_session";

    public final String address;
    public String session;
    public String pending;
    /** The handle of a sign-in on Mozilla's page that this browser started. */
    public String browserSignIn;
    public String csrf;

    public Browser() {
        UUID u = UUID.randomUUID();
        this.address = "10." + (u.hashCode() & 0x7f) + "." + ((u.hashCode() >> 8) & 0xff) + "." + ((u.hashCode() >> 16) & 0xff);
    }

    /** A browser already signed in with this session (made directly in the store). */
    public static Browser signedIn(SessionCookie cookie) {
        Browser b = new Browser();
        b.session = cookie.value();
        b.csrf = cookie.csrfToken();
        return b;
    }

    public RequestSpecification request() {
        RequestSpecification r = given().header("X-Forwarded-For", address).redirects().follow(false);
        if (session != null) {
            r.cookie(COOKIE, session);
        }
        if (pending != null) {
            r.cookie("fxhome_pending", pending);
        }
        if (browserSignIn != null) {
            r.cookie("fxhome_browser", browserSignIn);
        }
        return r;
    }

    public Response signIn(String email, String password) {
        return remember(request().contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}")
                .post("/api/v1/session"));
    }

    public Response signIn(String email, String password, String unblockCode) {
        return remember(
                request().contentType(ContentType.JSON).body("{\"email\": \"" + email + "\", \"password\": \"" + password
                        + "\", \"unblockCode\": \"" + unblockCode + "\"}").post("/api/v1/session"));
    }

    /** Starts a sign-in on Mozilla's page; returns its authorization URL. */
    public String beginBrowserSignIn() {
        Response r = remember(request().contentType(ContentType.JSON).body("{}").post("/api/v1/session/browser"));
        r.then().statusCode(201);
        return r.jsonPath().getString("authorizationUrl");
    }

    /** Completes it with the address a person would paste. */
    public Response completeBrowserSignIn(String pastedUrl) {
        return remember(request().contentType(ContentType.JSON).body(Map.of("url", pastedUrl))
                .post("/api/v1/session/browser/complete"));
    }

    public Response verify(String code) {
        return remember(request().contentType(ContentType.JSON).body(code == null ? "{}" : "{\"code\": \"" + code + "\"}")
                .post("/api/v1/session/verify"));
    }

    /** Keeps the cookies and CSRF token an answer sets, as a browser would. */
    public Response remember(Response r) {
        String s = r.getCookie(COOKIE);
        if (s != null) {
            session = s.isEmpty() ? null : s;
        }
        String p = r.getCookie("fxhome_pending");
        if (p != null) {
            pending = p.isEmpty() ? null : p;
        }
        String b = r.getCookie("fxhome_browser");
        if (b != null) {
            browserSignIn = b.isEmpty() ? null : b;
        }
        if (r.getContentType() != null && r.getContentType().contains("json") && r.statusCode() == 200) {
            String token = r.jsonPath().getString("csrfToken");
            if (token != null) {
                csrf = token;
            }
        }
        return r;
    }
}
