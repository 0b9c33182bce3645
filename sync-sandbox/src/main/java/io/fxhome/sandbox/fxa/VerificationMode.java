package io.fxhome.sandbox.fxa;

/** How new sessions of an account get verified. */
public enum VerificationMode {
    /** Sessions start verified (FxA's heuristics skipped the check). */
    NONE(null),
    /** Sign-in confirmation by a 6-digit code e-mailed to the user (read it from the sandbox outbox). */
    EMAIL_OTP("email-otp"),
    /** Two-step authentication: an RFC 6238 code from the account's TOTP secret. */
    TOTP_2FA("totp-2fa");

    private final String wireName;

    VerificationMode(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code verificationMethod} FxA reports, null for none. */
    public String wireName() {
        return wireName;
    }

    public static VerificationMode parse(String s) {
        if (s == null || s.isEmpty() || s.equalsIgnoreCase("none")) {
            return NONE;
        }
        for (VerificationMode m : values()) {
            if (s.equalsIgnoreCase(m.wireName) || s.equalsIgnoreCase(m.name())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown verification mode: " + s);
    }
}
