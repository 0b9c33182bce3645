package io.fxhome.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fxhome.sandbox.fxa.Account;
import io.fxhome.sandbox.fxa.FxaAccounts;
import io.fxhome.sandbox.storage.UserStorages;
import io.fxhome.sandbox.tokenserver.SyncUser;
import io.fxhome.sandbox.tokenserver.SyncUsers;

/**
 * Every account of the sandbox, by FxA uid and by e-mail address (any case; a changed primary address and the one
 * the account was created with both lead to it): the auth server sees them as {@link FxaAccounts}, the tokenserver
 * and the storage nodes as {@link SyncUsers}.
 */
final class SandboxAccounts implements FxaAccounts, SyncUsers {
    private final Map<String, AccountState> byUid = new ConcurrentHashMap<>();
    private final Map<String, String> uidByEmail = new ConcurrentHashMap<>();
    private final UserStorages storages;

    SandboxAccounts(UserStorages storages) {
        this.storages = storages;
    }

    /** Takes the address for a new account; false when an account has it already. */
    boolean reserve(String email, String uid) {
        return uidByEmail.putIfAbsent(key(email), uid) == null;
    }

    boolean taken(String email) {
        return uidByEmail.containsKey(key(email));
    }

    void add(AccountState state) {
        byUid.put(state.account().uid(), state);
    }

    void remove(AccountState state) {
        String uid = state.account().uid();
        byUid.remove(uid);
        uidByEmail.values().removeIf(uid::equals);
    }

    /** Another address for the account (its new primary one). */
    void addAddress(String email, AccountState state) {
        uidByEmail.put(key(email), state.account().uid());
    }

    Optional<AccountState> stateByEmail(String email) {
        String uid = email == null ? null : uidByEmail.get(key(email));
        return stateByUid(uid);
    }

    Optional<AccountState> stateByUid(String uid) {
        return Optional.ofNullable(uid == null ? null : byUid.get(uid));
    }

    List<AccountState> all() {
        return new ArrayList<>(byUid.values());
    }

    @Override
    public Optional<Account> byEmail(String email) {
        return stateByEmail(email).map(AccountState::account);
    }

    @Override
    public Optional<Account> byUid(String uid) {
        return stateByUid(uid).map(AccountState::account);
    }

    @Override
    public Optional<SyncUser> byFxaUid(String fxaUid) {
        return stateByUid(fxaUid).map(AccountState::syncUser);
    }

    /**
     * The tokenserver's update after a valid request (handlers.rs update_user); a new client state gives the user a
     * new uid on the same node, with empty storage, and the account's Firefox forgets what it knew of the server.
     */
    @Override
    public void update(SyncUser user, Long keysChangedAt, Long generation, String clientState) {
        synchronized (user) {
            if (clientState.equals(user.clientState())) {
                user.update(keysChangedAt, generation, clientState, user.uid());
                return;
            }
            user.update(keysChangedAt, generation, clientState, storages.create().uid());
            stateByUid(user.fxaUid()).ifPresent(state -> state.firefox().forgetServerState());
        }
    }

    private static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
