package io.fxhome.web.bookmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/**
 * The bookmark tree, read folder by folder; children in the order their folder lists them. Children are found through
 * the first 64 characters of their parent id (what the index holds, V14: a record id has at most 64), then the whole.
 */
@ApplicationScoped
public class BookmarksRepository {
    private static final String ITEM_COLUMNS = """
            b.guid, b.kind, b.title, b.url, b.tags, b.date_added,
            case when b.kind in ('folder', 'livemark') then
                 (select count(*) from bookmark c where c.account_id = b.account_id
                                                    and left(c.parent_guid, 64) = left(b.guid, 64)
                                                    and c.parent_guid = b.guid) end,
            b.keyword""";

    /** A folder's children: account, folder guid, folder guid. */
    static final String CHILDREN = "select " + ITEM_COLUMNS
            + " from bookmark b where b.account_id = ? and left(b.parent_guid, 64) = left(?, 64)"
            + " and b.parent_guid = ? order by b.position nulls last, b.guid";

    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public BookmarksRepository(ShardRouter shards) {
        this.shards = shards;
    }

    /** The roots that exist for this account, toolbar first. */
    public List<BookmarkItem> roots(UUID accountId) {
        List<BookmarkItem> roots = new ArrayList<>();
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement("select " + ITEM_COLUMNS
                        + " from bookmark b where b.account_id = ? and b.guid in ('toolbar', 'menu', 'unfiled', 'mobile')")) {
            ps.setObject(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roots.add(item(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bookmarks of account " + accountId + ": " + e.getMessage(), e);
        }
        roots.sort(Comparator.comparingInt(r -> BookmarkRoots.ORDER.indexOf(r.guid())));
        return roots;
    }

    public Optional<BookmarkFolder> folder(UUID accountId, String guid) {
        try (Connection c = shards.dataSource(accountId).getConnection()) {
            BookmarkItem item;
            String parent;
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + ITEM_COLUMNS + ", b.parent_guid from bookmark b where b.account_id = ? and b.guid = ?")) {
                ps.setObject(1, accountId);
                ps.setString(2, guid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    item = item(rs);
                    parent = rs.getString(9);
                }
            }
            List<Crumb> crumbs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    with recursive up (guid, parent_guid, title, depth) as (
                        select guid, parent_guid, title, 0 from bookmark where account_id = ? and guid = ?
                        union all
                        select b.guid, b.parent_guid, b.title, up.depth + 1
                          from bookmark b join up on b.guid = up.parent_guid
                         where b.account_id = ? and up.depth < 64)
                    select guid, title from up order by depth desc""")) {
                ps.setObject(1, accountId);
                ps.setString(2, guid);
                ps.setObject(3, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        crumbs.add(new Crumb(rs.getString(1), BookmarkRoots.title(rs.getString(1), rs.getString(2))));
                    }
                }
            }
            List<BookmarkItem> children = new ArrayList<>();
            if (item.childCount() != null) {
                try (PreparedStatement ps = c.prepareStatement(CHILDREN)) {
                    ps.setObject(1, accountId);
                    ps.setString(2, guid);
                    ps.setString(3, guid);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            children.add(item(rs));
                        }
                    }
                }
            }
            return Optional.of(new BookmarkFolder(item, parent, crumbs, children));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bookmarks of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    private static BookmarkItem item(ResultSet rs) throws SQLException {
        String guid = rs.getString(1);
        String url = rs.getString(4);
        Array tags = rs.getArray(5);
        List<String> tagList = tags == null ? List.of() : List.of((String[]) tags.getArray());
        Object count = rs.getObject(7);
        return new BookmarkItem(guid, rs.getString(2), BookmarkRoots.title(guid, rs.getString(3)), url,
                tagList.isEmpty() ? null : tagList, Sql.instant(rs.getTimestamp(6)),
                count == null ? null : ((Number) count).intValue(), url == null ? null : Links.linkable(url),
                rs.getString(8));
    }
}
