package io.fxhome.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The trigram lookup (migration V32) never loses a match: every text holding a word somewhere holds the word's query
 * keys, for words cut anywhere, across separators, and of non-ASCII letters (which pg_trgm keeps as hashes).
 */
@QuarkusTest
class TrigramKeysTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789      ./-_:?=%\néüßøç中文ж";
    @Inject
    AgroalDataSource ds;

    @Test
    void everyTextHoldingAWordHoldsItsQueryKeys() throws SQLException {
        Random random = new Random(17);
        List<String> texts = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random, 5 + random.nextInt(80));
            int from = random.nextInt(text.length());
            int to = Math.min(text.length(), from + 1 + random.nextInt(12));
            texts.add(text);
            words.add(text.substring(from, to));
        }
        UUID account = UUID.randomUUID();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select t, w from unnest(?::text[], ?::text[]) u (t, w)
                 where not (fxhome_trigram_keys(?, t) @> fxhome_trigram_query(?, array[w]))""")) {
            ps.setArray(1, c.createArrayOf("text", texts.toArray()));
            ps.setArray(2, c.createArrayOf("text", words.toArray()));
            ps.setObject(3, account);
            ps.setObject(4, account);
            List<String> lost = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lost.add(rs.getString(2) + " in " + rs.getString(1));
                }
            }
            assertThat(lost).isEmpty();
        }
    }

    @Test
    void aWordIsLookedUpByTheTrigramsInsideItAndAWordWithoutAnyByTheAccount() throws SQLException {
        UUID account = UUID.fromString("3f2b8c1e-0d4a-4e7b-9c6d-5a1e2f3b4c5d");
        assertThat(queryKeys(account, "weath")).containsExactlyInAnyOrder("2f3b4c5dwea", "2f3b4c5deat", "2f3b4c5dath");
        // "com" is a whole word between the separators, so its padded trigrams hold in every text that holds ".com/".
        assertThat(queryKeys(account, ".com/")).containsExactlyInAnyOrder("2f3b4c5d  c", "2f3b4c5d co", "2f3b4c5dcom",
                "2f3b4c5dom ");
        assertThat(queryKeys(account, "co")).containsExactly("2f3b4c5d*");
        assertThat(queryKeys(account, "c")).containsExactly("2f3b4c5d*");
    }

    private List<String> queryKeys(UUID account, String word) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select unnest(fxhome_trigram_query(?, array[?]))")) {
            ps.setObject(1, account);
            ps.setString(2, word);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
