package io.fxhome.web.signin;

/**
 * The cookies a sign-in in progress is carried in, shared by the JSON API, the HTML4 pages and the callback of the
 * sign-in on Mozilla's page. Each holds only a random handle; the sign-in's secrets stay sealed on the server
 * ({@code pending_sign_in}).
 */
public final class SignInCookies {
    /** A password sign-in waiting for its code or unblock step. */
    public static final String PENDING = "fxhome_pending";
    /** A sign-in on Mozilla's page that this browser started. */
    public static final String BROWSER = "fxhome_browser";

    private SignInCookies() {
    }
}
