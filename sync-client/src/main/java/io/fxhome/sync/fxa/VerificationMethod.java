package io.fxhome.sync.fxa;

/** How FxA wants a new session (or a blocked sign-in) confirmed (§2.5). */
public enum VerificationMethod {
    /** A numeric code by email: {@link FxaClient#verifyEmailCode}. */
    EMAIL_OTP("email-otp", "Enter the code Firefox Accounts just emailed to you."),
    /** A link by email: click it, then poll {@link FxaClient#sessionStatus}. */
    EMAIL("email", "Open the confirmation link Firefox Accounts emailed to you, then continue."),
    /** A "token code" by email (older servers), entered like an email OTP. */
    EMAIL_2FA("email-2fa", "Enter the code Firefox Accounts just emailed to you."),
    /** An unblock code by email after a blocked sign-in; sign in again with it. */
    EMAIL_CAPTCHA("email-captcha", "Sign-in was blocked: request an unblock code by email and sign in again with it."),
    /** A TOTP code from the user's authenticator app: {@link FxaClient#verifyTotp}. */
    TOTP_2FA("totp-2fa", "Enter the 6-digit code from your authenticator app."),
    /** A value this client does not know. */
    UNKNOWN("", "Confirm this sign-in in a browser at accounts.firefox.com, then continue.");

    private final String wireName;
    private final String nextStep;

    VerificationMethod(String wireName, String nextStep) {
        this.wireName = wireName;
        this.nextStep = nextStep;
    }

    public String wireName() {
        return wireName;
    }

    /** What the user has to do, in one sentence. */
    public String nextStep() {
        return nextStep;
    }

    /** True when the user types a code we forward ({@link #EMAIL_OTP}, {@link #EMAIL_2FA}, {@link #TOTP_2FA}). */
    public boolean expectsCode() {
        return this == EMAIL_OTP || this == EMAIL_2FA || this == TOTP_2FA;
    }

    public static VerificationMethod fromWire(String s) {
        if (s != null) {
            for (VerificationMethod m : values()) {
                if (m != UNKNOWN && m.wireName.equals(s)) {
                    return m;
                }
            }
        }
        return UNKNOWN;
    }
}
