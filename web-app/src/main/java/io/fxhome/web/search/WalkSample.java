package io.fxhome.web.search;

import java.util.List;

import io.fxhome.web.search.Candidate.Part;

/**
 * What a walk in frecency order that answered saw: every boundary match among the account's {@code pages} most frecent
 * pages (the walk stopped at the last of them), by their match texts. For a later query whose words extend these
 * (a person typing on), its boundary matches among those pages are the ones of these texts that still match, so their
 * share says how far its own walk would go: the choice between walking and the trigram look, made from the
 * previous keystroke's answer rather than guessed from the words' length (docs/search.md, "The previous keystroke").
 *
 * @param pages how many of the most frecent pages (or bookmarks) the walk read
 * @param matchTexts the match texts of the boundary matches it found, all of those among them
 */
record WalkSample(int pages, List<String> matchTexts) {
    /** No walk estimate: the words' length and the hints choose the step. */
    static final int UNKNOWN = -1;

    /** The sample of a walk that answered for {@code part}, from its candidates (the walk's position rides in rank). */
    static WalkSample of(List<Candidate> candidates, Part part) {
        List<Candidate> found = candidates.stream().filter(c -> c.part() == part && c.matchText() != null).toList();
        int pages = (int) found.stream().mapToDouble(Candidate::rank).max().orElse(0);
        return new WalkSample(pages, found.stream().map(Candidate::matchText).toList());
    }

    /**
     * How many of the most frecent pages a walk for {@code words} would read to find {@code needed} boundary matches, at
     * the rate these pages hold them; {@link Integer#MAX_VALUE} when none of them still matches.
     */
    int pagesFor(List<WordPattern> words, int needed) {
        long still = matchTexts.stream().filter(t -> words.stream().allMatch(w -> w.matchesAtBoundary(t))).count();
        if (still == 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min(Integer.MAX_VALUE, ((long) pages * needed + still - 1) / still);
    }
}
