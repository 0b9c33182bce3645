package io.fxhome.web.bookmarks.health;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.jdbc.Sql;

/**
 * Reads an account's whole bookmark mirror in one pass of its primary key (account, guid): the health report and the
 * exports need every row, and a tree of 10,000 bookmarks is a few megabytes.
 */
@ApplicationScoped
public class BookmarkTreeReader {
    /** Every bookmark of an account: account. */
    static final String ALL = """
            select guid, parent_guid, position, kind, title, url, tags, keyword, description, date_added,
                   server_modified, children
              from bookmark where account_id = ? order by guid""";

    /**
     * What changes whenever any of the account's bookmark rows does, without reading them out: how many there are and
     * the transaction ids that wrote them (an insert or an update gives its rows a newer xmin; a deletion lowers the
     * count, or comes with a write that gives a newer xmin). Read through the same account-led key as {@link #ALL}.
     */
    static final String VERSION = """
            select count(*), coalesce(max(xmin::text::bigint), 0), coalesce(sum(xmin::text::bigint), 0)
              from bookmark where account_id = ?""";

    /** The tree's version: equal versions, equal trees. */
    public record Version(long rows, long newestWrite, long writes) {
    }

    private final ShardRouter shards;

    public BookmarkTreeReader(ShardRouter shards) {
        this.shards = shards;
    }

    public List<BookmarkNode> all(UUID accountId) {
        List<BookmarkNode> nodes = new ArrayList<>();
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(ALL)) {
            ps.setObject(1, accountId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new BookmarkNode(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), list(rs.getArray(7)), rs.getString(8), rs.getString(9),
                            Sql.instant(rs.getTimestamp(10)), Sql.syncSeconds(rs.getBigDecimal(11)),
                            nullableList(rs.getArray(12))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bookmarks of account " + accountId + ": " + e.getMessage(), e);
        }
        return nodes;
    }

    public Version version(UUID accountId) {
        try (Connection c = shards.dataSource(accountId).getConnection(); PreparedStatement ps = c.prepareStatement(VERSION)) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Version(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bookmarks of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    private static List<String> list(Array array) throws SQLException {
        List<String> l = nullableList(array);
        return l == null ? List.of() : l;
    }

    private static List<String> nullableList(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            if (o != null) {
                out.add((String) o);
            }
        }
        return out;
    }
}
