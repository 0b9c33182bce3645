package io.fxhome.web.signin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.job.InteractiveSyncOutcome;
import io.fxhome.job.InteractiveSyncService;
import io.fxhome.job.SyncJobPublishException;
import io.fxhome.job.SyncReason;
import io.fxhome.secrets.AccountSecrets;
import io.fxhome.secrets.AccountSecretsCipher;
import io.fxhome.secrets.SealedAccountSecrets;
import io.fxhome.shard.AccountDirectory;
import io.fxhome.shard.DirectoryEntry;
import io.fxhome.shard.Shard;
import io.fxhome.shard.ShardPlacement;
import io.fxhome.shard.Shards;
import io.fxhome.sync.crypto.Bytes;
import io.fxhome.sync.fxa.LinkedAccount;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stores a freshly linked Firefox Account: finds it in the account directory by its FxA uid, or places a new one on
 * the least-loaded shard; then, on that shard and in one transaction, the account row (created, or brought back to
 * active for a returning user) and its secrets sealed under the master key; then asks for the first sync.
 */
@ApplicationScoped
public class AccountLinker {
    private final Shards shards;
    private final AccountDirectory directory;
    private final ShardPlacement placement;
    private final AccountSecretsCipher cipher;
    private final InteractiveSyncService syncRequests;

    public AccountLinker(Shards shards, AccountDirectory directory, ShardPlacement placement, AccountSecretsCipher cipher,
            InteractiveSyncService syncRequests) {
        this.shards = shards;
        this.directory = directory;
        this.placement = placement;
        this.cipher = cipher;
        this.syncRequests = syncRequests;
    }

    /** What linking did. {@code sync} is empty when the broker could not take the job (the scheduler will). */
    public record Linked(UUID accountId, boolean created, Optional<InteractiveSyncOutcome> sync) {
    }

    /**
     * @param fxaUid the account's uid as Mozilla names it (for either way in)
     * @param email the account's email as Mozilla or the user gave it; empty when unknown
     */
    public Linked link(String fxaUid, String email, LinkedAccount linked) {
        // The directory first, in its own statements: one transaction may span one database only.
        DirectoryEntry entry = directory.register(fxaUid, placement::choose);
        Shard shard = shards.require(entry.shard());
        byte[] kSync = linked.credentials().syncKeys().toKSync();
        AccountSecrets secrets;
        try {
            secrets = new AccountSecrets(linked.credentials().refreshToken(), kSync, linked.credentials().keyId());
        } finally {
            Bytes.wipe(kSync);
        }
        Linked result;
        try {
            result = store(shard, entry.accountId(), fxaUid, email, secrets, linked.credentials().clientId());
        } catch (HeldUnderAnotherId e) {
            // The shard has this user under another id: linked by a process older than the directory, during an
            // upgrade. That row is the account; the directory follows it.
            UUID held = heldId(shard, fxaUid);
            Log.warnf("account %s: the directory said %s; corrected", held, entry.accountId());
            directory.correct(fxaUid, held);
            result = store(shard, held, fxaUid, email, secrets, linked.credentials().clientId());
        }
        try {
            InteractiveSyncOutcome outcome = syncRequests.request(result.accountId(), SyncReason.FIRST_LINK);
            Log.infof("account %s linked (%s, shard %s); first sync %s", result.accountId(),
                    result.created() ? "new" : "returning",
                    shard.name(), outcome.result());
            return new Linked(result.accountId(), result.created(), Optional.of(outcome));
        } catch (SyncJobPublishException | IllegalStateException e) {
            // Linked all the same: the account is active and unscheduled, so the scheduler's next tick picks it up.
            Log.warnf("account %s linked, but the first sync could not be enqueued: %s", result.accountId(), e.getMessage());
            return result;
        }
    }

    /**
     * The account row (upserted by the id the directory gave, which is unique per FxA uid) and its sealed secrets, on
     * the account's shard, in one transaction. Under Citus the per-shard unique FxA uid cannot exist (unique keys must
     * hold the distribution column): the directory's is the one that counts.
     */
    private Linked store(Shard shard, UUID accountId, String fxaUid, String email, AccountSecrets secrets,
            String oauthClientId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = shard.dataSource().getConnection()) {
                boolean created;
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into account (id, fxa_uid, email, status, last_seen_at) values (?, ?, ?, 'active', now())
                        on conflict (id) do update
                           set email = case when excluded.email = '' then account.email else excluded.email end,
                               status = 'active', status_reason = null, failure_count = 0, last_seen_at = now()
                        returning (xmax = 0)""")) {
                    ps.setObject(1, accountId);
                    ps.setString(2, fxaUid);
                    ps.setString(3, email == null ? "" : email);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        created = rs.getBoolean(1);
                    }
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("account_fxa_uid_unique")) {
                        throw new HeldUnderAnotherId();
                    }
                    throw e;
                }
                SealedAccountSecrets sealed = cipher.seal(accountId, secrets);
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into account_secret (account_id, master_key_version, wrapped_data_key, refresh_token,
                                                    sync_key_bundle, key_id, oauth_client_id, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, now())
                        on conflict (account_id) do update
                           set master_key_version = excluded.master_key_version, wrapped_data_key = excluded.wrapped_data_key,
                               refresh_token = excluded.refresh_token, sync_key_bundle = excluded.sync_key_bundle,
                               key_id = excluded.key_id, oauth_client_id = excluded.oauth_client_id, updated_at = now()""")) {
                    ps.setObject(1, accountId);
                    ps.setInt(2, sealed.masterKeyVersion());
                    ps.setBytes(3, sealed.wrappedDataKey());
                    ps.setBytes(4, sealed.refreshToken());
                    ps.setBytes(5, sealed.syncKeyBundle());
                    ps.setBytes(6, sealed.keyId());
                    ps.setString(7, oauthClientId);
                    ps.executeUpdate();
                }
                return new Linked(accountId, created, Optional.empty());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the linked account: " + e.getMessage(), e);
            }
        });
    }

    private static UUID heldId(Shard shard, String fxaUid) {
        try (Connection c = shard.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select id from account where fxa_uid = ?")) {
            ps.setString(1, fxaUid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the account of this FxA uid changed while linking; sign in again");
                }
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the linked account: " + e.getMessage(), e);
        }
    }

    /** The shard's unique FxA uid refused the row: the user is there under another account id. */
    private static final class HeldUnderAnotherId extends RuntimeException {
        HeldUnderAnotherId() {
            super("the FxA uid is held by another account id on this shard", null, false, false);
        }
    }
}
