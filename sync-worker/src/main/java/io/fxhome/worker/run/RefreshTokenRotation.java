package io.fxhome.worker.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.SealedAccountSecrets;

/**
 * Stores the refresh token Firefox Accounts issued in place of an account's stored one, sealed like every account
 * secret (a new data key for the whole row, as the web app's link does). It replaces only the row the sync loaded: if
 * the user signed in again meanwhile, the row holds newer credentials and is left alone.
 */
final class RefreshTokenRotation {
    private final AccountSecretsCipher cipher;

    RefreshTokenRotation(AccountSecretsCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @param loaded the row as the sync read it (its sealed refresh token identifies it)
     * @param opened those secrets in the clear
     * @param newRefreshToken the token to keep from now on
     * @return the row as now stored, or {@code null} when the row had changed since it was loaded (nothing written)
     */
    SealedAccountSecrets store(Connection c, UUID accountId, SealedAccountSecrets loaded, AccountSecrets opened,
            String newRefreshToken) throws SQLException {
        SealedAccountSecrets sealed = cipher.seal(accountId,
                new AccountSecrets(newRefreshToken, opened.syncKeyBundle(), opened.keyId()));
        try (PreparedStatement ps = c.prepareStatement("""
                update account_secret
                   set master_key_version = ?, wrapped_data_key = ?, refresh_token = ?, sync_key_bundle = ?,
                       key_id = ?, updated_at = now()
                 where account_id = ? and refresh_token = ?""")) {
            ps.setInt(1, sealed.masterKeyVersion());
            ps.setBytes(2, sealed.wrappedDataKey());
            ps.setBytes(3, sealed.refreshToken());
            ps.setBytes(4, sealed.syncKeyBundle());
            ps.setBytes(5, sealed.keyId());
            ps.setObject(6, accountId);
            ps.setBytes(7, loaded.refreshToken());
            return ps.executeUpdate() == 1 ? sealed : null;
        }
    }
}
