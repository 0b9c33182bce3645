package io.fxhome.web.account;

import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.MasterKeyException;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.secrets.SecretDecryptionException;
import io.fxhome.shard.AccountDirectory;
import io.fxhome.sync.devices.DeviceClient;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.web.session.Sessions;
import io.fxhome.web.tokens.ApiTokens;
import io.quarkus.logging.Log;

/**
 * "Unlink and delete everything": revoke fxhome's refresh token at Firefox Accounts, then delete the account and, by
 * cascade, every row fxhome holds for it on its shard, then its line in the account directory. The user's wish to be
 * forgotten wins over an upstream outage: the rows go even when the revocation fails (the token is useless without the
 * kSync deleted with them), and the answer says so; and over a master key the operator removed before rewrapping:
 * secrets that no longer open are not revoked (the answer and the log say so), and everything is deleted all the same.
 */
@ApplicationScoped
public class AccountDeletion {
    private final AccountRepository accounts;
    private final AccountSecretsCipher cipher;
    private final FxaClient fxa;
    private final Sessions sessions;
    private final AccountDirectory directory;
    private final ApiTokens tokens;
    private final DeviceClient devices;

    public AccountDeletion(AccountRepository accounts, AccountSecretsCipher cipher, FxaClient fxa, Sessions sessions,
            AccountDirectory directory, ApiTokens tokens, DeviceClient devices) {
        this.accounts = accounts;
        this.cipher = cipher;
        this.fxa = fxa;
        this.sessions = sessions;
        this.directory = directory;
        this.tokens = tokens;
        this.devices = devices;
    }

    /** What became of fxhome's refresh token at Firefox Accounts. */
    public enum UpstreamRevocation {
        /** Revoked (or already revoked). */
        REVOKED,
        /** Firefox Accounts could not be reached or refused; the rows were deleted anyway. */
        FAILED,
        /**
         * Not attempted: the account's secrets no longer open (the master key that wrapped them was removed from the
         * ring before a rewrap, or they are damaged), so the token is unknown. The rows were deleted anyway; the user
         * can remove fxhome in their Firefox Account's settings.
         */
        SKIPPED_SECRETS_UNREADABLE,
        /** The account holds no secrets (nothing to revoke). */
        NO_SECRETS;

        /** How the JSON answer names it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What deleting did. */
    public record Deleted(boolean deleted, UpstreamRevocation revocation) {
        public boolean tokenRevoked() {
            return revocation == UpstreamRevocation.REVOKED;
        }
    }

    public Deleted delete(UUID accountId) {
        UpstreamRevocation revocation = accounts.secrets(accountId).map(sealed -> revoke(accountId, sealed))
                .orElse(UpstreamRevocation.NO_SECRETS);
        boolean deleted = accounts.delete(accountId);
        // The directory line goes last: until the rows are gone, the account must still be found on its shard.
        directory.forget(accountId);
        sessions.forgetAccount(accountId);
        tokens.forgetAccount(accountId); // their rows went by cascade (as did the feed secret)
        Log.infof("account %s unlinked and deleted (refresh token upstream: %s)", accountId, revocation.label());
        return new Deleted(deleted, revocation);
    }

    private UpstreamRevocation revoke(UUID accountId, SealedAccountSecrets sealed) {
        AccountSecrets secrets;
        try {
            secrets = cipher.open(accountId, sealed);
        } catch (MasterKeyException | SecretDecryptionException e) {
            // The user's wish to be forgotten does not depend on a key the operator removed. The messages name key
            // versions and formats only, never key material.
            Log.warnf("account %s: its secrets do not open (%s); skipping the upstream revocation, deleting the rows",
                    accountId, e.getMessage());
            return UpstreamRevocation.SKIPPED_SECRETS_UNREADABLE;
        }
        destroyDevice(accountId, secrets.refreshToken());
        try {
            fxa.destroy(secrets.refreshToken(), accounts.oauthClientId(accountId).orElse(fxa.config().clientId()));
            return UpstreamRevocation.REVOKED;
        } catch (FxaException e) {
            if (e.kind() == FxaException.Kind.INVALID_TOKEN) {
                return UpstreamRevocation.REVOKED; // already revoked (password change, user removed fxhome in their account settings)
            }
            Log.warnf("account %s: revoking the refresh token failed (%s); deleting the rows anyway", accountId, e.kind());
            return UpstreamRevocation.FAILED;
        } catch (SyncException e) {
            Log.warnf("account %s: revoking the refresh token failed (%s); deleting the rows anyway", accountId, e.status());
            return UpstreamRevocation.FAILED;
        }
    }

    /**
     * Removes fxhome from the account's devices (Send Tab), so no Firefox offers it any more. Done before revoking the
     * token it was registered with; a failure is logged and the deletion goes on (the revocation removes the device's
     * token all the same, and the user can remove it in their account's settings).
     */
    private void destroyDevice(UUID accountId, String refreshToken) {
        accounts.sendTabDeviceId(accountId).ifPresent(deviceId -> {
            try {
                devices.destroy(refreshToken, deviceId);
            } catch (FxaException e) {
                if (!DeviceClient.isUnknownDevice(e) && e.kind() != FxaException.Kind.INVALID_TOKEN) {
                    Log.warnf("account %s: destroying fxhome's device failed (%s); deleting the rows anyway", accountId,
                            e.kind());
                }
            } catch (SyncException e) {
                Log.warnf("account %s: destroying fxhome's device failed (%s); deleting the rows anyway", accountId,
                        e.status());
            }
        });
    }
}
