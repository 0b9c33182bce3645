package io.fxhome.worker.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Reads and writes {@code sync_state} and {@code collection_state} on the caller's connection and transaction. */
public final class SyncStateRepository {
    private final Connection connection;

    public SyncStateRepository(Connection connection) {
        this.connection = connection;
    }

    public AccountSyncState load(UUID accountId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select api_endpoint, storage_uid, global_sync_id, storage_version, store_last_modified,
                       crypto_modified, keys_fingerprint
                  from sync_state where account_id = ?""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return AccountSyncState.EMPTY;
                }
                return new AccountSyncState(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7));
            }
        }
    }

    public void save(UUID accountId, AccountSyncState state) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into sync_state (account_id, api_endpoint, storage_uid, global_sync_id, storage_version,
                                        store_last_modified, crypto_modified, keys_fingerprint, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (account_id) do update
                   set api_endpoint = excluded.api_endpoint, storage_uid = excluded.storage_uid,
                       global_sync_id = excluded.global_sync_id, storage_version = excluded.storage_version,
                       store_last_modified = excluded.store_last_modified, crypto_modified = excluded.crypto_modified,
                       keys_fingerprint = excluded.keys_fingerprint, updated_at = now()""")) {
            ps.setObject(1, accountId);
            ps.setString(2, state.apiEndpoint());
            ps.setString(3, state.storageUid());
            ps.setString(4, state.globalSyncId());
            ps.setObject(5, state.storageVersion());
            ps.setString(6, state.storeLastModified());
            ps.setString(7, state.cryptoModified());
            ps.setString(8, state.keysFingerprint());
            ps.executeUpdate();
        }
    }

    public Map<String, CollectionState> loadCollections(UUID accountId) throws SQLException {
        Map<String, CollectionState> states = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select collection, high_water_mark, sync_id, engine_version, keys_fingerprint
                  from collection_state where account_id = ?""")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), new CollectionState(rs.getString(1), rs.getString(2), rs.getString(3),
                            (Integer) rs.getObject(4), rs.getString(5)));
                }
            }
        }
        return states;
    }

    public void saveCollection(UUID accountId, CollectionState state) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into collection_state (account_id, collection, high_water_mark, sync_id, engine_version,
                                              keys_fingerprint, updated_at)
                values (?, ?, ?, ?, ?, ?, now())
                on conflict (account_id, collection) do update
                   set high_water_mark = excluded.high_water_mark, sync_id = excluded.sync_id,
                       engine_version = excluded.engine_version, keys_fingerprint = excluded.keys_fingerprint,
                       updated_at = now()""")) {
            ps.setObject(1, accountId);
            ps.setString(2, state.collection());
            ps.setString(3, state.highWaterMark());
            ps.setString(4, state.syncId());
            ps.setObject(5, state.engineVersion());
            ps.setString(6, state.keysFingerprint());
            ps.executeUpdate();
        }
    }

    /** Forgets every high-water mark: the next download of each collection is a full one. */
    public void resetCollections(UUID accountId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update collection_state set high_water_mark = null, updated_at = now() where account_id = ?")) {
            ps.setObject(1, accountId);
            ps.executeUpdate();
        }
    }
}
