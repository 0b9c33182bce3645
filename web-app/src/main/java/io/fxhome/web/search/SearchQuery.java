package io.fxhome.web.search;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fxhome.web.problem.Problem;

/**
 * A query as the address bar reads it: words split on white space, restriction characters at either end taken out
 * (Firefox's UrlbarTokenizer), at most {@value #MAX_WORDS} words of at most {@value #MAX_WORD_LENGTH} characters.
 *
 * @param text the query with runs of white space made single spaces, lower case: what adaptive history remembers
 * @param words the words to match, as typed (folding to the stored form is {@link TextFolding}'s job)
 * @param typed the query as typed, without white space at either end (what a keyword bookmark fills in)
 */
public record SearchQuery(String text, List<String> words, Set<Restriction> restrictions, String typed) {
    static final int MAX_WORDS = 8;
    static final int MAX_WORD_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 200;

    /**
     * Reads a query as typed; {@code null} is the empty query.
     *
     * @throws Problem {@code bad-request} (400) when the query holds a NUL character, which PostgreSQL text cannot hold
     *         (nothing a person types contains one)
     */
    public static SearchQuery parse(String query) {
        if (query != null && query.indexOf('\0') >= 0) {
            throw Problem.badRequest("The search holds a NUL character.");
        }
        String trimmed = query == null ? "" : query.strip();
        if (trimmed.isEmpty()) {
            return new SearchQuery("", List.of(), Set.of(), "");
        }
        List<String> tokens = new ArrayList<>(List.of(trimmed.split("\\s+")));
        EnumSet<Restriction> restrictions = EnumSet.noneOf(Restriction.class);
        // Only at the start or the end: "a ^ b" searches for a "^".
        while (!tokens.isEmpty() && Restriction.of(tokens.get(0)).isPresent()) {
            restrictions.add(Restriction.of(tokens.remove(0)).orElseThrow());
        }
        while (!tokens.isEmpty() && Restriction.of(tokens.get(tokens.size() - 1)).isPresent()) {
            restrictions.add(Restriction.of(tokens.remove(tokens.size() - 1)).orElseThrow());
        }
        Set<String> words = new LinkedHashSet<>();
        for (String t : tokens) {
            if (words.size() == MAX_WORDS) {
                break;
            }
            words.add(t.length() > MAX_WORD_LENGTH ? t.substring(0, MAX_WORD_LENGTH) : t);
        }
        String text = String.join(" ", trimmed.split("\\s+")).toLowerCase(Locale.ROOT);
        return new SearchQuery(text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text, List.copyOf(words),
                Set.copyOf(restrictions), trimmed.length() > MAX_TEXT_LENGTH ? trimmed.substring(0, MAX_TEXT_LENGTH) : trimmed);
    }

    /** What was typed after the first word (a keyword's search terms), as typed: every word, case kept. */
    String afterFirstWord() {
        int space = typed.indexOf(' ');
        int tab = typed.indexOf('\t');
        int end = space < 0 ? tab : tab < 0 ? space : Math.min(space, tab);
        return end < 0 ? "" : typed.substring(end).strip();
    }

    public boolean isEmpty() {
        return words.isEmpty() && restrictions.isEmpty();
    }

    boolean has(Restriction r) {
        return restrictions.contains(r);
    }

    /** No restriction character at all: the query may also be a keyword or the start of a URL. */
    boolean unrestricted() {
        return restrictions.isEmpty();
    }
}
