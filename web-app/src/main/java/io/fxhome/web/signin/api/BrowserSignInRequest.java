package io.fxhome.web.signin.api;

/**
 * {@code POST /api/v1/session/browser/complete}: the address of the page Mozilla showed after the sign-in, as pasted
 * ({@code url}), or its {@code code} and {@code state}.
 */
public record BrowserSignInRequest(String url, String code, String state) {
    @Override
    public String toString() {
        return "BrowserSignInRequest[<redacted>]";
    }
}
