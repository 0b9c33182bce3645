package io.fxhome.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.fxhome.web.testsupport.ArbitraryText;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link WordPattern#matchesAtBoundary} answers what PostgreSQL answers for the walk's condition ({@code text like
 * like() and text ~ boundary()}), on texts and words cut from pieces that sit on every edge of the two conditions:
 * newlines (title and URL), letters a-z beside other letters, digits and separators, LIKE's and the regular
 * expressions' special characters, and non-ASCII letters.
 */
@QuarkusTest
class WordPatternMatchTest {
    private static final String[] PIECES = { "a", "b", "ab", "ba", "z", "A", "é", "ſ", "1", " ", "-", "/", "\n", "%", "_",
            "\\", ".", "*", "(", "[", "^", "$", "\ud83d\ude00" };
    private static final String[] WORD_PIECES = { "a", "b", "ab", "ba", "z", "é", "1", "-", "%", "_", "\\", ".", "*", "(", "[",
            "^", "$" };

    @Inject
    AgroalDataSource ds;

    @Test
    void javaAnswersWhatPostgresqlAnswers() throws Exception {
        Random random = new Random(ArbitraryText.SEED);
        List<String> texts = new ArrayList<>();
        List<WordPattern> patterns = new ArrayList<>();
        for (int i = 0; i < 5 * ArbitraryText.TRIES; i++) {
            String word = cut(random, WORD_PIECES, 1 + random.nextInt(3));
            // Half the texts hold the word somewhere, so that both answers are common.
            String text = cut(random, PIECES, random.nextInt(8)) + (random.nextBoolean() ? word : "")
                    + cut(random, PIECES, random.nextInt(8));
            texts.add(text);
            patterns.add(WordPattern.of(word, WordPattern.Where.values()[random.nextInt(3)]));
        }
        List<Boolean> postgresql = inPostgresql(texts, patterns);
        int matches = 0;
        for (int i = 0; i < texts.size(); i++) {
            WordPattern p = patterns.get(i);
            assertThat(p.matchesAtBoundary(texts.get(i)))
                    .as("%s %s in %s (like %s, boundary %s)", p.where(), escape(p.word()), escape(texts.get(i)), p.like(),
                            p.boundary())
                    .isEqualTo(postgresql.get(i));
            matches += postgresql.get(i) ? 1 : 0;
        }
        assertThat(matches).as("cases that match").isBetween(texts.size() / 10, texts.size() * 9 / 10);
    }

    private List<Boolean> inPostgresql(List<String> texts, List<WordPattern> patterns) throws Exception {
        List<Boolean> answers = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select x.t like x.l and (x.b is null or x.t ~ x.b)"
                        + " from unnest(?::text[], ?::text[], ?::text[]) with ordinality as x(t, l, b, n) order by x.n")) {
            Array t = c.createArrayOf("text", texts.toArray());
            Array l = c.createArrayOf("text", patterns.stream().map(WordPattern::like).toArray());
            Array b = c.createArrayOf("text", patterns.stream().map(WordPattern::boundary).toArray());
            ps.setArray(1, t);
            ps.setArray(2, l);
            ps.setArray(3, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answers.add(rs.getBoolean(1));
                }
            }
        }
        return answers;
    }

    private static String cut(Random random, String[] pieces, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(pieces[random.nextInt(pieces.length)]);
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
