package io.fxhome.worker.e2e;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.fxhome.sandbox.testing.SandboxTestResource;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.SignInResult;

/** Signs a sandbox account in with fxhome's real FxA client and stores it as the web app's sign-in would. */
public final class LinkedAccounts {
    private LinkedAccounts() {
    }

    static UUID link(DataSource ds, AccountSecretsCipher cipher, String email, String password) throws SQLException {
        return link(ds, cipher, SandboxTestResource.server().baseUrl(), email, password);
    }

    public static UUID link(DataSource ds, AccountSecretsCipher cipher, String authUrl, String email, String password)
            throws SQLException {
        FxaClient fxa = FxaClient.create(FxaConfig.production().withAuthUrl(URI.create(authUrl)));
        SignInResult result = fxa.signIn(email, password);
        if (!(result instanceof SignInResult.SignedIn signedIn)) {
            throw new IllegalStateException("sandbox account unexpectedly needs verification: " + result);
        }
        LinkedAccount linked = fxa.completeLink(signedIn.pending());
        UUID id = UUID.randomUUID();
        SealedAccountSecrets sealed = cipher.seal(id, new AccountSecrets(linked.credentials().refreshToken(),
                linked.credentials().syncKeys().toKSync(), linked.credentials().keyId()));
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into account (id, fxa_uid, email, last_seen_at) values (?, ?, ?, now())")) {
                ps.setObject(1, id);
                ps.setString(2, linked.uid());
                ps.setString(3, linked.email());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into account_secret (account_id, master_key_version, wrapped_data_key, refresh_token,
                                                sync_key_bundle, key_id, updated_at) values (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, id);
                ps.setInt(2, sealed.masterKeyVersion());
                ps.setBytes(3, sealed.wrappedDataKey());
                ps.setBytes(4, sealed.refreshToken());
                ps.setBytes(5, sealed.syncKeyBundle());
                ps.setBytes(6, sealed.keyId());
                ps.setTimestamp(7, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        }
        return id;
    }
}
