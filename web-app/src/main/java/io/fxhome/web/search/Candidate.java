package io.fxhome.web.search;

import java.time.Instant;

/**
 * One row a search statement found, before the results are merged.
 *
 * @param part which part of the search found it (see {@link Part})
 * @param frecency the URL's Firefox frecency as the worker stored it (a day number; higher ranks first)
 * @param boundary every word matched at a word boundary
 * @param device the device's name, for a tab; the sender's, for a tab in the inbox
 * @param extra the keyword (KEYWORD, BOOKMARK)
 * @param rank adaptive history's rank (ADAPTIVE parts)
 */
record Candidate(Part part, String url, String title, int frecency, Instant lastAt, int visits, boolean boundary, String device,
        String extra, double rank) {

    enum Part {
        TAB("t", "tab"),
        INBOX("i", "inbox"),
        BOOKMARK("b", "bookmark"),
        HISTORY("h", "history"),
        ADAPTIVE_TAB("at", "tab"),
        ADAPTIVE_BOOKMARK("ab", "bookmark"),
        ADAPTIVE_HISTORY("ah", "history"),
        KEYWORD("k", "bookmark"),
        ORIGIN("o", null),
        URL_PREFIX("u", null);

        final String code;
        /** What a result from this part is, when it is that. */
        final String source;

        Part(String code, String source) {
            this.code = code;
            this.source = source;
        }

        static Part of(String code) {
            for (Part p : values()) {
                if (p.code.equals(code)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown search part " + code);
        }

        boolean adaptive() {
            return this == ADAPTIVE_TAB || this == ADAPTIVE_BOOKMARK || this == ADAPTIVE_HISTORY;
        }
    }
}
