package io.fxhome.model.account;

import java.util.Locale;

/** Where an account stands; stored lower-case in {@code account.status}. */
public enum AccountStatus {
    /** Synced on schedule. */
    ACTIVE,
    /** Credentials or keys stopped working (password reset, revoked token): not scheduled until the user signs in. */
    NEEDS_REAUTH,
    /** Not used for a long time: not scheduled until the user comes back. */
    PAUSED,
    /** Unlinked: the rows are being removed. */
    DELETED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
