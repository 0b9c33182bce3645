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

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.http.Sql;
import io.fxhome.web.search.Candidate.Part;
import io.fxhome.web.search.SearchStatement.AlsoIn;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Address-bar search over the account's open tabs, bookmarks and history, ranked as Firefox ranks its address bar
 * (docs/search.md): every word in the title or the URL, case and accents ignored; boundary matches before matches
 * anywhere, each by the frecency the worker stored; restriction characters, keywords, autofill and adaptive history.
 * <p>
 * One search is one read-only transaction of one or two statements (see {@link SearchStatement}): first the most
 * frecent pages are read from the frecency index alone, which answers most queries; only when they hold too few
 * boundary matches does a second statement ask the trigram index for every match. Sequential scans are off in that
 * transaction: every part reads one account's rows through an index that starts with {@code account_id}.
 */
@ApplicationScoped
public class SearchService {
    /** Most frecent history pages read in the first pass. */
    static final int HISTORY_SCAN = 2000;
    /** Most frecent bookmarks read in the first pass. */
    static final int BOOKMARK_SCAN = 1000;
    /** Candidates kept per source beyond the limit, so that a URL in two sources does not shorten the list. */
    static final int SPARE = 10;

    private final AgroalDataSource ds;

    public SearchService(AgroalDataSource ds) {
        this.ds = ds;
    }

    public List<SearchResult> search(UUID accountId, String query, int limit) {
        SearchQuery q = SearchQuery.parse(query);
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        try (Connection c = ds.getConnection()) {
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

    /** The search's session settings, local to its transaction (exposed for the plan tests). */
    static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            // JIT compiling a few-millisecond query costs more than it saves; a search never runs for seconds.
            st.execute("set local enable_seqscan = off; set local jit = off; set local statement_timeout = '5s'");
        }
    }

    private List<SearchResult> search(Connection c, UUID account, SearchQuery q, int limit) throws SQLException {
        prepare(c);
        List<WordPattern> words = patterns(c, q);
        boolean scripts = q.text().startsWith("javascript:");
        int perSource = limit + SPARE;
        Sources sources = Sources.of(q);
        Optional<AutofillInput> autofill = AutofillInput.of(q);

        SearchStatement first = new SearchStatement(account);
        if (sources.tabs) {
            first.tabs(words, scripts, sources.tabAlso);
        }
        boolean bookmarksTop = sources.bookmarks && sources.bookmarkAlso.equals(AlsoIn.NOTHING);
        if (bookmarksTop) {
            first.bookmarksTop(words, BOOKMARK_SCAN, perSource, scripts);
        } else if (sources.bookmarks) {
            first.bookmarksAll(words, perSource, scripts, sources.bookmarkAlso);
        }
        boolean historyTop = sources.history;
        if (historyTop) {
            first.historyTop(words, HISTORY_SCAN, perSource, scripts);
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
        List<Candidate> candidates = run(c, first);

        // The first pass is the answer when it found enough boundary matches (or had nothing to match).
        SearchStatement second = new SearchStatement(account);
        if (bookmarksTop && !words.isEmpty() && boundaryMatches(candidates, Part.BOOKMARK) < perSource) {
            candidates.removeIf(x -> x.part() == Part.BOOKMARK);
            second.bookmarksAll(words, perSource, scripts, AlsoIn.NOTHING);
        }
        if (historyTop && !words.isEmpty() && boundaryMatches(candidates, Part.HISTORY) < perSource) {
            candidates.removeIf(x -> x.part() == Part.HISTORY);
            second.historyAll(words, perSource, scripts);
        }
        if (!second.isEmpty()) {
            candidates.addAll(run(c, second));
        }
        candidates.removeIf(x -> x.part().adaptive() && !sources.allowsAdaptive(x, candidates));
        return ResultRanking.rank(q, autofill, candidates, limit);
    }

    private static long boundaryMatches(List<Candidate> candidates, Part part) {
        return candidates.stream().filter(x -> x.part() == part && x.boundary()).count();
    }

    private static List<WordPattern> patterns(Connection c, SearchQuery q) throws SQLException {
        List<String> folded = TextFolding.fold(c, q.words());
        List<WordPattern> patterns = new ArrayList<>();
        for (String w : folded) {
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

    private static List<Candidate> run(Connection c, SearchStatement statement) throws SQLException {
        List<Candidate> rows = new ArrayList<>();
        if (statement.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(statement.sql())) {
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
     * Where results may come from. Without a source restriction: tabs, bookmarks and history. With some, results come
     * from the narrowest one (tabs, else bookmarks, else history) and must also be in each other one named.
     */
    private record Sources(boolean tabs, boolean bookmarks, boolean history, AlsoIn tabAlso, AlsoIn bookmarkAlso, SearchQuery query) {
        static Sources of(SearchQuery q) {
            boolean h = q.has(Restriction.HISTORY);
            boolean b = q.has(Restriction.BOOKMARK);
            boolean t = q.has(Restriction.TAG);
            boolean o = q.has(Restriction.OPEN_TAB);
            if (!h && !b && !t && !o) {
                return new Sources(true, true, true, AlsoIn.NOTHING, AlsoIn.NOTHING, q);
            }
            if (o) {
                return new Sources(true, false, false, new AlsoIn(h, b, t, false), AlsoIn.NOTHING, q);
            }
            if (b || t) {
                return new Sources(false, true, false, AlsoIn.NOTHING, new AlsoIn(h, false, t, false), q);
            }
            return new Sources(false, false, true, AlsoIn.NOTHING, AlsoIn.NOTHING, q);
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
