package io.fxhome.web.signin.api;

/**
 * {@code POST /api/v1/session/verify}.
 *
 * @param code the emailed or authenticator code; omit it for link-style confirmation ("I clicked the link")
 * @param pendingSignIn the handle from the sign-in answer; browsers may omit it (they carry it in a cookie)
 */
public record VerifyRequest(String code, String pendingSignIn) {
    @Override
    public String toString() {
        return "VerifyRequest[code=<redacted>, pendingSignIn=<redacted>]";
    }
}
