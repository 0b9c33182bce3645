package io.fxhome.worker.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import io.fxhome.model.account.AccountStatus;
import io.fxhome.secrets.SealedAccountSecrets;

/** The part of an account the worker reads before a sync (with its secrets: AccountSnapshot). */
record AccountRow(UUID id, AccountStatus status, Instant backoffUntil) {

    /**
     * The account's sealed secrets, and the OAuth client its refresh token belongs to (null: the password sign-in's,
     * the configured one), in one read.
     */
    record StoredSecrets(SealedAccountSecrets sealed, String oauthClientId) {
    }

    static StoredSecrets loadSecrets(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select master_key_version, wrapped_data_key, refresh_token, sync_key_bundle, key_id, oauth_client_id
                  from account_secret where account_id = ?""")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("account " + id + " has no stored secrets");
                }
                return new StoredSecrets(
                        new SealedAccountSecrets(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)),
                        rs.getString(6));
            }
        }
    }
}
