package io.fxhome.web.signin.api;

/**
 * {@code POST /api/v1/session}.
 *
 * @param unblockCode optional: the code Firefox Accounts emailed after it blocked a sign-in
 */
public record SignInRequest(String email, String password, String unblockCode) {
    @Override
    public String toString() {
        return "SignInRequest[email=<redacted>, password=<redacted>]";
    }
}
