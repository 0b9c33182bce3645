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
 * @param word the folded word
 * @param where where in the match text it is looked for
 */
record WordPattern(String like, String boundary, boolean indexable, int length, String word, Where where) {
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
        return new WordPattern(anywhere, boundary, hasTrigram(folded), folded.codePointCount(0, folded.length()), folded,
                where);
    }

    /**
     * What PostgreSQL answers for {@code text like like() and text ~ boundary()}, worked out in Java, for match texts
     * the web app already holds ({@link WalkSample}). The two conditions are separate there and stay separate here: the
     * occurrence that satisfies LIKE need not be the one at a boundary. (In PostgreSQL's regular expressions {@code ^}
     * is the start of the text, a bracket range is a range of code points, and {@code [^a-z]} includes the newline.)
     */
    boolean matchesAtBoundary(String text) {
        return like(text) && (boundary == null || atBoundary(text));
    }

    private boolean like(String text) {
        return switch (where) {
            case TITLE_OR_URL -> text.contains(word);
            // "%w%\n%": an occurrence with a newline somewhere after it.
            case TITLE -> {
                int i = text.indexOf(word);
                yield i >= 0 && text.lastIndexOf('\n') >= i + word.length();
            }
            // "%\n%w%": an occurrence after a newline.
            case URL -> {
                int n = text.indexOf('\n');
                yield n >= 0 && text.indexOf(word, n + 1) >= 0;
            }
        };
    }

    private boolean atBoundary(String text) {
        int firstNewline = text.indexOf('\n');
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            boolean afterLetter = i > 0 && text.charAt(i - 1) >= 'a' && text.charAt(i - 1) <= 'z';
            boolean found = switch (where) {
                // "(^|[^a-z])w"
                case TITLE_OR_URL -> !afterLetter;
                // "^([^\n]*[^a-z\n])?w": in the first line, at its start or after a character that is not a-z
                case TITLE -> !afterLetter && (firstNewline < 0 || i < firstNewline);
                // "\n([^\n]*[^a-z])?w": after a newline, right after one or after a character that is not a-z
                case URL -> !afterLetter && firstNewline >= 0 && i > firstNewline;
            };
            if (found) {
                return true;
            }
        }
        return false;
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
