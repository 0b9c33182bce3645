package io.fxhome.web.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Folds query words to the form the stored match text has (lower case, no accents: {@code fxhome_fold} of migration
 * V7). ASCII words fold to their lower case here; any other word asks the database, so that both sides always use
 * PostgreSQL's own unaccent rules (ø → o, ß → ss, ...).
 */
final class TextFolding {
    private TextFolding() {
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static List<String> fold(Connection c, List<String> words) throws SQLException {
        if (words.stream().allMatch(TextFolding::isAscii)) {
            return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        }
        List<String> folded = new ArrayList<>(words.size());
        try (PreparedStatement ps = c
                .prepareStatement("select fxhome_fold(w) from unnest(?::text[]) with ordinality as u (w, n) order by n")) {
            Array array = c.createArrayOf("text", words.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    folded.add(rs.getString(1));
                }
            }
        }
        return folded;
    }
}
