package io.fxhome.web.browser;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.CollectionTruth;

/**
 * The address bar's ranking of one account's pages, computed from the sandbox's cleartext truth alone (docs/search.md):
 * every word in the title or the URL, matches at a word boundary before the others, each by Firefox's frecency worked
 * out here from the uploaded visits; one entry per URL. Pages of equal rank may come in any order, so a result list is
 * compared by the rank of each place.
 */
final class SearchOracle {
    /** Firefox's page frecency parameters (places.frecency.pages.*). */
    private static final double LAMBDA = Math.log(2) / 30;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** A tab ranks as a page visited on the day it was last used, this many days later (see SearchStatement). */
    private static final int TAB_DAYS = 169;
    private static final Pattern PERCENT = Pattern.compile("%([0-9A-Fa-f]{2})");

    /** Where a URL stands: boundary matches first, then by frecency. */
    record Rank(boolean boundary, int frecency) implements Comparable<Rank> {
        @Override
        public int compareTo(Rank o) {
            return boundary != o.boundary ? (boundary ? -1 : 1) : Integer.compare(o.frecency, frecency);
        }
    }

    private final CleartextTruth truth;

    SearchOracle(CleartextTruth truth) {
        this.truth = truth;
    }

    /**
     * A word of a recently visited page's title to search for: letters only, and not the start of any host, so that
     * autofill (tested on fixed rows in AddressBarSearchTest) does not put a completion first.
     */
    String word() {
        CollectionTruth h = truth.collection("history");
        Set<String> hosts = new HashSet<>();
        for (String url : urls()) {
            hosts.add(host(url));
        }
        return h.records().keySet().stream().map(h::cleartext)
                .sorted(Comparator.comparingLong(SearchOracle::lastVisit).reversed())
                .map(r -> r.path("title").asText(""))
                .filter(t -> t.matches("[A-Za-z]{3,}( .*)?"))
                .map(t -> t.split(" ")[0].toLowerCase(Locale.ROOT))
                .filter(w -> hosts.stream().noneMatch(x -> x.startsWith(w)))
                .findFirst().orElseThrow();
    }

    /** Every URL that matches the query, with its rank. */
    Map<String, Rank> matches(String query) {
        String[] words = fold(query).trim().split("\\s+");
        Map<String, Rank> out = new HashMap<>();
        Map<String, Integer> pageFrecency = pageFrecencies();
        CollectionTruth history = truth.collection("history");
        for (String id : history.records().keySet()) {
            ObjectNode h = history.cleartext(id);
            String url = h.path("histUri").asText(null);
            if (url != null && !h.path("visits").isEmpty()) {
                add(out, words, h.path("title").isNull() ? "" : h.path("title").asText(""), url,
                        pageFrecency.getOrDefault(url, 0));
            }
        }
        CollectionTruth bookmarks = truth.collection("bookmarks");
        for (String id : bookmarks.records().keySet()) {
            ObjectNode b = bookmarks.cleartext(id);
            String url = b.path("bmkUri").asText(null);
            if ("bookmark".equals(b.path("type").asText()) && url != null) {
                int page = pageFrecency.getOrDefault(url, 0);
                int frecency = page != 0 ? page : unvisitedBookmark(b);
                List<String> title = new ArrayList<>();
                if (!b.path("keyword").asText("").isEmpty()) {
                    title.add(b.path("keyword").asText());
                }
                b.path("tags").forEach(t -> title.add(t.asText()));
                title.add(b.path("title").isNull() ? "" : b.path("title").asText(""));
                add(out, words, String.join(" ", title), url, frecency);
            }
        }
        CollectionTruth clients = truth.collection("clients");
        CollectionTruth tabs = truth.collection("tabs");
        for (String id : tabs.records().keySet()) {
            if (clients.cleartext(id) == null) {
                continue;
            }
            for (JsonNode tab : tabs.cleartext(id).path("tabs")) {
                String url = tab.path("urlHistory").path(0).asText("");
                if (!url.isEmpty()) {
                    long usedDay = new BigDecimal(tab.path("lastUsed").asText("0")).longValue() / 86_400;
                    int frecency = Math.max(pageFrecency.getOrDefault(url, 0), (int) usedDay + TAB_DAYS);
                    add(out, words, tab.path("title").asText(""), url, frecency);
                }
            }
        }
        return out;
    }

    /** The ranks of the first {@code n} places of the result list. */
    List<Rank> top(String query, int n) {
        return matches(query).values().stream().sorted().limit(n).toList();
    }

    private static void add(Map<String, Rank> out, String[] words, String title, String url, int frecency) {
        String text = matchText(title, url);
        if (text.contains("\njavascript:")) {
            return; // Firefox leaves javascript: URLs out unless the query starts with "javascript:"
        }
        boolean boundary = true;
        for (String w : words) {
            if (!text.contains(w)) {
                return;
            }
            boundary &= onBoundary(text, w);
        }
        Rank rank = new Rank(boundary, frecency);
        out.merge(url, rank, (a, b) -> new Rank(a.boundary || b.boundary, Math.max(a.frecency, b.frecency)));
    }

    /** Firefox's isOnBoundary: a word starting with a-z matches at the start or after a character that is not a-z. */
    private static boolean onBoundary(String text, String word) {
        char first = word.charAt(0);
        if (first < 'a' || first > 'z') {
            return true;
        }
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            if (i == 0 || text.charAt(i - 1) < 'a' || text.charAt(i - 1) > 'z') {
                return true;
            }
        }
        return false;
    }

    /** "title\nurl" as migration V7 stores it: folded, scheme dropped, escapes decoded, each part cut at 255. */
    private static String matchText(String title, String url) {
        String u = url;
        for (String scheme : new String[] { "https://", "http://", "ftp://" }) {
            if (u.startsWith(scheme)) {
                u = u.substring(scheme.length());
                break;
            }
        }
        u = PERCENT.matcher(u).replaceAll(m -> {
            int c = Integer.parseInt(m.group(1), 16);
            return c >= 0x20 && c < 0x7f ? Matcher.quoteReplacement(String.valueOf((char) c)) : m.group();
        });
        return cut(fold(title.replace('\n', ' ').replace('\r', ' '))) + "\n"
                + cut(fold(u.replace('\n', ' ').replace('\r', ' ')));
    }

    private static String cut(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** Each history URL's frecency from its visits (Firefox's calculate_frecency; the best record of a URL). */
    private Map<String, Integer> pageFrecencies() {
        Set<String> bookmarked = new HashSet<>();
        CollectionTruth bookmarks = truth.collection("bookmarks");
        for (String id : bookmarks.records().keySet()) {
            ObjectNode b = bookmarks.cleartext(id);
            if ("bookmark".equals(b.path("type").asText()) && b.hasNonNull("bmkUri")) {
                bookmarked.add(b.path("bmkUri").asText());
            }
        }
        Map<String, Integer> out = new HashMap<>();
        CollectionTruth history = truth.collection("history");
        for (String id : history.records().keySet()) {
            ObjectNode h = history.cleartext(id);
            String url = h.path("histUri").asText(null);
            if (url != null) {
                out.merge(url, pageFrecency(h.path("visits"), bookmarked.contains(url), url), Math::max);
            }
        }
        return out;
    }

    private static int pageFrecency(JsonNode visits, boolean bookmarked, String url) {
        if (url.startsWith("place:")) {
            return 0;
        }
        record Visit(long micros, int type) {
        }
        Set<Visit> distinct = new HashSet<>();
        visits.forEach(v -> distinct.add(new Visit(v.path("date").asLong(), v.path("type").asInt())));
        int counted = (int) distinct.stream().filter(v -> Set.of(1, 2, 3, 5, 6).contains(v.type())).count();
        List<Visit> sample = distinct.stream().filter(v -> v.type() >= 1 && v.type() <= 6)
                .sorted(Comparator.comparingLong(Visit::micros).reversed()).limit(10).toList();
        if (sample.isEmpty()) {
            return 0;
        }
        long reference = sample.stream().mapToLong(v -> v.micros() / MICROS_PER_DAY).max().orElseThrow();
        double sum = 0;
        for (Visit v : sample) {
            int weight = bookmarked || v.type() == 2 || v.type() == 3 ? 100 : v.type() == 4 ? 20 : 50;
            sum += weight * Math.exp(-LAMBDA * (reference - v.micros() / MICROS_PER_DAY));
        }
        double score = sum / sample.size() * Math.max(counted, sample.size());
        return (int) (reference + (long) (Math.log(score) / LAMBDA));
    }

    /** A bookmark never visited: one sample of weight 100 on the day it was added. */
    private static int unvisitedBookmark(ObjectNode b) {
        if (!b.hasNonNull("dateAdded") || b.path("bmkUri").asText().startsWith("place:")) {
            return 0;
        }
        long day = Math.floorDiv(b.path("dateAdded").asLong(), 86_400_000L);
        return (int) (day + (long) (Math.log(100) / LAMBDA));
    }

    private List<String> urls() {
        List<String> urls = new ArrayList<>();
        CollectionTruth history = truth.collection("history");
        history.records().keySet().forEach(id -> urls.add(history.cleartext(id).path("histUri").asText("")));
        CollectionTruth bookmarks = truth.collection("bookmarks");
        bookmarks.records().keySet().forEach(id -> urls.add(bookmarks.cleartext(id).path("bmkUri").asText("")));
        return urls;
    }

    private static String host(String url) {
        String u = url.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
        int end = 0;
        while (end < u.length() && "/?#:".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        return u.substring(0, end);
    }

    private static long lastVisit(JsonNode h) {
        long max = 0;
        for (JsonNode v : h.path("visits")) {
            max = Math.max(max, v.path("date").asLong());
        }
        return max;
    }
}
