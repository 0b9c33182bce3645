package io.fxhome.web.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.shard.AccountDirectory;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.web.session.Sessions;
import io.quarkus.logging.Log;

/**
 * "Unlink and delete everything": revoke fxhome's refresh token at Firefox Accounts, then delete the account and, by
 * cascade, every row fxhome holds for it on its shard, then its line in the account directory. The user's wish to be
 * forgotten wins over an upstream outage: the rows go even when the revocation fails (the token is useless without the
 * kSync deleted with them), and the answer says so.
 */
@ApplicationScoped
public class AccountDeletion {
    private final AccountRepository accounts;
    private final AccountSecretsCipher cipher;
    private final FxaClient fxa;
    private final Sessions sessions;
    private final AccountDirectory directory;

    public AccountDeletion(AccountRepository accounts, AccountSecretsCipher cipher, FxaClient fxa, Sessions sessions,
            AccountDirectory directory) {
        this.accounts = accounts;
        this.cipher = cipher;
        this.fxa = fxa;
        this.sessions = sessions;
        this.directory = directory;
    }

    /** What deleting did. */
    public record Deleted(boolean deleted, boolean tokenRevoked) {
    }

    public Deleted delete(UUID accountId) {
        boolean revoked = accounts.secrets(accountId).map(sealed -> revoke(accountId, cipher.open(accountId, sealed)))
                .orElse(false);
        boolean deleted = accounts.delete(accountId);
        // The directory line goes last: until the rows are gone, the account must still be found on its shard.
        directory.forget(accountId);
        sessions.forgetAccount(accountId);
        Log.infof("account %s unlinked and deleted (refresh token revoked upstream: %s)", accountId, revoked);
        return new Deleted(deleted, revoked);
    }

    private boolean revoke(UUID accountId, AccountSecrets secrets) {
        try {
            fxa.destroy(secrets.refreshToken(), accounts.oauthClientId(accountId).orElse(fxa.config().clientId()));
            return true;
        } catch (FxaException e) {
            if (e.kind() == FxaException.Kind.INVALID_TOKEN) {
                return true; // already revoked (password change, user removed fxhome in their account settings)
            }
            Log.warnf("account %s: revoking the refresh token failed (%s); deleting the rows anyway", accountId, e.kind());
            return false;
        } catch (SyncException e) {
            Log.warnf("account %s: revoking the refresh token failed (%s); deleting the rows anyway", accountId, e.status());
            return false;
        }
    }
}
