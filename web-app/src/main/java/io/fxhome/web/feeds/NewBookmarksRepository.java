package io.fxhome.web.feeds;

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
import io.fxhome.web.http.Links;
import io.fxhome.web.jdbc.Sql;

/** The account's newest bookmarks by date added, for the feed: one range read of bookmark_added_idx. */
@ApplicationScoped
public class NewBookmarksRepository {
    /** The newest bookmarks of an account (its id, then the limit); ordered as bookmark_added_idx is. */
    static final String NEWEST = """
            select guid, title, url, tags, keyword, date_added from bookmark
             where account_id = ? and kind = 'bookmark' and date_added is not null
             order by date_added desc limit ?""";

    private final ShardRouter shards;

    public NewBookmarksRepository(ShardRouter shards) {
        this.shards = shards;
    }

    public List<FeedEntry> newest(UUID accountId, int limit) {
        List<FeedEntry> entries = new ArrayList<>();
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement ps = c.prepareStatement(NEWEST)) {
            ps.setObject(1, accountId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String url = rs.getString(3);
                    StringBuilder summary = new StringBuilder(url == null ? "" : url);
                    Array tags = rs.getArray(4);
                    String[] tagList = tags == null ? new String[0] : (String[]) tags.getArray();
                    if (tagList.length > 0) {
                        summary.append("\nTags: ").append(String.join(", ", tagList));
                    }
                    if (rs.getString(5) != null) {
                        summary.append("\nKeyword: ").append(rs.getString(5));
                    }
                    entries.add(new FeedEntry(AtomFeed.id("bookmark", accountId, rs.getString(1)), rs.getString(2),
                            Links.linkable(url) ? url : null, Sql.instant(rs.getTimestamp(6)), summary.toString()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the new bookmarks of account " + accountId + ": " + e.getMessage(), e);
        }
        return entries;
    }
}
