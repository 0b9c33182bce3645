package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.fxhome.shard.ShardRouter;

/**
 * Adaptive history, Firefox's moz_inputhistory: remembers which result the user picked for what they had typed, so
 * that it rises for that input (and inputs it starts with) next time. A pick raises the pair's use count as Firefox
 * does ({@code use_count * 0.9 + 1}, after the daily 0.975 decay since its last pick); pairs decayed below 0.1 (about
 * 90 days unused) are dropped.
 */
@ApplicationScoped
public class InputHistory {
    private static final String DECAYED = "use_count * power(0.975::float8, extract(epoch from now() - used_at)::float8 / 86400)";
    // Only a URL the account has (tab, bookmark or page): picks cannot grow the table with anything else.
    private static final String PICK = """
            insert into search_input_history as i (account_id, input, url_hash, url, use_count, used_at)
            select ?, ?, hashtextextended(?, 0), ?, 1, now()
             where exists (select 1 from history_place p where p.account_id = ? and hashtextextended(p.url, 0) = hashtextextended(?, 0) and p.url = ?)
                or exists (select 1 from bookmark b where b.account_id = ? and hashtextextended(b.url, 0) = hashtextextended(?, 0) and b.url = ?)
                or exists (select 1 from tab t where t.account_id = ? and t.url = ?)
            on conflict (account_id, input, url_hash) do update
               set use_count = %s * 0.9 + 1, used_at = now(), url = excluded.url
            """
            .formatted(DECAYED.replace("use_count", "i.use_count").replace("used_at", "i.used_at"));
    private static final String FORGET = "delete from search_input_history where account_id = ? and " + DECAYED + " < 0.1";

    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public InputHistory(ShardRouter shards) {
        this.shards = shards;
    }

    /** Records that {@code url} was picked from the results of {@code query}; false if the account has no such URL. */
    public boolean picked(UUID accountId, String query, String url) {
        String input = SearchQuery.parse(query).text();
        if (input.isEmpty() || url == null || url.isEmpty() || url.length() > 65_536) {
            return false;
        }
        try (Connection c = shards.dataSource(accountId).getConnection();
                PreparedStatement pick = c.prepareStatement(PICK);
                PreparedStatement forget = c.prepareStatement(FORGET)) {
            Object[] params = { accountId, input, url, url, accountId, url, url, accountId, url, url, accountId, url };
            for (int i = 0; i < params.length; i++) {
                pick.setObject(i + 1, params[i]);
            }
            boolean recorded = pick.executeUpdate() > 0;
            forget.setObject(1, accountId);
            forget.executeUpdate();
            return recorded;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a pick for account " + accountId + ": " + e.getMessage(), e);
        }
    }
}
