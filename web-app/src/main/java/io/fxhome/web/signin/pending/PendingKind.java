package io.fxhome.web.signin.pending;

/** The step a pending sign-in waits for. */
public enum PendingKind {
    /** A password sign-in waiting for the emailed or authenticator code (or the emailed link). */
    PASSWORD("password"),
    /** A password sign-in that Mozilla blocked, waiting for the unblock code it emailed. */
    UNBLOCK("unblock"),
    /** A sign-in on Mozilla's page, waiting for the browser (or the pasted address) to come back with the code. */
    BROWSER("browser");

    private final String wire;

    PendingKind(String wire) {
        this.wire = wire;
    }

    /** The value of {@code pending_sign_in.kind}. */
    public String wire() {
        return wire;
    }
}
