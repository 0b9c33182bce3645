package io.fxhome.sync.fxa;

/**
 * Optional fields of {@code POST /v1/account/login}.
 *
 * @param service the {@code service} name (metrics and email wording), e.g. {@code sync}; null to omit
 * @param verificationMethod the method to ask for; {@code email-otp} suits a non-browser client; null to let the
 *        server choose
 * @param unblockCode an unblock code after a blocked sign-in (errno 125), sent as {@code unblockCode}; whitespace
 *        the person typed or pasted is dropped; null normally
 */
public record SignInOptions(String service, String verificationMethod, String unblockCode) {
    public SignInOptions {
        if (unblockCode != null) {
            unblockCode = unblockCode.replaceAll("\\s+", "");
            if (unblockCode.isEmpty()) {
                unblockCode = null;
            }
        }
    }

    /** {@code service=sync}, {@code verificationMethod=email-otp}. */
    public static SignInOptions defaults() {
        return new SignInOptions("sync", VerificationMethod.EMAIL_OTP.wireName(), null);
    }

    public SignInOptions withUnblockCode(String code) {
        return new SignInOptions(service, verificationMethod, code);
    }

    @Override
    public String toString() {
        return "SignInOptions[service=" + service + ", verificationMethod=" + verificationMethod + ", unblockCode="
                + (unblockCode == null ? "none" : "<redacted>") + "]";
    }
}
