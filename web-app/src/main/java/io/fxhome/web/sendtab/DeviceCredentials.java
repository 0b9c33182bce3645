package io.fxhome.web.sendtab;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.MasterKeyException;
import io.fxhome.secrets.SecretDecryptionException;
import io.fxhome.web.account.AccountRepository;
import io.quarkus.logging.Log;

/**
 * Opens an account's sealed secrets for a call to Mozilla's device routes (the refresh token, and kSync for the
 * commands' keys). An account without secrets, or whose secrets no longer open, must sign in again.
 */
@ApplicationScoped
class DeviceCredentials {
    private final AccountRepository accounts;
    private final AccountSecretsCipher cipher;

    DeviceCredentials(AccountRepository accounts, AccountSecretsCipher cipher) {
        this.accounts = accounts;
        this.cipher = cipher;
    }

    /** @throws io.fxhome.web.problem.Problem {@code needs-reauth} */
    AccountSecrets open(UUID accountId) {
        var sealed = accounts.secrets(accountId).orElseThrow(SendTabProblems::needsReauth);
        try {
            return cipher.open(accountId, sealed);
        } catch (MasterKeyException | SecretDecryptionException e) {
            // The messages name key versions and formats only, never key material.
            Log.warnf("account %s: its secrets do not open (%s); cannot use its devices", accountId, e.getMessage());
            throw SendTabProblems.needsReauth();
        }
    }
}
