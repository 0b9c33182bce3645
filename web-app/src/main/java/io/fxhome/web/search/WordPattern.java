package io.fxhome.web.search;

/**
 * How one folded word is looked for in a match text ({@code "<title>\n<url>"}, see migration V7): a LIKE pattern for
 * "anywhere" and a regular expression for "at a word boundary", in the title, the URL or either.
 * <p>
 * Firefox's boundary (SQLFunctions.cpp, isOnBoundary): a match starting with a letter a-z counts only at the start or
 * after a character that is not a-z; a match starting with anything else is always on a boundary.
 *
 * @param like LIKE pattern (escape character {@code \})
 * @param boundary regular expression, or null when any match is on a boundary
 * @param indexable the pattern holds three letters or digits in a row, so a trigram index can serve it (a pattern
 *        without any would make a GIN index read every entry)
 * @param length the folded word's length in characters (short words are common: the search walks in frecency order)
 */
record WordPattern(String like, String boundary, boolean indexable, int length) {
    enum Where {
        TITLE_OR_URL,
        TITLE,
        URL
    }

    static WordPattern of(String folded, Where where) {
        String like = escapeLike(folded);
        String anywhere = switch (where) {
            case TITLE_OR_URL -> "%" + like + "%";
            case TITLE -> "%" + like + "%\n%";
            case URL -> "%\n%" + like + "%";
        };
        String boundary = null;
        char first = folded.charAt(0);
        if (first >= 'a' && first <= 'z') {
            String word = escapeRegex(folded);
            boundary = switch (where) {
                case TITLE_OR_URL -> "(^|[^a-z])" + word;
                case TITLE -> "^([^\\n]*[^a-z\\n])?" + word;
                case URL -> "\\n([^\\n]*[^a-z])?" + word;
            };
        }
        return new WordPattern(anywhere, boundary, hasTrigram(folded), folded.codePointCount(0, folded.length()));
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** In PostgreSQL's advanced regular expressions a backslash before a non-alphanumeric character is that character. */
    static String escapeRegex(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** pg_trgm takes trigrams from runs of letters and digits. */
    static boolean hasTrigram(String s) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = Character.isLetterOrDigit(s.charAt(i)) ? run + 1 : 0;
            if (run >= 3) {
                return true;
            }
        }
        return false;
    }
}
