package io.fxhome.web.search;

import java.util.Optional;

/**
 * Firefox's restriction characters (browser.urlbar.restrict.*): typed as a word of their own at the start or the end
 * of the query, they narrow the search. Several combine: a result must satisfy each.
 */
public enum Restriction {
    /** {@code ^}: pages from history. */
    HISTORY('^'),
    /** {@code *}: bookmarks. */
    BOOKMARK('*'),
    /** {@code +}: tagged bookmarks. */
    TAG('+'),
    /** {@code %}: tabs open on the account's devices. */
    OPEN_TAB('%'),
    /** {@code #}: every word in the title (or, for a bookmark, its tags or keyword). */
    TITLE('#'),
    /** {@code $}: every word in the URL. */
    URL('$');

    private final char symbol;

    Restriction(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    static Optional<Restriction> of(String word) {
        if (word.length() != 1) {
            return Optional.empty();
        }
        for (Restriction r : values()) {
            if (r.symbol == word.charAt(0)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Restricts where results come from (as opposed to where words must match). */
    boolean isSource() {
        return this != TITLE && this != URL;
    }
}
