package io.fxhome.sync.fxa;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What FxA's redirect after the browser sign-in carries: {@code code} and {@code state}, or an {@code error}. With a
 * public client whose redirect page is Mozilla's ({@code /oauth/success/<client id>}), the person copies the address
 * of that page and pastes it: {@link #parse} takes the whole address, the address broken over lines or with spaces,
 * or only its query, and is strict about the values.
 *
 * @param code the authorization code (64 hex), {@code null} when {@code error} is set
 * @param state the state as sent back, {@code null} when {@code error} is set
 * @param error FxA's {@code error} parameter (e.g. {@code access_denied}), or {@code null}
 */
public record OAuthRedirect(String code, String state, String error) {
    /** FxA's authorization codes are 32 random bytes in hex. */
    private static final Pattern CODE = Pattern.compile("[0-9a-f]{64}");
    /** Our states are base64url; FxA hands them back as sent. */
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{16,256}");
    private static final Pattern ERROR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** True when FxA answered with an error instead of a code. */
    public boolean isError() {
        return error != null;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(error);
    }

    /**
     * Reads a pasted redirect address or query string.
     *
     * @throws IllegalArgumentException with a reason for the person ("it has no state="; never echoing the input) when there is
     *         no
     *         code and state, a value is malformed, or a parameter appears twice
     */
    public static OAuthRedirect parse(String pasted) {
        if (pasted == null) {
            throw new IllegalArgumentException("nothing was pasted");
        }
        // A URL has no whitespace of its own: what there is came from copying (line breaks, spaces, quotes).
        String s = pasted.replaceAll("\\s+", "");
        s = s.replaceAll("^[\"'<(\\[]+", "").replaceAll("[\"'>)\\].,;]+$", "");
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int q = s.indexOf('?');
        String query;
        if (q >= 0) {
            query = s.substring(q + 1);
        } else if (s.contains("=") && !s.contains("/")) {
            query = s;
        } else {
            throw new IllegalArgumentException("it has no code= and state=");
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (("code".equals(name) || "state".equals(name) || "error".equals(name))
                    && params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("it has " + name + "= twice");
            }
        }
        String error = params.get("error");
        if (error != null) {
            if (!ERROR.matcher(error).matches()) {
                throw new IllegalArgumentException("its error= is malformed");
            }
            return new OAuthRedirect(null, null, error);
        }
        String code = params.get("code");
        String state = params.get("state");
        if (code == null || state == null) {
            throw new IllegalArgumentException("it has no " + (code == null ? "code=" : "state="));
        }
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("its code= is not one Mozilla hands out");
        }
        if (!STATE.matcher(state).matches()) {
            throw new IllegalArgumentException("its state= is malformed");
        }
        return new OAuthRedirect(code, state, null);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it has a malformed escape");
        }
    }

    @Override
    public String toString() {
        return "OAuthRedirect[code=" + (code == null ? "none" : "<redacted>") + ", state=<redacted>, error=" + error
                + "]";
    }
}
