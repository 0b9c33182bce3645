package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.account.testing.TestAccounts;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.SealedAccountSecrets;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A rotated refresh token replaces the stored one, sealed, with the keys unchanged; a row the user re-linked meanwhile
 * is left alone. (Neither FxA's refresh grant nor the sandbox rotates today, so this path is tested here, against the
 * real database, rather than end to end.)
 */
@QuarkusTest
class RefreshTokenRotationTest {
    @Inject
    AgroalDataSource ds;
    @Inject
    AccountSecretsCipher cipher;

    private static final String KEY_ID = "1510726317123-BAik7hEOdpGnPZnPBSdaTg";

    private SealedAccountSecrets insert(UUID account, AccountSecrets secrets) throws SQLException {
        SealedAccountSecrets sealed = cipher.seal(account, secrets);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into account_secret (account_id, master_key_version, wrapped_data_key, refresh_token,
                                            sync_key_bundle, key_id) values (?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, account);
            ps.setInt(2, sealed.masterKeyVersion());
            ps.setBytes(3, sealed.wrappedDataKey());
            ps.setBytes(4, sealed.refreshToken());
            ps.setBytes(5, sealed.syncKeyBundle());
            ps.setBytes(6, sealed.keyId());
            ps.executeUpdate();
        }
        return sealed;
    }

    private AccountSecrets stored(UUID account) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return cipher.open(account, AccountRow.loadSecrets(c, account).sealed());
        }
    }

    private static AccountSecrets secrets(String refreshToken) {
        byte[] kSync = new byte[64];
        new SecureRandom().nextBytes(kSync);
        return new AccountSecrets(refreshToken, kSync, KEY_ID);
    }

    @Test
    void theRotatedTokenIsStoredSealedWithTheKeysUnchanged() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        AccountSecrets original = secrets("r".repeat(64));
        SealedAccountSecrets loaded = insert(account, original);

        SealedAccountSecrets now;
        try (Connection c = ds.getConnection()) {
            now = new RefreshTokenRotation(cipher).store(c, account, loaded, original, "n".repeat(64));
        }

        assertThat(now).isNotNull();
        AccountSecrets after = stored(account);
        assertThat(after.refreshToken()).isEqualTo("n".repeat(64));
        assertThat(after.syncKeyBundle()).isEqualTo(original.syncKeyBundle());
        assertThat(after.keyId()).isEqualTo(KEY_ID);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select position('nnnn'::bytea in refresh_token) > 0 from account_secret where account_id = ?")) {
            ps.setObject(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("the token is stored sealed, never in clear").isFalse();
            }
        }

        // A second rotation in the same sync compares with what was just written.
        try (Connection c = ds.getConnection()) {
            assertThat(new RefreshTokenRotation(cipher).store(c, account, now, after, "m".repeat(64))).isNotNull();
        }
        assertThat(stored(account).refreshToken()).isEqualTo("m".repeat(64));
    }

    @Test
    void aRowLinkedAgainMeanwhileIsLeftAlone() throws SQLException {
        UUID account = new TestAccounts(ds).create();
        AccountSecrets original = secrets("r".repeat(64));
        SealedAccountSecrets loaded = insert(account, original);
        // The user signs in again while the sync runs: the web app writes new credentials.
        AccountSecrets relinked = secrets("l".repeat(64));
        SealedAccountSecrets fresh = cipher.seal(account, relinked);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update account_secret set wrapped_data_key = ?, refresh_token = ?, sync_key_bundle = ?, key_id = ? where account_id = ?")) {
            ps.setBytes(1, fresh.wrappedDataKey());
            ps.setBytes(2, fresh.refreshToken());
            ps.setBytes(3, fresh.syncKeyBundle());
            ps.setBytes(4, fresh.keyId());
            ps.setObject(5, account);
            ps.executeUpdate();
        }

        try (Connection c = ds.getConnection()) {
            assertThat(new RefreshTokenRotation(cipher).store(c, account, loaded, original, "n".repeat(64))).isNull();
        }
        assertThat(stored(account).refreshToken()).isEqualTo("l".repeat(64));
        assertThat(stored(account).syncKeyBundle()).isEqualTo(relinked.syncKeyBundle());
    }
}
