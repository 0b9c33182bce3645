package io.fxhome.web.history.export;

/**
 * Cells of an RFC 4180 CSV file. A cell holding a comma, a quote, a line break or surrounding white space is quoted, its
 * quotes doubled. Text a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage
 * return: OWASP's "CSV injection") gets a leading apostrophe, so that a synced title can never compute anything when
 * the file is opened; the JSON export keeps every value exactly.
 */
public final class CsvCells {
    private CsvCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String v = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value
                : value;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1));
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
