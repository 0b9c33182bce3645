package io.fxhome.web.search;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the SQL of one search round trip: a UNION ALL of parts, each returning {@link Candidate} columns
 * ({@code part, url, title, frecency, last_at, visits, boundary, device, extra, rank}). Every part reads one account's
 * rows through an index that starts with {@code account_id}; user input only ever travels as parameters, and each
 * parameter is added where its {@code ?} is written, so text and parameters stay in step.
 */
final class SearchStatement {
    /** A tab never visited ranks like one medium-weight visit on its last use: ln(50) / (ln(2) / 30) = 169 days. */
    static final int TAB_FRECENCY_DAYS = 169;
    /**
     * How many received tabs, newest first, the address bar looks through: a keystroke whose word is rare reads them
     * all (7 ms for 10,000), the inbox page lists every one.
     */
    static final int INBOX_WALK = 10_000;
    /**
     * The last code point: "p <= x < p + MAX_CHAR" in byte order is "x starts with p". Prefixes are ranges rather than
     * LIKE 'p%' so that a plan prepared once (for any p) still reads them from a B-tree.
     */
    static final String MAX_CHAR = new String(Character.toChars(0x10FFFF));

    /** Sources a result must also be found in (when several restriction characters combine). */
    record AlsoIn(boolean history, boolean bookmark, boolean tagged, boolean tab) {
        static final AlsoIn NOTHING = new AlsoIn(false, false, false, false);
    }

    private final StringBuilder sql = new StringBuilder(4096);
    private final List<Object> params = new ArrayList<>();
    private final UUID account;
    private int parts;

    SearchStatement(UUID account) {
        this.account = account;
    }

    String sql() {
        return sql.toString();
    }

    List<Object> params() {
        return params;
    }

    boolean isEmpty() {
        return parts == 0;
    }

    private SearchStatement startPart() {
        if (parts++ > 0) {
            sql.append("\nunion all\n");
        }
        sql.append('(');
        return this;
    }

    private SearchStatement endPart() {
        sql.append(')');
        return this;
    }

    private SearchStatement t(String text) {
        sql.append(text);
        return this;
    }

    private SearchStatement p(Object value) {
        sql.append('?');
        params.add(value);
        return this;
    }

    private SearchStatement account() {
        return p(account);
    }

    /** " and" each word anywhere in {@code column}; only indexable patterns may guide an index. */
    private SearchStatement anywhere(String column, List<WordPattern> words, boolean forIndex) {
        for (WordPattern w : words) {
            // "(x || '')" keeps a pattern without trigrams away from the GIN index (it would read every entry).
            t(" and ").t(!forIndex || w.indexable() ? column : "(" + column + " || '')").t(" like ").p(w.like());
        }
        return this;
    }

    /** An expression: every word at a word boundary. */
    private SearchStatement boundary(String column, List<WordPattern> words) {
        t("(true");
        for (WordPattern w : words) {
            if (w.boundary() != null) {
                t(" and ").t(column).t(" ~ ").p(w.boundary());
            }
        }
        return t(")");
    }

    /** Firefox leaves javascript: URLs out unless the query itself starts with "javascript:". */
    private SearchStatement noScripts(String column, boolean allowScripts) {
        return allowScripts ? this : t(" and strpos(" + column + ", E'\\njavascript:') = 0");
    }

    /** The URL's history: best frecency, last visit, visits (for a lateral join). */
    private SearchStatement historyOf(String url) {
        return t("select max(p.frecency) as frecency, max(p.last_visit_at) as last_at, sum(p.visit_count)::integer as visits"
                + " from history_place p where p.account_id = ").account()
                .t(" and hashtextextended(p.url, 0) = hashtextextended(" + url + ", 0) and p.url = " + url);
    }

    private SearchStatement alsoIn(String url, AlsoIn also) {
        String hash = "hashtextextended(" + url + ", 0)";
        if (also.history()) {
            t(" and exists (select 1 from history_place x where x.account_id = ").account()
                    .t(" and hashtextextended(x.url, 0) = " + hash + " and x.url = " + url + ")");
        }
        if (also.bookmark() || also.tagged()) {
            t(" and exists (select 1 from bookmark x where x.account_id = ").account()
                    .t(" and hashtextextended(x.url, 0) = " + hash + " and x.url = " + url + " and x.kind = 'bookmark'"
                            + (also.tagged() ? " and cardinality(x.tags) > 0" : "") + ")");
        }
        if (also.tab()) {
            t(" and exists (select 1 from tab x where x.account_id = ").account().t(" and x.url = " + url + ")");
        }
        return this;
    }

    /**
     * History, first pass: the account's pages in frecency order, read from the frecency index alone (an index-only
     * scan), keeping the first {@code limit} that match every word at a word boundary. The scan stops as soon as it
     * has them, and in any case after the {@code scan} most frecent pages; boundary matches rank before all others, so
     * when it found {@code limit} of them they are the answer.
     */
    SearchStatement historyTop(List<WordPattern> words, int scan, int limit, boolean allowScripts) {
        startPart().t(
                "select 'h', p.url, p.title, p.frecency, p.last_visit_at, p.visit_count, true, null::text, null::text, null::float8")
                .t(" from (select t.guid from (select guid, frecency, last_visit_at, match_text from history_place where account_id = ")
                .account()
                .t(" order by frecency desc, last_visit_at desc limit ").p(scan).t(") t where true")
                .anywhere("t.match_text", words, false).t(" and ").boundary("t.match_text", words)
                .noScripts("t.match_text", allowScripts)
                .t(" limit ").p(limit).t(") m join history_place p on p.account_id = ").account().t(" and p.guid = m.guid");
        return endPart();
    }

    /**
     * History, a bounded look through the trigram index: at most {@code cap} matches, unordered (the heap scan stops
     * there), of which the best {@code limit}; each row's {@code rank} column carries how many were found. Fewer than
     * {@code cap} means they were all the matches, and the answer is exact; {@code cap} means the words are common, and
     * the frecency-ordered pass is the cheap way to the best ones.
     */
    SearchStatement historyCapped(List<WordPattern> words, int cap, int limit, boolean allowScripts) {
        startPart().t(
                "select 'h', y.url, y.title, y.frecency, y.last_visit_at, y.visit_count, y.boundary, null::text, null::text, y.n::float8")
                .t(" from (select x.*, count(*) over () as n from (select p.url, p.title, p.frecency, p.last_visit_at, p.visit_count, ")
                .boundary("p.match_text", words).t(" as boundary from history_place p where p.account_id = ").account()
                .anywhere("p.match_text", words, true).noScripts("p.match_text", allowScripts).t(" limit ").p(cap).t(") x")
                .t(" order by x.boundary desc, x.frecency desc, x.last_visit_at desc limit ").p(limit).t(") y");
        return endPart();
    }

    /** Bookmarks, a bounded look through the trigram index (see {@link #historyCapped}). */
    SearchStatement bookmarksCapped(List<WordPattern> words, int cap, int limit, boolean allowScripts) {
        startPart().t(
                "select 'b', y.url, y.title, y.frecency, v.last_at, coalesce(v.visits, 0), y.boundary, null::text, y.keyword, y.n::float8")
                .t(" from (select x.*, count(*) over () as n from (select k.url, k.title, k.frecency, k.keyword, k.date_added, ")
                .boundary("k.match_text", words).t(" as boundary from bookmark k where k.account_id = ").account()
                .t(" and k.kind = 'bookmark' and k.url is not null").anywhere("k.match_text", words, true)
                .noScripts("k.match_text", allowScripts).t(" limit ").p(cap).t(") x")
                .t(" order by x.boundary desc, x.frecency desc, x.date_added desc limit ").p(limit).t(") y")
                .t(" left join lateral (").historyOf("y.url").t(") v on true");
        return endPart();
    }

    /** History, second pass: every match of the account, through the trigram index; the best {@code limit}. */
    SearchStatement historyAll(List<WordPattern> words, int limit, boolean allowScripts) {
        startPart().t("select 'h', p.url, p.title, p.frecency, p.last_visit_at, p.visit_count, ")
                .boundary("p.match_text", words)
                .t(", null::text, null::text, null::float8 from history_place p where p.account_id = ").account()
                .anywhere("p.match_text", words, true).noScripts("p.match_text", allowScripts)
                .t(" order by 7 desc, p.frecency desc, p.last_visit_at desc limit ").p(limit);
        return endPart();
    }

    /** Bookmarks, first pass (see {@link #historyTop}). */
    SearchStatement bookmarksTop(List<WordPattern> words, int scan, int limit, boolean allowScripts) {
        startPart().t(
                "select 'b', k.url, k.title, k.frecency, v.last_at, coalesce(v.visits, 0), true, null::text, k.keyword, null::float8")
                .t(" from (select t.guid from (select guid, frecency, date_added, match_text from bookmark where account_id = ")
                .account()
                .t(" and kind = 'bookmark' and url is not null order by frecency desc, date_added desc limit ").p(scan)
                .t(") t where true")
                .anywhere("t.match_text", words, false).t(" and ").boundary("t.match_text", words)
                .noScripts("t.match_text", allowScripts)
                .t(" limit ").p(limit).t(") m join bookmark k on k.account_id = ").account().t(" and k.guid = m.guid")
                .t(" left join lateral (").historyOf("k.url").t(") v on true");
        return endPart();
    }

    /** Bookmarks, second pass (see {@link #historyAll}), possibly also in other sources. */
    SearchStatement bookmarksAll(List<WordPattern> words, int limit, boolean allowScripts, AlsoIn also) {
        // The page's history is looked up for the bookmarks kept only, after the limit.
        startPart().t(
                "select 'b', m.url, m.title, m.frecency, v.last_at, coalesce(v.visits, 0), m.boundary, null::text, m.keyword, null::float8")
                .t(" from (select k.url, k.title, k.frecency, k.keyword, k.date_added, ").boundary("k.match_text", words)
                .t(" as boundary from bookmark k where k.account_id = ").account()
                .t(" and k.kind = 'bookmark' and k.url is not null")
                .anywhere("k.match_text", words, true).noScripts("k.match_text", allowScripts).alsoIn("k.url", also)
                .t(" order by boundary desc, k.frecency desc, k.date_added desc limit ").p(limit).t(") m")
                .t(" left join lateral (").historyOf("m.url").t(") v on true");
        return endPart();
    }

    /** History, second pass, also in other sources (combined restrictions). */
    SearchStatement historyAll(List<WordPattern> words, int limit, boolean allowScripts, AlsoIn also) {
        if (also.equals(AlsoIn.NOTHING)) {
            return historyAll(words, limit, allowScripts);
        }
        startPart().t("select 'h', p.url, p.title, p.frecency, p.last_visit_at, p.visit_count, ")
                .boundary("p.match_text", words)
                .t(", null::text, null::text, null::float8 from history_place p where p.account_id = ").account()
                .anywhere("p.match_text", words, true).noScripts("p.match_text", allowScripts).alsoIn("p.url", also)
                .t(" order by 7 desc, p.frecency desc, p.last_visit_at desc limit ").p(limit);
        return endPart();
    }

    /** Tabs of the account's known devices: a few dozen rows, all read. */
    SearchStatement tabs(List<WordPattern> words, boolean allowScripts, AlsoIn also) {
        startPart()
                .t("select 't', t.url, t.title, greatest(v.frecency, floor(extract(epoch from t.last_used) / 86400)::integer + "
                        + TAB_FRECENCY_DAYS + "), coalesce(v.last_at, t.last_used), coalesce(v.visits, 0), ")
                .boundary("t.match_text", words)
                .t(", d.name, null::text, null::float8 from tab t join device d on d.account_id = t.account_id and d.client_id = t.client_id")
                .t(" left join lateral (").historyOf("t.url").t(") v on true where t.account_id = ").account()
                .anywhere("t.match_text", words, false).noScripts("t.match_text", allowScripts).alsoIn("t.url", also)
                .t(" limit 200");
        return endPart();
    }

    /**
     * The account's inbox (tabs other Firefoxes sent to fxhome): the newest {@code limit} matches, walked newest first
     * through {@code inbox_recent (account_id, sent_at desc)}; the walk stops at the {@code limit}th match and in any
     * case after the newest {@link #INBOX_WALK} received tabs. A received tab ranks like a tab last used when it was
     * sent (or by its history, if that is better); the sender's name rides in the device column.
     */
    SearchStatement inbox(List<WordPattern> words, int limit, boolean allowScripts) {
        // The walk's own limit, with nothing to filter below it, is what keeps the generic plan an ordered walk: with
        // the filter and the limit on one level, the planner sizes every account's inbox by the average (a few tabs)
        // and reads and sorts all of them, 9 ms a keystroke on 20,000 received tabs (BoundedIndexPlansTest).
        startPart()
                .t("select 'i', i.url, i.title, greatest(v.frecency, floor(extract(epoch from i.sent_at) / 86400)::integer + "
                        + TAB_FRECENCY_DAYS + "), coalesce(v.last_at, i.sent_at), coalesce(v.visits, 0), i.boundary,"
                        + " i.sender_name, null::text, null::float8")
                .t(" from (select url, title, sent_at, sender_name, ").boundary("match_text", words)
                .t(" as boundary from (select url, title, sent_at, sender_name, match_text from inbox where account_id = ")
                .account().t(" order by sent_at desc limit ").p(INBOX_WALK).t(") w where true")
                .anywhere("match_text", words, false).noScripts("match_text", allowScripts).t(" order by sent_at desc limit ")
                .p(limit).t(") i")
                .t(" left join lateral (").historyOf("i.url").t(") v on true");
        return endPart();
    }

    /**
     * The bookmark whose keyword is the first word. The index holds the first 255 characters of each keyword (V14: a
     * B-tree entry cannot hold a long one), so the lookup names them, then checks the whole keyword.
     */
    SearchStatement keyword(String keyword) {
        startPart().t("select 'k', b.url, b.title, b.frecency, null::timestamptz, 0, true, null::text, b.keyword, null::float8")
                .t(" from bookmark b where b.account_id = ").account().t(" and left(lower(b.keyword), 255) = left(")
                .p(keyword).t(", 255) and lower(b.keyword) = ").p(keyword)
                .t(" and b.keyword is not null and b.kind = 'bookmark' and b.url is not null order by b.frecency desc limit 1");
        return endPart();
    }

    /**
     * Adaptive history: URLs picked for inputs that start with what is typed now, ranked as Firefox ranks
     * moz_inputhistory (the best use count, decayed 0.975 a day since its last pick, doubled for the exact input), each
     * with the tab, bookmark and history rows of its URL.
     */
    SearchStatement adaptive(String input, int limit) {
        startPart()
                .t("select 'a' || s.src, i.url, s.title, s.frecency, s.last_at, s.visits, true, s.device, null::text, i.rank")
                .t(" from (select url_hash, url, round((decayed * case when input = ").p(input)
                .t(" then 2 else 1 end)::numeric, 1)::float8 as rank from (select distinct on (url_hash) url_hash, url, input,")
                .t(" use_count * power(0.975::float8, extract(epoch from now() - used_at)::float8 / 86400) as decayed")
                .t(" from search_input_history where account_id = ").account().t(" and input >= ").p(input).t(" and input < ")
                .p(input + MAX_CHAR)
                .t(" order by url_hash, decayed desc) d where decayed >= 0.1 order by rank desc limit ").p(limit).t(") i")
                .t(" cross join lateral (select 't' as src, t.title, greatest(v.frecency, floor(extract(epoch from t.last_used) / 86400)::integer + "
                        + TAB_FRECENCY_DAYS
                        + ") as frecency, coalesce(v.last_at, t.last_used) as last_at, coalesce(v.visits, 0) as visits,")
                .t(" d.name as device from tab t join device d on d.account_id = t.account_id and d.client_id = t.client_id")
                .t(" left join lateral (").historyOf("t.url").t(") v on true where t.account_id = ").account()
                .t(" and t.url = i.url")
                .t(" union all select 'b', b.title, b.frecency, null, 0, null from bookmark b where b.account_id = ").account()
                .t(" and hashtextextended(b.url, 0) = i.url_hash and b.url = i.url and b.kind = 'bookmark'")
                .t(" union all select 'h', p.title, p.frecency, p.last_visit_at, p.visit_count, null from history_place p where p.account_id = ")
                .account().t(" and hashtextextended(p.url, 0) = i.url_hash and p.url = i.url) s");
        return endPart();
    }

    /**
     * Origin autofill candidates: pages of hosts starting with the prefix that had a typed visit in the last 90 days,
     * and bookmarks (Firefox autofills an origin typed recently or bookmarked). The host is not selected: computing it
     * (a regular expression) for every page of a one-letter prefix, before the sort, cost more than the whole search;
     * the completion is derived from the URL in Java ({@link AutofillInput}).
     */
    SearchStatement origins(String hostPrefix) {
        startPart().t(
                "select 'o', p.url, p.title, p.frecency, p.last_visit_at, p.visit_count, true, null::text, null::text, null::float8")
                .t(" from history_place p where p.account_id = ").account().t(" and ").hostStarts("p.url", hostPrefix)
                .t(" and p.last_typed_at > now() - interval '90 days' order by p.frecency desc limit 20")
                .endPart();
        startPart().t(
                "select 'o', b.url, b.title, b.frecency, null::timestamptz, 0, true, null::text, null::text, null::float8")
                .t(" from bookmark b where b.account_id = ").account().t(" and b.kind = 'bookmark' and b.url is not null")
                .t(" and ").hostStarts("b.url", hostPrefix).t(" order by b.frecency desc limit 20");
        return endPart();
    }

    /**
     * The URL's host starts with the prefix. One character: the host's first character, which the V30 indexes hold
     * beside the frecency, so that the 20 most frecent are read in order rather than every host of that letter sorted;
     * longer: a range of the host indexes (a few dozen rows).
     */
    private SearchStatement hostStarts(String url, String hostPrefix) {
        if (hostPrefix.codePointCount(0, hostPrefix.length()) == 1) {
            return t("left(fxhome_url_host(" + url + "), 1) = ").p(hostPrefix);
        }
        return t("fxhome_url_host(" + url + ") ~>=~ ").p(hostPrefix).t(" and fxhome_url_host(" + url + ") ~<~ ")
                .p(hostPrefix + MAX_CHAR);
    }

    /** URL autofill candidates: pages and bookmarks whose URL (without scheme and www.) starts with the prefix. */
    SearchStatement urlPrefixes(String foldedPrefix) {
        String like = "%\n" + WordPattern.escapeLike(foldedPrefix) + "%";
        String likeWww = "%\nwww." + WordPattern.escapeLike(foldedPrefix) + "%";
        startPart().t(
                "select 'u', p.url, p.title, p.frecency, p.last_visit_at, p.visit_count, true, null::text, null::text, null::float8")
                .t(" from history_place p where p.account_id = ").account().t(" and (p.match_text like ").p(like)
                .t(" or p.match_text like ").p(likeWww).t(") order by p.frecency desc limit 10").endPart();
        startPart()
                .t("select 'u', b.url, b.title, b.frecency, null::timestamptz, 0, true, null::text, null::text, null::float8")
                .t(" from bookmark b where b.account_id = ").account().t(" and b.kind = 'bookmark' and b.url is not null")
                .t(" and (b.match_text like ").p(like).t(" or b.match_text like ").p(likeWww)
                .t(") order by b.frecency desc limit 10");
        return endPart();
    }
}
