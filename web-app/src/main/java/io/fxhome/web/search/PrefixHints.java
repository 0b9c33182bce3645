package io.fxhome.web.search;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an account's last searches learned about their words, for the next keystroke (docs/search.md, "Passes"). A
 * person types a query one character at a time, and each search's words are then a prefix of the next one's. A longer
 * prefix matches a subset of the rows the shorter one matched, and its boundary matches are a subset of the shorter
 * one's (a word that starts at a boundary has its prefixes start there too). So when the shorter query's walk through
 * the most frecent pages found too few boundary matches, the longer query's walk through the same pages finds too few
 * as well; and when its bounded trigram look found every match, the longer query's does too.
 * <p>
 * A hint only ever skips a walk or a bounded trigram look, to the next step that {@code SearchService.Step} would take
 * after it, or takes the first walk first when a shorter prefix's walk found enough: every step after a walk is exact on
 * its own (the trigram look knows when it found every match, every match is every match), and a walk is the answer only
 * when it found enough boundary matches, so a hint that is wrong (a guess that misses, or the account's data changed
 * since) costs time and never changes an answer.
 */
@ApplicationScoped
class PrefixHints {
    /** Accounts remembered; past this, all are forgotten (as the session cache does). */
    private static final int MAX_ACCOUNTS = 10_000;
    /** Searches remembered per account: the last few keystrokes, and the query typed before a correction. */
    private static final int PER_ACCOUNT = 8;
    /** A hint is about data that a sync may change: kept for the length of a person's typing, not longer. */
    static final Duration TTL = Duration.ofMinutes(2);

    /** How far a source's walks are skipped, or taken first. */
    enum Skip {
        /** No hint: the steps as the words alone choose them. */
        NOTHING,
        /**
         * Nothing to skip, and the first walk found enough boundary matches for a prefix of these words: they are
         * common, so the first walk comes first even for words longer than {@code WALK_FIRST_LENGTH}, before the
         * trigram look that would read up to its cap of their matches. A guess, where the skips below are certain: a
         * walk that misses is followed by the trigram look, as for a short word, unless {@link Look#COMMON} (learned
         * with this) skips it.
         */
        WALK_FIRST,
        /**
         * The first walk (short words) would miss, or the trigram look finds every match: the look comes first (the long
         * walk, where {@link Look#COMMON} skips it).
         */
        FIRST_WALK,
        /**
         * The long walk would miss too: every match, without the trigram look (which could only be followed by every
         * match, and reads the same rows when it finds fewer than its cap). Certain when a long walk missed; a guess when a
         * first walk found too few boundary matches for the long walk to find enough at the same
         * rate ({@link SearchService#longWalkLikelyMisses}).
         */
        EVERY_WALK;

        Skip max(Skip other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** What a source's bounded trigram look does for these words, as far as earlier searches showed. */
    enum Look {
        /** Nothing known. */
        UNKNOWN,
        /**
         * A guess: the words are common, so the step after the look comes instead of it (the long walk, or every match).
         * Learned where a trigram look reached its cap, where a first walk found enough boundary matches, or where a
         * short word's first walk through history found a fair share of them (the long walk likely finds enough: short words
         * are in
         * thousands of pages, where the look would read up to its cap), and held
         * only for later searches whose words with three letters or digits in a row are the same: they add or extend only words
         * the
         * trigram index cannot serve (the first letters of a next word), so their look would read the same trigrams and
         * keep most of the same rows, and the long walk is likely to find enough among the most frecent pages.
         */
        COMMON,
        /** Certain: the look of a prefix of these words found every match (fewer than its cap), so does this one. */
        FEW;

        Look max(Look other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** A source's hint: which walks to skip, and what its trigram look would do. */
    record Hint(Skip skip, Look look) {
        static final Hint NONE = new Hint(Skip.NOTHING, Look.UNKNOWN);

        Hint max(Hint other) {
            return new Hint(skip.max(other.skip), look.max(other.look));
        }

        boolean learnedAnything() {
            return skip != Skip.NOTHING || look != Look.UNKNOWN;
        }

        /** As a search of {@code later} words may take it from one of {@code earlier} words (see {@link Look#COMMON}). */
        Hint towards(List<String> earlier, List<String> later) {
            return look == Look.COMMON && !trigramWords(earlier).equals(trigramWords(later)) ? new Hint(skip, Look.UNKNOWN)
                    : this;
        }

        private static List<String> trigramWords(List<String> words) {
            return words.stream().filter(WordPattern::hasTrigram).toList();
        }
    }

    /**
     * One search's shape and what it learned.
     *
     * @param restrictions the restriction characters (they choose the sources and where words match)
     * @param scripts whether javascript: URLs were searched
     * @param perSource candidates kept per source
     * @param words the folded words, as matched
     */
    record Learned(Set<Restriction> restrictions, boolean scripts, int perSource, List<String> words, Hint bookmarks,
            Hint history, Instant at) {
        /** The same shape, and every word of this search is a prefix of the word at its place in {@code later}'s. */
        boolean precedes(Set<Restriction> r, boolean s, int n, List<String> later) {
            if (!restrictions.equals(r) || scripts != s || perSource != n || words.size() > later.size()) {
                return false;
            }
            for (int i = 0; i < words.size(); i++) {
                if (!later.get(i).startsWith(words.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The hints for bookmarks and history. */
    record Skips(Hint bookmarks, Hint history) {
        static final Skips NONE = new Skips(Hint.NONE, Hint.NONE);
    }

    private final Map<UUID, Deque<Learned>> byAccount = new ConcurrentHashMap<>();

    /** What earlier searches of this account say about a search of these words. */
    Skips lookup(UUID account, Set<Restriction> restrictions, boolean scripts, int perSource, List<String> words,
            Instant now) {
        Deque<Learned> learned = byAccount.get(account);
        if (learned == null || words.isEmpty()) {
            return Skips.NONE;
        }
        Hint bookmarks = Hint.NONE;
        Hint history = Hint.NONE;
        synchronized (learned) {
            for (Learned l : learned) {
                if (l.at().plus(TTL).isAfter(now) && l.precedes(restrictions, scripts, perSource, words)) {
                    bookmarks = bookmarks.max(l.bookmarks().towards(l.words(), words));
                    history = history.max(l.history().towards(l.words(), words));
                }
            }
        }
        return new Skips(bookmarks, history);
    }

    /** Keeps what a search learned, when it learned anything. */
    void remember(UUID account, Learned learned) {
        if (!learned.bookmarks().learnedAnything() && !learned.history().learnedAnything() || learned.words().isEmpty()) {
            return;
        }
        if (byAccount.size() > MAX_ACCOUNTS) {
            byAccount.clear();
        }
        Deque<Learned> list = byAccount.computeIfAbsent(account, a -> new ArrayDeque<>());
        synchronized (list) {
            list.removeIf(l -> l.words().equals(learned.words()) && l.restrictions().equals(learned.restrictions()));
            list.addFirst(learned);
            while (list.size() > PER_ACCOUNT) {
                list.removeLast();
            }
        }
    }

    /** Forgets the account (tests; an account's data deleted). */
    void forget(UUID account) {
        byAccount.remove(account);
    }
}
