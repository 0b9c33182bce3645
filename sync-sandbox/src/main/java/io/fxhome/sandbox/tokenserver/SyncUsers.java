package io.fxhome.sandbox.tokenserver;

import java.util.Optional;

/** The tokenserver's users, as the sandbox keeps them beside the accounts. */
public interface SyncUsers {
    /** The user of this FxA uid, if the account exists. */
    Optional<SyncUser> byFxaUid(String fxaUid);

    /**
     * The update after a request passed validation (handlers.rs update_user): a new client state gives the user a new
     * uid on the same node, with empty storage. Call holding the user's monitor.
     */
    void update(SyncUser user, Long keysChangedAt, Long generation, String clientState);
}
