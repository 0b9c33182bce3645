package io.fxhome.worker.bookmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fxhome.worker.db.CopyRows;
import io.fxhome.worker.frecency.BookmarkFrecency;

/**
 * Writes bookmark records. Bookmarks mirror the server exactly: upserts for records, deletes for tombstones, and after
 * a full download every row the server no longer has is removed. Positions follow each folder's {@code children}
 * order (a child listed twice: its first place); items no folder lists keep a null position and sort after the listed
 * ones.
 */
public final class BookmarkWriter {
    private static final String STAGE = """
            create temp table if not exists stage_bookmark (
                guid text, parent_guid text, kind text, title text, url text, tags text[], keyword text,
                description text, date_added timestamptz, server_modified numeric, children text[])
                on commit delete rows;
            """;
    // Each bookmark is written with its frecency (as BookmarkFrecency scores it: its page's, else its date added's),
    // so that the account-wide scoring after the download finds it right instead of writing every row a second time.
    private static final String MERGE = """
            insert into bookmark (account_id, guid, parent_guid, kind, title, url, tags, keyword, description,
                                  date_added, server_modified, children, frecency)
            select ?, s.guid, s.parent_guid, s.kind, s.title, s.url, coalesce(s.tags, '{}'), s.keyword, s.description,
                   s.date_added, s.server_modified, s.children,
                   case when s.kind = 'bookmark' and s.url is not null then coalesce(
                            (select max(p.frecency) from history_place p
                              where p.account_id = ? and hashtextextended(p.url, 0) = hashtextextended(s.url, 0)
                                and p.url = s.url and p.frecency <> 0),
                            fxhome_page_frecency('{}', '{}', 0, true, s.date_added, s.url))
                        else 0 end
              from stage_bookmark s
            on conflict (account_id, guid) do update
               set parent_guid = excluded.parent_guid, kind = excluded.kind, title = excluded.title,
                   url = excluded.url, tags = excluded.tags, keyword = excluded.keyword,
                   description = excluded.description, date_added = excluded.date_added,
                   server_modified = excluded.server_modified, children = excluded.children,
                   frecency = excluded.frecency
            """;
    private static final String DELETE = "delete from bookmark where account_id = ? and guid = any(?)";
    private static final String DELETE_ALL_BUT = "delete from bookmark where account_id = ? and not (guid = any(?))";
    // A child a folder lists twice takes its first place: joined to both, an update would pick either, at random.
    private static final String REPOSITION = """
            update bookmark b
               set position = c.position
              from (select f.account_id, f.guid as folder, c.guid, min(c.idx)::integer - 1 as position
                      from bookmark f
                      cross join lateral unnest(f.children) with ordinality as c(guid, idx)
                     where f.account_id = ? and f.children is not null
                     group by f.account_id, f.guid, c.guid) c
             where b.account_id = c.account_id and b.guid = c.guid and b.parent_guid = c.folder
               and b.position is distinct from c.position
            """;
    private static final String UNPOSITION = """
            update bookmark b set position = null
             where b.account_id = ? and b.position is not null
               and not exists (select 1 from bookmark f
                                where f.account_id = b.account_id and f.guid = b.parent_guid
                                  and b.guid = any(f.children))
            """;

    private final Connection connection;

    public BookmarkWriter(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            st.execute(STAGE);
        }
    }

    public int write(UUID accountId, Collection<BookmarkRow> page) throws SQLException {
        if (page.isEmpty()) {
            return 0;
        }
        Map<String, BookmarkRow> byGuid = new LinkedHashMap<>();
        page.forEach(b -> byGuid.put(b.guid(), b));
        CopyRows rows = new CopyRows();
        for (BookmarkRow b : byGuid.values()) {
            rows.text(b.guid()).text(b.parentGuid()).text(b.kind()).text(b.title()).text(b.url())
                    .textArray(b.tags()).text(b.keyword()).text(b.description())
                    .text(b.dateAdded() == null ? null : b.dateAdded().toString())
                    .number(b.serverModified()).textArray(b.children()).endRow();
        }
        rows.copyInto(connection,
                "stage_bookmark (guid, parent_guid, kind, title, url, tags, keyword, description, date_added, server_modified, children)");
        try (PreparedStatement ps = connection.prepareStatement(MERGE)) {
            ps.setObject(1, accountId);
            ps.setObject(2, accountId);
            ps.executeUpdate();
        }
        try (Statement st = connection.createStatement()) {
            st.execute("delete from stage_bookmark");
        }
        return byGuid.size();
    }

    public int delete(UUID accountId, List<String> guids) throws SQLException {
        return guids.isEmpty() ? 0 : withGuids(DELETE, accountId, guids);
    }

    /** After a full download: the server's set of ids is the truth, everything else goes. */
    public int deleteAllExcept(UUID accountId, Collection<String> liveGuids) throws SQLException {
        return withGuids(DELETE_ALL_BUT, accountId, List.copyOf(liveGuids));
    }

    /**
     * Recomputes positions from the folders' children arrays, and the frecency bookmarks give and take (see
     * BookmarkFrecency); run once after a download.
     */
    public void reposition(UUID accountId) throws SQLException {
        for (String sql : List.of(UNPOSITION, REPOSITION)) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setObject(1, accountId);
                ps.executeUpdate();
            }
        }
        new BookmarkFrecency(connection).refresh(accountId);
    }

    private int withGuids(String sql, UUID accountId, List<String> guids) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setObject(1, accountId);
            ps.setArray(2, connection.createArrayOf("text", guids.toArray()));
            return ps.executeUpdate();
        }
    }
}
