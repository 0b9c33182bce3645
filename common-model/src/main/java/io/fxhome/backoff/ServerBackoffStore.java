package io.fxhome.backoff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * The {@code upstream_backoff} table (V13) in the default database (shard main): what servers asked of everyone behind
 * them. Plain JDBC in autocommit statements of its own, never in a caller's transaction (which is on an account's
 * shard).
 */
public final class ServerBackoffStore {
    private final DataSource main;

    /** @param main the default datasource (shard main), where every process finds the table */
    public ServerBackoffStore(DataSource main) {
        this.main = Objects.requireNonNull(main, "main");
    }

    /**
     * Notes that {@code server} asked everyone to stay away until {@code until}. A backoff in force only ever moves
     * later; an ended one is replaced.
     *
     * @param reason route and status, for operators (never a secret)
     */
    public void record(UpstreamServer server, Instant until, boolean hard, String reason) {
        try (Connection c = main.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        insert into upstream_backoff as b (kind, server, backoff_until, hard, reason, updated_at)
                        values (?, ?, ?, ?, ?, now())
                        on conflict (kind, server) do update
                           set backoff_until = greatest(b.backoff_until, excluded.backoff_until),
                               hard = case when excluded.backoff_until >= b.backoff_until then excluded.hard else b.hard end,
                               reason = case when excluded.backoff_until >= b.backoff_until then excluded.reason
                                             else b.reason end,
                               updated_at = now()""")) {
            ps.setString(1, server.kind().dbValue());
            ps.setString(2, server.url());
            ps.setObject(3, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            ps.setBoolean(4, hard);
            ps.setString(5, reason);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the backoff of " + server + ": " + e.getMessage(), e);
        }
    }

    /** The backoffs still in force at {@code now}. */
    public ServerBackoffs inForce(Instant now) {
        Map<String, Instant> nodes = new HashMap<>();
        Instant tokenserver = null;
        try (Connection c = main.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select kind, server, backoff_until from upstream_backoff where backoff_until > ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant until = rs.getObject(3, OffsetDateTime.class).toInstant();
                    switch (UpstreamServer.Kind.fromDb(rs.getString(1))) {
                        case STORAGE_NODE -> nodes.merge(rs.getString(2), until, (a, b) -> a.isAfter(b) ? a : b);
                        case TOKENSERVER -> tokenserver = tokenserver == null || until.isAfter(tokenserver) ? until
                                : tokenserver;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server backoffs: " + e.getMessage(), e);
        }
        return new ServerBackoffs(nodes, tokenserver);
    }
}
