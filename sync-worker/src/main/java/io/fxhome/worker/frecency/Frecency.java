package io.fxhome.worker.frecency;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Firefox's page frecency (Firefox 147+, {@code calculate_frecency} in toolkit/components/places/SQLFunctions.cpp), for
 * a page seen for the first time: the same rule as the {@code fxhome_page_frecency} SQL function of migration V7, which
 * the history writer uses for pages it already holds. Computing it here, before the COPY, keeps the per-page merge statement
 * as cheap as it was; {@code FrecencyTest} checks that both give the same day.
 * <p>
 * The result is a day number since the epoch: the day on which the page's score, decaying with a 30-day half-life,
 * would fall to 1. The score is the mean weight of the 10 latest visits (downloads, framed links and reloads left
 * out), each decayed towards the newest one, times the visit count. 0 means no score.
 */
public final class Frecency {
    /** places.frecency.pages.numSampledVisits. */
    public static final int SAMPLED_VISITS = 10;
    /** places.frecency.pages.halfLifeDays. */
    public static final double HALF_LIFE_DAYS = 30;
    /** places.frecency.pages.highWeight: typed, bookmark and bookmarked-page visits. */
    public static final int HIGH_WEIGHT = 100;
    /** places.frecency.pages.mediumWeight: links, redirect targets. */
    public static final int MEDIUM_WEIGHT = 50;
    /** places.frecency.pages.lowWeight: embedded visits. */
    public static final int LOW_WEIGHT = 20;

    private static final double LAMBDA = Math.log(2) / HALF_LIFE_DAYS;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private Frecency() {
    }

    /** Visits Firefox counts in visit_count: not invalid (0), embed (4), download (7), framed link (8) or reload (9). */
    public static boolean counted(int transition) {
        return transition == 1 || transition == 2 || transition == 3 || transition == 5 || transition == 6;
    }

    /** The page's distinct visits (a visit is its date and type), as the archive keeps them. */
    public static Set<Visit> distinct(Collection<Visit> visits) {
        return new LinkedHashSet<>(visits);
    }

    public static int countedVisits(Set<Visit> distinct) {
        return (int) distinct.stream().filter(v -> counted(v.transition())).count();
    }

    /** The visits Firefox samples: the 10 latest of types 1 to 6 (no downloads, framed links or reloads), newest first. */
    public static List<Visit> sample(Collection<Visit> distinct) {
        return distinct.stream().filter(v -> v.transition() >= 1 && v.transition() <= 6)
                .sorted(Comparator.comparingLong(Visit::visitedAtMicros).reversed()).limit(SAMPLED_VISITS).toList();
    }

    /**
     * The frecency of a page from its sampled visits (see {@link #sample}), how many visits Firefox counts for it and
     * whether it is bookmarked.
     */
    public static int of(List<Visit> sample, int countedVisits, boolean bookmarked, String url) {
        if (url != null && url.startsWith("place:")) {
            return 0;
        }
        if (sample.isEmpty()) {
            return 0;
        }
        long reference = Long.MIN_VALUE;
        for (Visit v : sample) {
            reference = Math.max(reference, days(v.visitedAtMicros()));
        }
        double sum = 0;
        for (Visit v : sample) {
            sum += weight(v.transition(), bookmarked) * Math.exp(-LAMBDA * (reference - days(v.visitedAtMicros())));
        }
        double score = sum / sample.size() * Math.max(countedVisits, sample.size());
        return (int) (reference + (long) (Math.log(score) / LAMBDA));
    }

    /** Firefox divides microseconds by a day's worth in SQLite integer arithmetic: truncated towards zero. */
    static long days(long micros) {
        return micros / MICROS_PER_DAY;
    }

    static int weight(int transition, boolean bookmarked) {
        if (bookmarked || transition == 2 || transition == 3) {
            return HIGH_WEIGHT;
        }
        return transition == 4 ? LOW_WEIGHT : MEDIUM_WEIGHT;
    }
}
