package io.fxhome.sandbox.fxa;

import java.util.Optional;

/** The auth server's accounts, as the sandbox keeps them. */
public interface FxaAccounts {
    /** The account of this address (the primary one, or the one it was created with), any case. */
    Optional<Account> byEmail(String email);

    /** The account of this FxA uid. */
    Optional<Account> byUid(String uid);
}
