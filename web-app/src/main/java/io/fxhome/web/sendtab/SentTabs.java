package io.fxhome.web.sendtab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;

/**
 * The per-account limit of sending, in {@code send_tab_sent} (V17) on the account's shard: one row per tab sent, so
 * every web instance counts the same. Taking a slot locks the account's row for the count and the insert, so two sends
 * at once cannot both take the last slot.
 */
@ApplicationScoped
public class SentTabs {
    private final ShardRouter shards;
    private final SendTabConfig config;

    public SentTabs(ShardRouter shards, SendTabConfig config) {
        this.shards = shards;
        this.config = config;
    }

    /**
     * Takes one slot of the account's window; rows older than the window are deleted on the way.
     *
     * @return empty when taken, else how long until the oldest send in the window leaves it
     */
    public Optional<Duration> take(UUID accountId) {
        Duration window = config.window();
        try (Connection c = shards.dataSource(accountId).getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Duration> wait = takeIn(c, accountId, window);
                c.commit();
                return wait;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the tabs account " + accountId + " sent: " + e.getMessage(), e);
        }
    }

    private Optional<Duration> takeIn(Connection c, UUID accountId, Duration window) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select 1 from account where id = ? for update")) {
            lock.setObject(1, accountId);
            lock.executeQuery().close();
        }
        // The database's clock decides, as it writes sent_at: web instances may disagree on the time.
        double seconds = window.toMillis() / 1000.0;
        try (PreparedStatement prune = c.prepareStatement(
                "delete from send_tab_sent where account_id = ? and sent_at < now() - make_interval(secs => ?)")) {
            prune.setObject(1, accountId);
            prune.setDouble(2, seconds);
            prune.executeUpdate();
        }
        try (PreparedStatement count = c.prepareStatement("""
                select count(*), extract(epoch from min(sent_at) + make_interval(secs => ?) - now())
                  from send_tab_sent where account_id = ?""")) {
            count.setDouble(1, seconds);
            count.setObject(2, accountId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getLong(1) >= config.perWindow()) {
                    long wait = (long) Math.ceil(rs.getDouble(2));
                    return Optional.of(Duration.ofSeconds(Math.max(1, wait)));
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("insert into send_tab_sent (account_id) values (?)")) {
            insert.setObject(1, accountId);
            insert.executeUpdate();
        }
        return Optional.empty();
    }
}
