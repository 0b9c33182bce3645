package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.postgresql.PGStatement;

import io.fxhome.shard.ShardRouter;
import io.fxhome.web.jdbc.Sql;
import io.fxhome.web.search.Candidate.Part;
import io.fxhome.web.search.SearchStatement.AlsoIn;

/**
 * Address-bar search over the account's open tabs, inbox, bookmarks and history, ranked as Firefox ranks its address bar
 * (docs/search.md): every word in the title or the URL, case and accents ignored; boundary matches before matches
 * anywhere, each by the frecency the worker stored; restriction characters, keywords, autofill and adaptive history.
 * <p>
 * One search is one read-only transaction of a few statements (see {@link SearchStatement} and {@link Step}): short,
 * common words walk the most frecent pages in frecency order until enough match at a word boundary (Firefox's way);
 * longer words take a bounded trigram look, which is the whole answer for rare words; words found too often by it are
 * walked in frecency order further; only when that holds too few boundary matches, every match through the trigram
 * index. Sequential scans are off in that transaction: every part reads one account's
 * rows through an index that starts with {@code account_id}.
 */
@ApplicationScoped
public class SearchService {
    private static final Logger LOG = Logger.getLogger(SearchService.class);
    /**
     * The bounded trigram look reads at most this many matches. Fewer is the whole answer (rare words, most queries of
     * two or three words); this many means common words, better served in frecency order.
     */
    static final int CAP = 300;
    /**
     * The frecency-ordered pass reads at most this many of the most frecent history pages: words on 0.2 % of them or
     * more (what reaches the cap on 100,000 pages) find enough boundary matches there, and it stops as soon as they do.
     */
    static final int HISTORY_SCAN = 15_000;
    /** The same for bookmarks. */
    static final int BOOKMARK_SCAN = 3_000;
    /**
     * Words of at most this many characters are common: a query of only such words walks the most frecent pages first
     * (the first {@code WALK_FIRST_*_SCAN}) and stops once it has enough boundary matches, before any trigram look,
     * which reads every match of a common trigram (docs/search.md, "How PostgreSQL answers").
     */
    static final int WALK_FIRST_LENGTH = 4;
    /** How far the first walk goes through history before the trigram look takes over. */
    static final int WALK_FIRST_HISTORY_SCAN = 3_000;
    /** The same for bookmarks. */
    static final int WALK_FIRST_BOOKMARK_SCAN = 600;
    /**
     * Candidates kept per source beyond the limit. Each source's list is exact up to its length, so the merged top
     * {@code limit} is too; the spare covers one URL held twice in one source (two history records of one page).
     */
    static final int SPARE = 3;

    /** Every query runs on the account's shard. */
    private final ShardRouter shards;

    public SearchService(ShardRouter shards) {
        this.shards = shards;
    }

    public List<SearchResult> search(UUID accountId, String query, int limit) {
        SearchQuery q = SearchQuery.parse(query);
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        try (Connection c = shards.dataSource(accountId).getConnection()) {
            c.setAutoCommit(false);
            try {
                List<SearchResult> results = search(c, accountId, q, limit);
                c.commit();
                return results;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the data of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The search's settings, local to its transaction (exposed for the plan tests): no sequential scan; plans made once
     * per connection and statement shape and kept for any words (planning the statement each time cost more than
     * running it; every part is written to be served by an index whatever the values); no JIT compilation, which costs
     * more than a few-millisecond query saves; a search never runs for seconds.
     */
    static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("set local enable_seqscan = off; set local plan_cache_mode = force_generic_plan; set local jit = off;"
                    + " set local statement_timeout = '5s'");
        }
    }

    private List<SearchResult> search(Connection c, UUID account, SearchQuery q, int limit) throws SQLException {
        prepare(c);
        List<WordPattern> words = patterns(c, q);
        boolean scripts = q.text().startsWith("javascript:");
        int perSource = limit + SPARE;
        Sources sources = Sources.of(q);
        Optional<AutofillInput> autofill = AutofillInput.of(q);
        boolean indexable = words.stream().anyMatch(WordPattern::indexable);
        boolean shortWords = words.stream().allMatch(w -> w.length() <= WALK_FIRST_LENGTH);

        // Pass 1: tabs, keyword, adaptive history, autofill, and for bookmarks and history the cheapest first look.
        SearchStatement first = new SearchStatement(account);
        Step bookmarks = Step.first(sources.bookmarks, sources.bookmarkAlso.equals(AlsoIn.NOTHING), words.isEmpty(),
                indexable, shortWords);
        Step history = Step.first(sources.history, true, words.isEmpty(), indexable, shortWords);
        if (sources.tabs) {
            first.tabs(words, scripts, sources.tabAlso);
        }
        if (sources.inbox) {
            first.inbox(words, perSource, scripts);
        }
        if (q.unrestricted() && !q.words().isEmpty()) {
            first.keyword(q.words().get(0).toLowerCase(Locale.ROOT));
        }
        if (!q.text().isEmpty()) {
            first.adaptive(q.text(), perSource);
        }
        if (autofill.isPresent()) {
            if (autofill.get().origin()) {
                first.origins(autofill.get().hostPrefix());
            } else if (WordPattern.hasTrigram(autofill.get().urlPrefix())) {
                first.urlPrefixes(TextFolding.fold(c, List.of(autofill.get().urlPrefix())).get(0));
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        StringBuilder times = LOG.isDebugEnabled() ? new StringBuilder() : null;
        SearchStatement pass = first;
        // Each later pass runs the next step of the sources whose last step was not the answer.
        while (true) {
            add(pass, bookmarks, Part.BOOKMARK, words, perSource, scripts, sources.bookmarkAlso);
            add(pass, history, Part.HISTORY, words, perSource, scripts, AlsoIn.NOTHING);
            if (pass.isEmpty()) {
                break;
            }
            long t0 = System.nanoTime();
            candidates.addAll(run(c, pass));
            if (times != null) {
                times.append(
                        String.format(Locale.ROOT, " %s%s %.2f", bookmarks.code, history.code, (System.nanoTime() - t0) / 1e6));
            }
            bookmarks = bookmarks.next(candidates, Part.BOOKMARK, words.isEmpty(), perSource);
            history = history.next(candidates, Part.HISTORY, words.isEmpty(), perSource);
            pass = new SearchStatement(account);
        }
        if (times != null) {
            LOG.debugf("search for account %s: %d words, passes (bookmarks, history: ms)%s", account, words.size(), times);
        }
        candidates.removeIf(x -> x.part().adaptive() && !sources.allowsAdaptive(x, candidates));
        return ResultRanking.rank(q, autofill, candidates, limit);
    }

    private static void add(SearchStatement s, Step step, Part part, List<WordPattern> words, int perSource, boolean scripts,
            AlsoIn also) {
        boolean history = part == Part.HISTORY;
        switch (step) {
            case WALK -> {
                if (history) {
                    s.historyTop(words, WALK_FIRST_HISTORY_SCAN, perSource, scripts);
                } else {
                    s.bookmarksTop(words, WALK_FIRST_BOOKMARK_SCAN, perSource, scripts);
                }
            }
            case CAPPED -> {
                if (history) {
                    s.historyCapped(words, CAP, perSource, scripts);
                } else {
                    s.bookmarksCapped(words, CAP, perSource, scripts);
                }
            }
            case TOP -> {
                if (history) {
                    s.historyTop(words, HISTORY_SCAN, perSource, scripts);
                } else {
                    s.bookmarksTop(words, BOOKMARK_SCAN, perSource, scripts);
                }
            }
            case ALL -> {
                if (history) {
                    s.historyAll(words, perSource, scripts);
                } else {
                    s.bookmarksAll(words, perSource, scripts, also);
                }
            }
            case DONE -> {
            }
        }
    }

    /**
     * How a source is searched in the next pass. Each step either answers exactly (its candidates are kept) or says
     * which step reads more (its candidates are dropped):
     * <ul>
     * <li>WALK: the most frecent few thousand, in frecency order (short words, which are common: Firefox's own way).
     * Enough boundary matches are the answer; else the bounded trigram look.</li>
     * <li>CAPPED: the bounded trigram look. Fewer than {@link #CAP} matches are all of them; else the frecency-ordered
     * walk over more.</li>
     * <li>TOP: the frecency-ordered walk, up to {@link #HISTORY_SCAN}. Enough boundary matches (or no words) are the
     * answer; else every match.</li>
     * <li>ALL: every match, through the trigram index.</li>
     * </ul>
     */
    private enum Step {
        DONE(""),
        WALK("w"),
        CAPPED("c"),
        TOP("t"),
        ALL("a");

        final String code;

        Step(String code) {
            this.code = code;
        }

        static Step first(boolean searched, boolean plain, boolean noWords, boolean indexable, boolean shortWords) {
            if (!searched) {
                return DONE;
            }
            if (!plain) {
                return ALL;
            }
            if (noWords || !indexable) {
                return TOP;
            }
            return shortWords ? WALK : CAPPED;
        }

        Step next(List<Candidate> candidates, Part part, boolean noWords, int perSource) {
            Step next = switch (this) {
                case WALK -> boundaryMatches(candidates, part) >= perSource ? DONE : CAPPED;
                case CAPPED -> capReached(candidates, part) ? TOP : DONE;
                case TOP -> noWords || boundaryMatches(candidates, part) >= perSource ? DONE : ALL;
                case ALL, DONE -> DONE;
            };
            if (next != DONE) {
                candidates.removeIf(x -> x.part() == part);
            }
            return next;
        }
    }

    private static boolean capReached(List<Candidate> candidates, Part part) {
        return candidates.stream().anyMatch(x -> x.part() == part && x.rank() >= CAP);
    }

    private static long boundaryMatches(List<Candidate> candidates, Part part) {
        return candidates.stream().filter(x -> x.part() == part && x.boundary()).count();
    }

    private static List<WordPattern> patterns(Connection c, SearchQuery q) throws SQLException {
        List<String> folded = TextFolding.fold(c, q.words());
        List<WordPattern> patterns = new ArrayList<>();
        for (String f : folded) {
            // The match text holds URLs without their scheme; a typed one is dropped too (Firefox strips it).
            String w = withoutScheme(f);
            if (w.isEmpty()) {
                continue;
            }
            if (q.has(Restriction.TITLE) && q.has(Restriction.URL)) {
                // Both: the word must be in the title and in the URL (Firefox's BEHAVIOR_TITLE | BEHAVIOR_URL).
                patterns.add(WordPattern.of(w, WordPattern.Where.TITLE));
                patterns.add(WordPattern.of(w, WordPattern.Where.URL));
            } else if (q.has(Restriction.TITLE)) {
                patterns.add(WordPattern.of(w, WordPattern.Where.TITLE));
            } else if (q.has(Restriction.URL)) {
                patterns.add(WordPattern.of(w, WordPattern.Where.URL));
            } else {
                patterns.add(WordPattern.of(w, WordPattern.Where.TITLE_OR_URL));
            }
        }
        return patterns;
    }

    private static String withoutScheme(String word) {
        for (String scheme : new String[] { "https://", "http://", "ftp://" }) {
            if (word.startsWith(scheme)) {
                return word.substring(scheme.length());
            }
        }
        return word;
    }

    private static List<Candidate> run(Connection c, SearchStatement statement) throws SQLException {
        List<Candidate> rows = new ArrayList<>();
        if (statement.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(statement.sql())) {
            // A named server-side statement from the first use, so that its plan is kept (see prepare).
            ps.unwrap(PGStatement.class).setPrepareThreshold(1);
            List<Object> params = statement.params();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Candidate(Part.of(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                            Sql.instant(rs.getTimestamp(5)), rs.getInt(6), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                            rs.getDouble(10)));
                }
            }
        }
        return rows;
    }

    /**
     * Where results may come from. Without a source restriction: tabs, the inbox, bookmarks and history. With some,
     * results come from the narrowest one (tabs, else bookmarks, else history) and must also be in each other one
     * named; the inbox is Firefox's source of none of them, so a restricted search leaves it out.
     */
    private record Sources(boolean tabs, boolean inbox, boolean bookmarks, boolean history, AlsoIn tabAlso,
            AlsoIn bookmarkAlso, SearchQuery query) {
        static Sources of(SearchQuery q) {
            boolean h = q.has(Restriction.HISTORY);
            boolean b = q.has(Restriction.BOOKMARK);
            boolean t = q.has(Restriction.TAG);
            boolean o = q.has(Restriction.OPEN_TAB);
            if (!h && !b && !t && !o) {
                return new Sources(true, true, true, true, AlsoIn.NOTHING, AlsoIn.NOTHING, q);
            }
            if (o) {
                return new Sources(true, false, false, false, new AlsoIn(h, b, t, false), AlsoIn.NOTHING, q);
            }
            if (b || t) {
                return new Sources(false, false, true, false, AlsoIn.NOTHING, new AlsoIn(h, false, t, false), q);
            }
            return new Sources(false, false, false, true, AlsoIn.NOTHING, AlsoIn.NOTHING, q);
        }

        /** An adaptive URL shows if it is in every source the query restricts to. */
        boolean allowsAdaptive(Candidate c, List<Candidate> all) {
            if (query.unrestricted() || (!query.has(Restriction.HISTORY) && !query.has(Restriction.BOOKMARK)
                    && !query.has(Restriction.TAG) && !query.has(Restriction.OPEN_TAB))) {
                return true;
            }
            if (query.has(Restriction.TAG)) {
                return false;
            }
            return (!query.has(Restriction.HISTORY) || has(all, c.url(), Part.ADAPTIVE_HISTORY))
                    && (!query.has(Restriction.BOOKMARK) || has(all, c.url(), Part.ADAPTIVE_BOOKMARK))
                    && (!query.has(Restriction.OPEN_TAB) || has(all, c.url(), Part.ADAPTIVE_TAB));
        }

        private static boolean has(List<Candidate> all, String url, Part part) {
            return all.stream().anyMatch(x -> x.part() == part && x.url().equals(url));
        }
    }
}
