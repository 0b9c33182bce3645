package io.fxhome.web.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fxhome.web.http.Links;
import io.fxhome.web.search.Candidate.Part;

/**
 * Puts the candidates of a search in the address bar's order and keeps each URL once:
 * <ol>
 * <li>the heuristic result: the bookmark whose keyword was typed, else the autofilled URL;</li>
 * <li>adaptive history: URLs picked before for inputs starting with this one, by rank, then frecency;</li>
 * <li>the rest: matches at word boundaries before matches anywhere, each by frecency (then last visit).</li>
 * </ol>
 * A URL found in several places is shown as a tab (with its device) before a tab in the inbox (with its sender) before
 * a bookmark before history.
 */
final class ResultRanking {
    private ResultRanking() {
    }

    /** All we know of one URL across the candidates. */
    private static final class Page {
        final String url;
        String tabTitle;
        String device;
        String inboxTitle;
        String sender;
        boolean inbox;
        String bookmarkTitle;
        String historyTitle;
        boolean tab;
        boolean bookmark;
        boolean history;
        int frecency;
        Instant lastAt;
        int visits;

        Page(String url) {
            this.url = url;
        }

        void add(Candidate c) {
            frecency = Math.max(frecency, c.frecency());
            if (c.lastAt() != null && (lastAt == null || c.lastAt().isAfter(lastAt))) {
                lastAt = c.lastAt();
            }
            visits = Math.max(visits, c.visits());
            switch (c.part()) {
                case TAB, ADAPTIVE_TAB -> {
                    tab = true;
                    if (tabTitle == null) {
                        tabTitle = c.title();
                        device = c.device();
                    }
                }
                case INBOX -> {
                    inbox = true;
                    if (inboxTitle == null) {
                        inboxTitle = c.title();
                        sender = c.device();
                    }
                }
                case BOOKMARK, ADAPTIVE_BOOKMARK, KEYWORD -> {
                    bookmark = true;
                    bookmarkTitle = bookmarkTitle == null ? c.title() : bookmarkTitle;
                }
                case HISTORY, ADAPTIVE_HISTORY -> {
                    history = true;
                    historyTitle = historyTitle == null ? c.title() : historyTitle;
                }
                default -> {
                }
            }
        }

        String source() {
            return tab ? "tab" : inbox ? "inbox" : bookmark ? "bookmark" : history ? "history" : null;
        }

        String title() {
            for (String t : tab ? new String[] { tabTitle, inboxTitle, bookmarkTitle, historyTitle }
                    : inbox ? new String[] { inboxTitle, bookmarkTitle, historyTitle }
                            : bookmark ? new String[] { bookmarkTitle, historyTitle } : new String[] { historyTitle }) {
                if (t != null && !t.isBlank()) {
                    return t;
                }
            }
            return null;
        }

        SearchResult result(String heuristic, String autofill) {
            return new SearchResult(url, title(), source(), lastAt, visits, Links.linkable(url),
                    tab ? device : inbox ? sender : null, heuristic, autofill);
        }
    }

    private record Ranked(String url, boolean boundary, int frecency, Instant lastAt) {
    }

    static List<SearchResult> rank(SearchQuery query, Optional<AutofillInput> autofill, List<Candidate> candidates, int limit) {
        Map<String, Page> pages = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.part() != Part.ORIGIN && c.part() != Part.URL_PREFIX) {
                pages.computeIfAbsent(c.url(), Page::new).add(c);
            }
        }
        Map<String, SearchResult> out = new LinkedHashMap<>();
        heuristic(query, autofill, candidates, pages).ifPresent(r -> out.put(r.url(), r));

        // Adaptive history, best rank first.
        Map<String, Double> ranks = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.part().adaptive()) {
                ranks.merge(c.url(), c.rank(), Math::max);
            }
        }
        ranks.entrySet().stream()
                .sorted(Map.Entry.<String, Double> comparingByValue().reversed()
                        .thenComparing(e -> pages.get(e.getKey()).frecency, Comparator.reverseOrder()))
                .forEach(e -> out.putIfAbsent(e.getKey(), pages.get(e.getKey()).result(null, null)));

        // Then boundary matches before the others, each by frecency.
        Map<String, Ranked> matches = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.part() == Part.TAB || c.part() == Part.INBOX || c.part() == Part.BOOKMARK || c.part() == Part.HISTORY) {
                matches.merge(c.url(), new Ranked(c.url(), c.boundary(), c.frecency(), c.lastAt()),
                        (a, b) -> new Ranked(a.url(), a.boundary() || b.boundary(), Math.max(a.frecency(), b.frecency()),
                                a.lastAt() == null ? b.lastAt()
                                        : b.lastAt() == null || a.lastAt().isAfter(b.lastAt()) ? a.lastAt() : b.lastAt()));
            }
        }
        matches.values().stream()
                .sorted(Comparator.comparing(Ranked::boundary).reversed()
                        .thenComparing(Ranked::frecency, Comparator.reverseOrder())
                        .thenComparing(Ranked::lastAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Ranked::url))
                .forEach(r -> out.putIfAbsent(r.url(), pages.get(r.url()).result(null, null)));
        List<SearchResult> list = new ArrayList<>(out.values());
        return list.size() > limit ? list.subList(0, limit) : list;
    }

    private static Optional<SearchResult> heuristic(SearchQuery query, Optional<AutofillInput> autofill,
            List<Candidate> candidates,
            Map<String, Page> pages) {
        for (Candidate c : candidates) {
            if (c.part() == Part.KEYWORD) {
                Optional<String> url = keywordUrl(c.url(), query.afterFirstWord());
                if (url.isPresent()) {
                    Page page = pages.get(c.url());
                    return Optional.of(new SearchResult(url.get(), page.title(), "bookmark", page.lastAt, page.visits,
                            Links.linkable(url.get()), null, "keyword", null));
                }
            }
        }
        if (autofill.isEmpty()) {
            return Optional.empty();
        }
        // The best page of the best host (origin), or the best page (URL): by frecency, https first on a tie.
        Candidate best = null;
        AutofillInput.Completion completion = null;
        Comparator<Candidate> order = Comparator.comparingInt(Candidate::frecency)
                .thenComparing(c -> c.url().startsWith("https:"));
        for (Candidate c : candidates) {
            if (c.part() != Part.ORIGIN && c.part() != Part.URL_PREFIX) {
                continue;
            }
            Optional<AutofillInput.Completion> done = autofill.get().completion(c.url());
            if (done.isPresent() && (best == null || order.compare(c, best) > 0)) {
                best = c;
                completion = done.get();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Page page = pages.get(completion.url());
        String source = page != null && page.source() != null ? page.source()
                : best.part() == Part.ORIGIN && best.lastAt() == null ? "bookmark" : "history";
        String title = page != null ? page.title() : completion.url().equals(best.url()) ? best.title() : null;
        return Optional.of(new SearchResult(completion.url(), title, source, page == null ? null : page.lastAt,
                page == null ? 0 : page.visits,
                Links.linkable(completion.url()),
                page == null ? null : page.tab ? page.device : page.inbox ? page.sender : null, "autofill",
                completion.text()));
    }

    /**
     * A keyword alone opens its bookmark; followed by more words, it fills them into the bookmark's {@code %s}
     * (encoded) or {@code %S} (as typed), as Firefox's keyword bookmarks do: everything typed after the keyword, not the
     * parsed words (which drop repeats and stop at eight).
     */
    static Optional<String> keywordUrl(String url, String rest) {
        if (rest.isEmpty()) {
            return Optional.of(url);
        }
        if (!url.contains("%s") && !url.contains("%S")) {
            return Optional.empty();
        }
        return Optional.of(url.replace("%s", URLEncoder.encode(rest, StandardCharsets.UTF_8)).replace("%S", rest));
    }
}
