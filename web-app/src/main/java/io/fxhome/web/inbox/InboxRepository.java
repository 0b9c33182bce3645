package io.fxhome.web.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/** The inbox (V17's {@code inbox}, filled by the worker's SendTabReceiver): pages newest first, mark read, delete. */
@ApplicationScoped
public class InboxRepository {
    /** Newest first by keyset on the primary key (account_id, id): parameters account, before-id, limit. */
    static final String PAGE = """
            select id, url, title, sender_name, sent_at, read_at from inbox
             where account_id = ? and id < ?
             order by id desc limit ?""";

    private final ShardRouter shards;

    public InboxRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public InboxPage page(UUID accountId, Optional<Long> before, int limit) {
        List<InboxEntry> items = new ArrayList<>();
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setObject(1, accountId);
            ps.setLong(2, before.orElse(Long.MAX_VALUE));
            ps.setInt(3, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String url = rs.getString(2);
                    String title = rs.getString(3);
                    // Firefox sends "" for a page without a title: no title, shown as its URL.
                    items.add(new InboxEntry(rs.getLong(1), url, title.isBlank() ? null : title, rs.getString(4),
                            Sql.instant(rs.getTimestamp(5)), Sql.instant(rs.getTimestamp(6)), Links.linkable(url)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the inbox of account " + accountId + ": " + e.getMessage(), e);
        }
        if (items.size() <= limit) {
            return new InboxPage(items, null);
        }
        List<InboxEntry> page = List.copyOf(items.subList(0, limit));
        return new InboxPage(page, InboxCursor.encode(page.get(limit - 1).id()));
    }

    /** Marks an entry read (keeping the first time it was); false if the account has no such entry. */
    public boolean markRead(UUID accountId, long id) {
        return update(accountId, id, "update inbox set read_at = coalesce(read_at, now()) where account_id = ? and id = ?");
    }

    /** Deletes an entry; false if the account has no such entry. */
    public boolean delete(UUID accountId, long id) {
        return update(accountId, id, "delete from inbox where account_id = ? and id = ?");
    }

    private boolean update(UUID accountId, long id, String sql) {
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, accountId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the inbox of account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
