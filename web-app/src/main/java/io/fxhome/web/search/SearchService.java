package io.fxhome.web.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.postgresql.PGStatement;

import io.agroal.api.AgroalDataSource;
import io.fxhome.shard.ShardRouter;
import io.fxhome.web.config.WebConfig;
import io.fxhome.web.jdbc.Sql;
import io.fxhome.web.search.Candidate.Part;
import io.fxhome.web.search.PrefixHints.Hint;
import io.fxhome.web.search.PrefixHints.Look;
import io.fxhome.web.search.PrefixHints.Skip;
import io.fxhome.web.search.SearchStatement.AlsoIn;

/**
 * Address-bar search over the account's open tabs, inbox, bookmarks and history, ranked as Firefox ranks its address bar
 * (docs/search.md): every word in the title or the URL, case and accents ignored; boundary matches before matches
 * anywhere, each by the frecency the worker stored; restriction characters, keywords, autofill and adaptive history.
 * <p>
 * One search is a few statements, each one round trip (see {@link SearchStatement}, {@link Step} and
 * {@link #query}): short, common words walk the most frecent pages in frecency order until enough match at a word
 * boundary (Firefox's way); longer words take a bounded trigram look, which is the whole answer for rare words; words
 * found too often by it are walked in frecency order further; only when that holds too few boundary matches, every
 * match through the trigram index. Sequential scans are off for each statement: every part reads one account's rows
 * through an index that starts with {@code account_id}.
 */
@ApplicationScoped
public class SearchService {
    private static final Logger LOG = Logger.getLogger(SearchService.class);
    /**
     * The bounded trigram look reads at most this many matches. Fewer is the whole answer (rare words, most queries of
     * two or three words); this many means common words, better served in frecency order. The look's index scan costs
     * the same whatever the cap (its bitmap holds every candidate); each row read costs 2–4 µs more, so reading up to a
     * thousand costs less than the long walk that a lower cap sends words of a few hundred matches to (measured in
     * docs/benchmarks.md, "A higher cap").
     */
    static final int CAP = 1000;
    /**
     * The frecency-ordered pass reads at most this many of the most frecent history pages: words on 0.2 % of them or
     * more find enough boundary matches there (what reaches the cap is 1 % of 100,000 pages), and it stops as soon as
     * they do.
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

    /**
     * Runs history's passes beside the rest of a search, on a connection of their own: a person's keystroke waits for
     * the longer of the two rather than for both (docs/search.md, "Two connections"). A virtual thread per search: it
     * waits on PostgreSQL, never computes.
     */
    private static final ExecutorService SECOND_CONNECTION = Executors.newVirtualThreadPerTaskExecutor();

    /** Every query runs on the account's shard. */
    private final ShardRouter shards;
    /** What the account's previous keystrokes learned: which walks, or trigram look, the next one can skip. */
    private final PrefixHints hints;
    /** {@code fxhome.web.api.search-second-connections}. */
    private final int secondConnectionsSetting;
    /**
     * Per pool (each shard has its own), the searches that may hold a second connection now; one that finds none free
     * runs on its first alone.
     */
    private final Map<AgroalDataSource, Semaphore> secondConnections = new ConcurrentHashMap<>();

    public SearchService(ShardRouter shards, PrefixHints hints, WebConfig config) {
        this.shards = shards;
        this.hints = hints;
        this.secondConnectionsSetting = config.api().searchSecondConnections();
    }

    public List<SearchResult> search(UUID accountId, String query, int limit) {
        SearchQuery q = SearchQuery.parse(query);
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        AgroalDataSource data = shards.dataSource(accountId);
        try (Connection c = data.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return search(data, c, accountId, q, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search the data of account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The second connections of a pool free now: the setting, but never half of the pool or more. A search holds its
     * first connection while it takes the second, so a pool whose every connection were such a first one would wait for
     * itself. (Tests drain it: every search runs on one connection.)
     */
    Semaphore secondConnections(AgroalDataSource pool) {
        return secondConnections.computeIfAbsent(pool, p -> new Semaphore(Math.max(0, Math.min(secondConnectionsSetting,
                (p.getConfiguration().connectionPoolConfiguration().maxSize() - 1) / 2))));
    }

    /**
     * The search's settings: no sequential scan; plans made once per connection and statement shape and kept for any
     * words (planning the statement each time cost more than running it; every part is written to be served by an index
     * whatever the values); no JIT compilation, which costs more than a few-millisecond query saves; a search never runs
     * for seconds.
     */
    static final String[][] SETTINGS = { { "enable_seqscan", "off" }, { "plan_cache_mode", "force_generic_plan" },
            { "jit", "off" }, { "statement_timeout", "5s" } };
    /**
     * The settings, local to the transaction, as the first statement of each search statement's batch: they arrive with
     * the statement in one round trip, and hold until the implicit transaction of that batch ends at its Sync (with
     * autocommit, the driver sends a batch's statements, then one Sync; docs/search.md, "Settings").
     */
    static final String SETTINGS_SQL = "select "
            + String.join(", ", Arrays.stream(SETTINGS).map(x -> "set_config('" + x[0] + "', '" + x[1] + "', true)").toList())
            + ";\n";

    /** The search's settings, local to the current transaction (for the plan tests: EXPLAIN with the same settings). */
    static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SETTINGS_SQL);
        }
    }

    private List<SearchResult> search(AgroalDataSource data, Connection c, UUID account, SearchQuery q, int limit)
            throws SQLException {
        List<String> folded = foldedWords(c, q);
        List<WordPattern> words = patterns(q, folded);
        boolean scripts = q.text().startsWith("javascript:");
        int perSource = limit + SPARE;
        Sources sources = Sources.of(q);
        Optional<AutofillInput> autofill = AutofillInput.of(q);
        boolean indexable = words.stream().anyMatch(WordPattern::indexable);
        boolean shortWords = words.stream().allMatch(w -> w.length() <= WALK_FIRST_LENGTH);
        PrefixHints.Skips skips = hints.lookup(account, q.restrictions(), scripts, perSource, folded, Instant.now());

        // Pass 1: tabs, keyword, adaptive history, autofill, and for bookmarks and history the cheapest first look.
        SearchStatement first = new SearchStatement(account);
        Step bookmarks = Step.first(sources.bookmarks, sources.bookmarkAlso.equals(AlsoIn.NOTHING), words.isEmpty(),
                indexable, shortWords, skips.bookmarks());
        Step history = Step.first(sources.history, true, words.isEmpty(), indexable, shortWords, skips.history());
        // What this search learns for the next keystroke: at least what it was told.
        Hint learnedBookmarks = skips.bookmarks();
        Hint learnedHistory = skips.history();
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
        Passes passes = new Passes(account, words, shortWords, perSource, scripts, sources.bookmarkAlso);
        Chain done;
        Semaphore seconds = secondConnections(data);
        if (history != Step.DONE && (bookmarks != Step.DONE || !first.isEmpty()) && seconds.tryAcquire()) {
            // History's steps on a connection of their own, beside the rest (docs/search.md, "Two connections").
            try {
                Future<Chain> historyChain = SECOND_CONNECTION.submit(() -> {
                    Connection h;
                    try {
                        h = data.getConnection();
                    } catch (SQLException e) {
                        // None to be had in time: history's steps run on the first connection after the rest.
                        LOG.debugf("search: no second connection for account %s (%s)", account, e.getMessage());
                        return null;
                    }
                    try (h) {
                        if (!h.getAutoCommit()) {
                            h.setAutoCommit(true);
                        }
                        return passes.run(h, new SearchStatement(account), Step.DONE, history, learnedBookmarks,
                                learnedHistory);
                    }
                });
                Chain rest;
                try {
                    rest = passes.run(c, first, bookmarks, Step.DONE, learnedBookmarks, learnedHistory);
                } catch (SQLException | RuntimeException | Error e) {
                    // The other connection is returned before the failure travels on.
                    try {
                        ended(historyChain);
                    } catch (SQLException | RuntimeException | Error other) {
                        e.addSuppressed(other);
                    }
                    throw e;
                }
                Chain historyDone = ended(historyChain);
                if (historyDone == null) {
                    historyDone = passes.run(c, new SearchStatement(account), Step.DONE, history, learnedBookmarks,
                            learnedHistory);
                }
                done = rest.beside(historyDone);
            } finally {
                seconds.release();
            }
        } else {
            done = passes.run(c, first, bookmarks, history, learnedBookmarks, learnedHistory);
        }
        List<Candidate> candidates = done.candidates();
        hints.remember(account, new PrefixHints.Learned(q.restrictions(), scripts, perSource, folded, done.bookmarks(),
                done.history(), Instant.now()));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("search for account %s: %d words, hints %s%s%s%s, passes (bookmarks, history: ms)%s", account,
                    words.size(), skips.bookmarks().skip().ordinal(), skips.history().skip().ordinal(),
                    skips.bookmarks().look().ordinal(), skips.history().look().ordinal(), done.times());
        }
        candidates.removeIf(x -> x.part().adaptive() && !sources.allowsAdaptive(x, candidates));
        return ResultRanking.rank(q, autofill, candidates, limit);
    }

    /**
     * The other connection's chain, once it has ended and returned its connection (null: it had none). Searches take
     * milliseconds and each statement at most its timeout, so the wait goes on through an interrupt, which is kept.
     */
    private static Chain ended(Future<Chain> chain) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return chain.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case SQLException sql -> throw sql;
                        case RuntimeException r -> throw r;
                        case Error err -> throw err;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What one connection's passes found and learned, with each pass's step codes (bookmarks', history's) and
     * milliseconds.
     */
    private record Chain(List<Candidate> candidates, Hint bookmarks, Hint history, List<String> codes, List<Double> ms) {
        /** Both chains, as if each pass of one had run beside the same pass of the other (for the DEBUG line). */
        Chain beside(Chain history) {
            List<Candidate> all = new ArrayList<>(candidates);
            all.addAll(history.candidates);
            List<String> zippedCodes = new ArrayList<>();
            List<Double> zippedMs = new ArrayList<>();
            for (int i = 0; i < Math.max(codes.size(), history.codes.size()); i++) {
                zippedCodes
                        .add((i < codes.size() ? codes.get(i) : "") + (i < history.codes.size() ? history.codes.get(i) : ""));
                zippedMs.add(Math.max(i < ms.size() ? ms.get(i) : 0, i < history.ms.size() ? history.ms.get(i) : 0));
            }
            return new Chain(all, bookmarks, history.history, zippedCodes, zippedMs);
        }

        String times() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < codes.size(); i++) {
                b.append(String.format(Locale.ROOT, " %s %.2f", codes.get(i), ms.get(i)));
            }
            return b.toString();
        }
    }

    /** One search's passes over one connection: each runs the next step of the sources whose last step was not the answer. */
    private record Passes(UUID account, List<WordPattern> words, boolean shortWords, int perSource, boolean scripts,
            AlsoIn bookmarkAlso) {
        Chain run(Connection c, SearchStatement first, Step bookmarks, Step history, Hint learnedBookmarks,
                Hint learnedHistory) throws SQLException {
            List<Candidate> candidates = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            List<Double> ms = new ArrayList<>();
            SearchStatement pass = first;
            while (true) {
                add(pass, bookmarks, Part.BOOKMARK, words, perSource, scripts, bookmarkAlso);
                add(pass, history, Part.HISTORY, words, perSource, scripts, AlsoIn.NOTHING);
                if (pass.isEmpty()) {
                    break;
                }
                long t0 = System.nanoTime();
                candidates.addAll(SearchService.run(c, pass));
                codes.add(bookmarks.code + history.code);
                ms.add((System.nanoTime() - t0) / 1e6);
                learnedBookmarks = learnedBookmarks
                        .max(bookmarks.learned(candidates, Part.BOOKMARK, words.isEmpty(), perSource, shortWords));
                learnedHistory = learnedHistory
                        .max(history.learned(candidates, Part.HISTORY, words.isEmpty(), perSource, shortWords));
                // What this search learned holds for its own next step too: a first walk that found few boundary
                // matches goes to every match; one that missed after a shorter prefix showed the words common, or found
                // a fair share of a short word in history, skips the trigram look.
                bookmarks = bookmarks.next(candidates, Part.BOOKMARK, words.isEmpty(), perSource, learnedBookmarks);
                history = history.next(candidates, Part.HISTORY, words.isEmpty(), perSource, learnedHistory);
                pass = new SearchStatement(account);
            }
            return new Chain(candidates, learnedBookmarks, learnedHistory, codes, ms);
        }
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
     * Enough boundary matches are the answer; else the bounded trigram look (every match, where the long walk would
     * miss too).</li>
     * <li>CAPPED: the bounded trigram look. Fewer than {@link #CAP} matches are all of them; else the frecency-ordered
     * walk over more.</li>
     * <li>TOP: the frecency-ordered walk, up to {@link #HISTORY_SCAN}. Enough boundary matches (or no words) are the
     * answer; else every match.</li>
     * <li>ALL: every match, through the trigram index.</li>
     * </ul>
     * A hint from the previous keystroke ({@link PrefixHints}) skips a walk that is known to miss, or the trigram look
     * for words a shorter prefix showed common, or walks first for words of any length when a shorter prefix's walk
     * found enough: the steps after a walk are exact whatever the hint, so a hint only ever changes how long the answer
     * takes.
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

        static Step first(boolean searched, boolean plain, boolean noWords, boolean indexable, boolean shortWords, Hint hint) {
            if (!searched) {
                return DONE;
            }
            if (!plain) {
                return ALL;
            }
            if (noWords) {
                return TOP;
            }
            Skip skip = hint.skip();
            if (!indexable) {
                return skip == Skip.EVERY_WALK ? ALL : TOP;
            }
            return shortWords && skip == Skip.NOTHING || skip == Skip.WALK_FIRST ? WALK : look(hint);
        }

        /**
         * The bounded trigram look, unless a hint says which step comes after it. Where both walks miss, the look could
         * be followed only by every match, which reads the same rows as the look when there are fewer than its cap (the
         * same bitmap of candidates, the same heap rows): every match at once. Where a shorter prefix showed the words
         * common, the long walk.
         */
        private static Step look(Hint hint) {
            if (hint.skip() == Skip.EVERY_WALK) {
                return ALL;
            }
            return hint.look() == Look.COMMON ? TOP : CAPPED;
        }

        private static Step afterCap(Hint hint) {
            return hint.skip() == Skip.EVERY_WALK ? ALL : TOP;
        }

        Step next(List<Candidate> candidates, Part part, boolean noWords, int perSource, Hint hint) {
            Step next = switch (this) {
                case WALK -> boundaryMatches(candidates, part) >= perSource ? DONE : look(hint);
                case CAPPED -> capReached(candidates, part) ? afterCap(hint) : DONE;
                case TOP -> noWords || boundaryMatches(candidates, part) >= perSource ? DONE : ALL;
                case ALL, DONE -> DONE;
            };
            if (next != DONE) {
                candidates.removeIf(x -> x.part() == part);
            }
            return next;
        }

        /**
         * What this step, just run, says about longer prefixes of the same words: a walk that missed misses for them
         * too, and a trigram look that found every match finds every match of theirs; a walk that found enough says
         * the words are common, and longer prefixes of them likely are too; so does a trigram look that reached its cap,
         * and a short word's first walk in history that found a fair share of what it needed.
         */
        Hint learned(List<Candidate> candidates, Part part, boolean noWords, int perSource, boolean shortWords) {
            return switch (this) {
                case WALK -> {
                    long found = boundaryMatches(candidates, part);
                    if (found >= perSource) {
                        yield new Hint(Skip.WALK_FIRST, Look.COMMON);
                    }
                    boolean misses = longWalkLikelyMisses(found, part, perSource);
                    // A short word found at this rate in history is common: the long walk, not the look that would
                    // read its cap. (Not bookmarks': their long walk, right after a first sync, cost more than their
                    // look: docs/benchmarks.md, "A higher cap".)
                    yield new Hint(misses ? Skip.EVERY_WALK : Skip.FIRST_WALK,
                            !misses && shortWords && part == Part.HISTORY ? Look.COMMON : Look.UNKNOWN);
                }
                case CAPPED -> capReached(candidates, part) ? new Hint(Skip.NOTHING, Look.COMMON)
                        : new Hint(Skip.FIRST_WALK, Look.FEW);
                case TOP -> noWords || boundaryMatches(candidates, part) >= perSource ? Hint.NONE
                        : new Hint(Skip.EVERY_WALK, Look.UNKNOWN);
                case ALL, DONE -> Hint.NONE;
            };
        }
    }

    /**
     * Whether the long walk would likely miss too, after a first walk that found {@code found} boundary matches (fewer
     * than {@code perSource}): it reads five times as many of the most frecent pages, so at the first walk's rate it
     * would find five times as many, and fewer than {@code perSource} is a miss: every match comes next. A guess
     * (boundary matches need not be spread evenly in frecency order), like {@link Skip#WALK_FIRST}: a wrong one costs
     * time, never an answer, because every match is exact. Measured in docs/benchmarks.md ("Search as a person types").
     */
    static boolean longWalkLikelyMisses(long found, Part part, int perSource) {
        long times = part == Part.BOOKMARK ? BOOKMARK_SCAN / WALK_FIRST_BOOKMARK_SCAN
                : HISTORY_SCAN / WALK_FIRST_HISTORY_SCAN;
        return found * times < perSource;
    }

    private static boolean capReached(List<Candidate> candidates, Part part) {
        return candidates.stream().anyMatch(x -> x.part() == part && x.rank() >= CAP);
    }

    private static long boundaryMatches(List<Candidate> candidates, Part part) {
        return candidates.stream().filter(x -> x.part() == part && x.boundary()).count();
    }

    /** The words as they are matched: folded, without a typed scheme (the match text holds URLs without theirs). */
    private static List<String> foldedWords(Connection c, SearchQuery q) throws SQLException {
        List<String> words = new ArrayList<>();
        for (String f : TextFolding.fold(c, q.words())) {
            String w = withoutScheme(f);
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static List<WordPattern> patterns(SearchQuery q, List<String> folded) {
        List<WordPattern> patterns = new ArrayList<>();
        for (String w : folded) {
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
        if (statement.isEmpty()) {
            return new ArrayList<>();
        }
        return query(c, statement.sql(), statement.params(),
                rs -> new Candidate(Part.of(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                        Sql.instant(rs.getTimestamp(5)), rs.getInt(6), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                        rs.getDouble(10)));
    }

    /** One row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs one statement with the search's settings, both in one batch: one round trip, one implicit transaction (the
     * connection is in autocommit; see {@link #SETTINGS_SQL}).
     */
    static <T> List<T> query(Connection c, String sql, List<Object> params, Row<T> row) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SETTINGS_SQL + sql)) {
            // Named server-side statements from the first use, so that their plans are kept (see SETTINGS).
            ps.unwrap(PGStatement.class).setPrepareThreshold(1);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            ps.execute();
            // The first result is the settings' row.
            if (!ps.getMoreResults()) {
                throw new SQLException("a search statement returned no result set");
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
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
